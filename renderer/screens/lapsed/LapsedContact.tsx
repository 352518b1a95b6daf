import type { LapsedRow } from '../../../shared/schemas/lapsed';
import { messageKindFor } from '../../../shared/domain/messages';
import { useCall } from '../../api/useCall';
import { ContactCard, useSuggestedMessage } from '../../components/ContactCard';

/** The number and agreed channels of the rows shown, fetched once per list. */
export function useLapsedContacts(rows: readonly LapsedRow[]) {
  const ids = rows.map((r) => r.id);
  const got = useCall('reach.contacts', ids.length ? { customerIds: ids } : null).data;
  return new Map((got ?? []).map((c) => [c.customerId, c]));
}

/** A lapsed row's number, consents and suggested message (price-sensitive: the offer; key: the owner's note). */
export function LapsedContact({ row, contacts }: { row: LapsedRow; contacts: ReturnType<typeof useLapsedContacts> }) {
  const suggest = useSuggestedMessage();
  const c = contacts.get(row.id);
  if (!c) return null;
  const kind = messageKindFor({ task: 'winback_contact', tier: row.tier, reason: null, priceSensitive: row.price_sensitive });
  return <ContactCard compact name={row.name} phone={c.phone} consents={c.consents} message={suggest(kind, row.name)} />;
}

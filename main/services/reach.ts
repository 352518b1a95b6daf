import { messages, type MessageKey } from '../../shared/i18n';
import type { Channel } from '../../shared/schemas/common';
import { suggestMessage, type MessageKind } from '../../shared/domain/messages';
import { contactsOf } from '../db/queries/reach';
import type { Ctx } from '../ctx';
import { getSettings } from './settings';

/** What a task shows to reach its customer: the number, the channels agreed, the suggested text. */
export interface Reach {
  phone: string | null;
  consents: Channel[];
  message: string;
}

/**
 * A reacher for one request: reads settings and the customers' contacts once, then fills the
 * suggested text for each task in the shop's language (Chinese unless the shop chose English).
 */
export function reacher(
  ctx: Ctx,
  customerIds: readonly number[],
): (customerId: number, name: string, kind: MessageKind) => Reach {
  const settings = getSettings(ctx.db);
  const dict = messages[settings.language === 'en' ? 'en' : 'zh-CN'];
  const contacts = contactsOf(ctx.db, [...new Set(customerIds)]);
  const defaults = (kind: MessageKind) => dict[`reach.default.${kind}` as MessageKey];
  return (customerId, name, kind) => {
    const c = contacts.get(customerId);
    return {
      phone: c?.phone ?? null,
      consents: (c?.agreed ?? []) as Channel[],
      message: suggestMessage(kind, settings.messages, defaults, { name, shop: settings.shopName }),
    };
  };
}

/** The number and agreed channels of each listed customer that exists. */
export function customerContacts(
  ctx: Ctx,
  ids: readonly number[],
): { customerId: number; phone: string | null; consents: Channel[] }[] {
  const contacts = contactsOf(ctx.db, [...new Set(ids)]);
  return [...contacts].map(([customerId, c]) => ({ customerId, phone: c.phone, consents: c.agreed as Channel[] }));
}

import { AVAILABLE_SEGMENTS, type Segment } from '../../../shared/schemas/export';
import { TIERS } from '../../../shared/schemas/lapsed';

export type Tier = (typeof TIERS)[number];

/**
 * The choice a link brings along (`#/data/export?segment=lapsed&tier=key&staff=3`, from the Lapsed
 * screen's "Export as contact list"); anything unknown is left out.
 */
export function choiceFromQuery(query: string): { segment: Segment; tier: Tier | ''; staff: string } {
  const q = new URLSearchParams(query);
  const segment = q.get('segment') ?? '';
  const tier = q.get('tier') ?? '';
  return {
    segment: (AVAILABLE_SEGMENTS as readonly string[]).includes(segment) ? (segment as Segment) : 'all',
    tier: (TIERS as readonly string[]).includes(tier) ? (tier as Tier) : '',
    staff: /^\d+$/.test(q.get('staff') ?? '') ? q.get('staff')! : '',
  };
}

/** The shop's staff as options of a select (by id), after the select's own empty choice. */
export function StaffOptions({ staff }: { staff: readonly { id: number; name: string }[] }) {
  return staff.map((s) => (
    <option key={s.id} value={String(s.id)}>
      {s.name}
    </option>
  ));
}

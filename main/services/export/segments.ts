import { AppError } from '../../../shared/api/errors';
import { AVAILABLE_SEGMENTS, type SegmentSpec } from '../../../shared/schemas/export';
import { listStaff } from '../../db/queries/settings';
import { customerFilter } from '../../db/queries/customers';
import type { Ctx } from '../../ctx';
import { lapsedList } from '../lapsed';
import { savedFilterByName } from '../saved-filters';

/** A staff member by id (the app) or by name (the CLI's --staff). */
function staffIdOf(ctx: Ctx, key = ''): number {
  const s = listStaff(ctx.db).find((x) => String(x.id) === key || x.name === key);
  if (!s) throw new AppError('NOT_FOUND', { entity: 'staff' }, [{ path: ['staff'], message: 'staff_unknown' }]);
  return s.id;
}

/** The SQL condition for a segment; values are bound, never interpolated. */
export function segmentClause(ctx: Ctx, spec: SegmentSpec): { clause: string; params: Record<string, unknown> } {
  if (!AVAILABLE_SEGMENTS.includes(spec.segment))
    throw new AppError('VALIDATION', { segment: spec.segment }, [{ path: ['segment'], message: 'segment_unavailable' }]);
  switch (spec.segment) {
    case 'tag':
      return {
        clause: 'c.id IN (SELECT ct.customer_id FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.name = @tag)',
        params: { tag: spec.tag },
      };
    case 'staff':
      return { clause: 'c.staff_id = @staffId', params: { staffId: staffIdOf(ctx, spec.staff) } };
    case 'lapsed':
    case 'fading':
    case 'price-sensitive':
    case 'key':
    case 'main':
    case 'ordinary':
    case 'small': {
      const { entries } = lapsedList(ctx);
      const seg = spec.segment;
      const ids = entries
        .filter((e) =>
          seg === 'lapsed' || seg === 'fading'
            ? e.status === seg
            : seg === 'price-sensitive'
              ? e.price_sensitive
              : e.tier === seg,
        )
        // the Lapsed screen's filters, carried over to its export
        .filter((e) => !spec.tier || e.tier === spec.tier)
        .map((e) => e.id);
      const ofStaff = spec.staff ? staffIdOf(ctx, spec.staff) : null;
      return {
        clause: `c.id IN (SELECT value FROM json_each(@ids))${ofStaff === null ? '' : ' AND c.staff_id = @staffId'}`,
        params: { ids: JSON.stringify(ids), ...(ofStaff === null ? {} : { staffId: ofStaff }) },
      };
    }
    case 'complaints':
      return {
        clause: "c.id IN (SELECT customer_id FROM complaints WHERE status <> 'followed_up' OR outcome = 'not_satisfied')",
        params: {},
      };
    case 'saved': {
      const f = savedFilterByName(ctx, spec.name ?? '');
      if (!f) throw new AppError('NOT_FOUND', { entity: 'saved_filter' }, [{ path: ['name'], message: 'filter_unknown' }]);
      const { whereSql, params } = customerFilter(f);
      return { clause: `c.id IN (SELECT c.id FROM customers c WHERE ${whereSql})`, params };
    }
    case 'winback':
      return { clause: "c.id IN (SELECT customer_id FROM winback_cases WHERE status IN ('open', 'contacted'))", params: {} };
    default:
      return { clause: '1 = 1', params: {} };
  }
}

import { AppError } from '../../../shared/api/errors';
import { AVAILABLE_SEGMENTS, type SegmentSpec } from '../../../shared/schemas/export';
import { listStaff } from '../../db/queries/staff';
import {
  activeWinbackClause,
  amongClause,
  everyoneClause,
  openComplaintClause,
  savedFilterClause,
  staffClause,
  taggedClause,
  type CustomerClause,
} from '../../db/queries/customer-search';
import type { Ctx } from '../../ctx';
import { lapsedList } from '../analytics/lapsed';
import { savedFilterByName } from '../saved-filters';

/** A staff member by id (the app) or by name (the CLI's --staff). */
function staffIdOf(ctx: Ctx, key = ''): number {
  const s = listStaff(ctx.db).find((x) => String(x.id) === key || x.name === key);
  if (!s) throw new AppError('NOT_FOUND', { entity: 'staff' }, [{ path: ['staff'], message: 'staff_unknown' }]);
  return s.id;
}

/** The condition over `customers c` for a segment (the SQL is in queries/customer-search.ts). */
export function segmentClause(ctx: Ctx, spec: SegmentSpec): CustomerClause {
  if (!AVAILABLE_SEGMENTS.includes(spec.segment))
    throw new AppError('VALIDATION', { segment: spec.segment }, [{ path: ['segment'], message: 'segment_unavailable' }]);
  switch (spec.segment) {
    case 'tag':
      return taggedClause(spec.tag);
    case 'staff':
      return staffClause(staffIdOf(ctx, spec.staff));
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
      return amongClause(ids, spec.staff ? staffIdOf(ctx, spec.staff) : null);
    }
    case 'complaints':
      return openComplaintClause();
    case 'saved': {
      const f = savedFilterByName(ctx, spec.name ?? '');
      if (!f) throw new AppError('NOT_FOUND', { entity: 'saved_filter' }, [{ path: ['name'], message: 'filter_unknown' }]);
      return savedFilterClause(f);
    }
    case 'winback':
      return activeWinbackClause();
    default:
      return everyoneClause();
  }
}

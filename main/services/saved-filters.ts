import { AppError } from '../../shared/api/errors';
import type { SavedFilter } from '../../shared/schemas/customer';
import { audit } from '../db/queries/audit';
import * as q from '../db/queries/saved-filters';
import type { Ctx } from '../ctx';

export function listSavedFilters(ctx: Ctx): SavedFilter[] {
  return q.listSavedFilters(ctx.db);
}

export function savedFilterByName(ctx: Ctx, name: string): SavedFilter | undefined {
  return q.savedFilterByName(ctx.db, name.trim());
}

/** Saves a filter under a name; saving again under the same name (any case) replaces it. */
export function saveFilter(
  ctx: Ctx,
  f: { name: string; query: string; tag: string | null; consent: SavedFilter['consent'] },
): SavedFilter {
  return ctx.db.transaction(() => {
    const now = ctx.clock.now();
    const existing = savedFilterByName(ctx, f.name);
    if (existing) q.updateSavedFilter(ctx.db, existing.id, f);
    else q.insertSavedFilter(ctx.db, f.name, f, now);
    const saved = savedFilterByName(ctx, f.name)!;
    audit(ctx.db, now, 'filter.save', 'saved_filter', saved.id, { name: saved.name });
    return saved;
  })();
}

export function deleteSavedFilter(ctx: Ctx, id: number): { id: number } {
  return ctx.db.transaction(() => {
    if (!q.deleteSavedFilter(ctx.db, id)) throw new AppError('NOT_FOUND', { entity: 'saved_filter' });
    audit(ctx.db, ctx.clock.now(), 'filter.delete', 'saved_filter', id, {});
    return { id };
  })();
}

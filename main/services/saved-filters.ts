import { AppError } from '../../shared/api/errors';
import type { SavedFilter } from '../../shared/schemas/customer';
import { stmt } from '../db/stmt';
import { audit } from '../db/queries/audit';
import type { Ctx } from '../ctx';

const COLS = 'id, name, query, tag, consent, created_at AS createdAt';

export function listSavedFilters(ctx: Ctx): SavedFilter[] {
  return stmt<[], SavedFilter>(ctx.db, `SELECT ${COLS} FROM saved_filters ORDER BY name COLLATE NOCASE`).all();
}

export function savedFilterByName(ctx: Ctx, name: string): SavedFilter | undefined {
  return stmt<[string], SavedFilter>(ctx.db, `SELECT ${COLS} FROM saved_filters WHERE name = ? COLLATE NOCASE`).get(name.trim());
}

/** Saves a filter under a name; saving again under the same name (any case) replaces it. */
export function saveFilter(
  ctx: Ctx,
  f: { name: string; query: string; tag: string | null; consent: SavedFilter['consent'] },
): SavedFilter {
  return ctx.db.transaction(() => {
    const now = ctx.clock.now();
    const existing = savedFilterByName(ctx, f.name);
    if (existing)
      stmt(ctx.db, 'UPDATE saved_filters SET query = ?, tag = ?, consent = ? WHERE id = ?').run(
        f.query,
        f.tag,
        f.consent,
        existing.id,
      );
    else
      stmt(ctx.db, 'INSERT INTO saved_filters (name, query, tag, consent, created_at) VALUES (?, ?, ?, ?, ?)').run(
        f.name,
        f.query,
        f.tag,
        f.consent,
        now,
      );
    const saved = savedFilterByName(ctx, f.name)!;
    audit(ctx.db, now, 'filter.save', 'saved_filter', saved.id, { name: saved.name });
    return saved;
  })();
}

export function deleteSavedFilter(ctx: Ctx, id: number): { id: number } {
  return ctx.db.transaction(() => {
    const changes = stmt(ctx.db, 'DELETE FROM saved_filters WHERE id = ?').run(id).changes;
    if (!changes) throw new AppError('NOT_FOUND', { entity: 'saved_filter' });
    audit(ctx.db, ctx.clock.now(), 'filter.delete', 'saved_filter', id, {});
    return { id };
  })();
}

import { AppError } from '../../shared/api/errors';
import type { PriceChange } from '../../shared/schemas/prices';
import { stmt } from '../db/stmt';
import { audit } from '../db/queries/audit';
import type { Ctx } from '../ctx';
import { today } from './settings';

const COLUMNS = 'id, changed_on AS changedOn, note, category, created_at AS createdAt';

export function listPriceChanges(ctx: Ctx): PriceChange[] {
  return stmt<[], PriceChange>(ctx.db, `SELECT ${COLUMNS} FROM price_changes ORDER BY changed_on DESC, id DESC`).all();
}

/** Records a price change; a date in the future is refused (record it when it happens). */
export function createPriceChange(ctx: Ctx, input: { changedOn: string; note: string; category: string }): PriceChange {
  if (input.changedOn > today(ctx))
    throw new AppError('VALIDATION', { changedOn: input.changedOn }, [
      { path: ['changedOn'], message: 'price_change_in_future' },
    ]);
  return ctx.db.transaction(() => {
    const now = ctx.clock.now();
    const id = Number(
      stmt(ctx.db, 'INSERT INTO price_changes (changed_on, note, category, created_at) VALUES (?, ?, ?, ?)').run(
        input.changedOn,
        input.note,
        input.category || null,
        now,
      ).lastInsertRowid,
    );
    audit(ctx.db, now, 'price_change.create', 'price_change', id, { changedOn: input.changedOn, category: input.category });
    return stmt<[number], PriceChange>(ctx.db, `SELECT ${COLUMNS} FROM price_changes WHERE id = ?`).get(id)!;
  })();
}

export function deletePriceChange(ctx: Ctx, id: number): { id: number } {
  return ctx.db.transaction(() => {
    const cur = stmt<[number], PriceChange>(ctx.db, `SELECT ${COLUMNS} FROM price_changes WHERE id = ?`).get(id);
    if (!cur) throw new AppError('NOT_FOUND', { entity: 'price_change' });
    stmt(ctx.db, 'DELETE FROM price_changes WHERE id = ?').run(id);
    audit(ctx.db, ctx.clock.now(), 'price_change.delete', 'price_change', id, { changedOn: cur.changedOn, note: cur.note });
    return { id };
  })();
}

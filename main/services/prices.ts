import { AppError } from '../../shared/api/errors';
import type { PriceChange } from '../../shared/schemas/prices';
import { audit } from '../db/queries/audit';
import { allPriceChanges, deletePriceChangeRow, getPriceChange, insertPriceChange } from '../db/queries/price-changes';
import type { Ctx } from '../ctx';
import { today } from './settings';

export function listPriceChanges(ctx: Ctx): PriceChange[] {
  return allPriceChanges(ctx.db);
}

/** Records a price change; a date in the future is refused (record it when it happens). */
export function createPriceChange(ctx: Ctx, input: { changedOn: string; note: string; category: string }): PriceChange {
  if (input.changedOn > today(ctx))
    throw new AppError('VALIDATION', { changedOn: input.changedOn }, [
      { path: ['changedOn'], message: 'price_change_in_future' },
    ]);
  return ctx.db.transaction(() => {
    const now = ctx.clock.now();
    const id = insertPriceChange(ctx.db, input, now);
    audit(ctx.db, now, 'price_change.create', 'price_change', id, { changedOn: input.changedOn, category: input.category });
    return getPriceChange(ctx.db, id)!;
  })();
}

export function deletePriceChange(ctx: Ctx, id: number): { id: number } {
  return ctx.db.transaction(() => {
    const cur = getPriceChange(ctx.db, id);
    if (!cur) throw new AppError('NOT_FOUND', { entity: 'price_change' });
    deletePriceChangeRow(ctx.db, id);
    audit(ctx.db, ctx.clock.now(), 'price_change.delete', 'price_change', id, { changedOn: cur.changedOn, note: cur.note });
    return { id };
  })();
}

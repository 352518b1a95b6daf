import type { Sale, SaleDraft } from '../../shared/schemas/sale';
import type { Ctx } from '../ctx';
import { offerRedeemedBy } from '../db/queries/offers';
import { forgetKeysBefore, keepKey, saleOfKey } from '../db/queries/sale-keys';
import { getSale, linesOfSale } from '../db/queries/sales';

/** A till retries within seconds; keys are kept a week, then forgotten. */
const KEEP_KEYS_MS = 7 * 24 * 3600_000;

/**
 * A sale saved at most once per idempotency key (issue 18): a till that lost the answer to a save
 * (a network drop) sends it again with the same key and gets that sale back. The key is kept in
 * the sale's own transaction, so a save and its key commit together or not at all; every save runs
 * on the one writer lane, so two retries at the same moment cannot both save.
 */
export function recordOnce(ctx: Ctx, d: SaleDraft, record: (ctx: Ctx, d: SaleDraft) => Sale): Sale {
  const key = d.idempotencyKey;
  if (key === undefined) return record(ctx, d);
  return ctx.db.transaction(() => {
    const first = saleOfKey(ctx.db, key);
    if (first !== undefined) {
      const sale = getSale(ctx.db, first);
      if (sale) {
        // the answer the first save gave: the sale, its lines and the offer it redeemed (if any)
        const saved = { ...sale, lines: linesOfSale(ctx.db, sale.id) };
        const offer = offerRedeemedBy(ctx.db, sale.id);
        return offer ? { ...saved, offer } : saved;
      }
    }
    const sale = record(ctx, d);
    const now = ctx.clock.now();
    forgetKeysBefore(ctx.db, now - KEEP_KEYS_MS);
    keepKey(ctx.db, key, sale.id, now);
    return sale;
  })();
}

import type { Sale, SaleDraft } from '../../shared/schemas/sale';
import type { Ctx } from '../ctx';
import { getSale, linesOfSale } from '../db/queries/sales';
import { stmt } from '../db/stmt';

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
    const first = stmt<[string], { sale_id: number }>(ctx.db, 'SELECT sale_id FROM sale_keys WHERE key = ?').get(key);
    if (first) {
      const sale = getSale(ctx.db, first.sale_id);
      if (sale) {
        // the answer the first save gave: the sale, its lines and the offer it redeemed (if any)
        const saved = { ...sale, lines: linesOfSale(ctx.db, sale.id) };
        const offer = stmt<[number], { code: string; discount_minor: number }>(
          ctx.db,
          'SELECT code, discount_minor FROM offers WHERE sale_id = ?',
        ).get(sale.id);
        return offer ? { ...saved, offer: { code: offer.code, discountMinor: offer.discount_minor } } : saved;
      }
    }
    const sale = record(ctx, d);
    const now = ctx.clock.now();
    stmt(ctx.db, 'DELETE FROM sale_keys WHERE at < ?').run(now - KEEP_KEYS_MS);
    stmt(ctx.db, 'INSERT OR REPLACE INTO sale_keys (key, sale_id, at) VALUES (?, ?, ?)').run(key, sale.id, now);
    return sale;
  })();
}

import { contactedCustomersWhoBought } from '../db/queries/winback-cases';
import type { Ctx } from '../ctx';
import { saleVoided, wonBackBy } from './winback';
import { redeemOffer, releaseOffer, type CheckedOffer } from './offers';

/**
 * What changed about sales, told to `saleEffects` inside the transaction that changed them:
 *
 * - `recorded`: a sale at the counter, with the offer it used (checked before it was written);
 * - `voided`: a sale taken out of every total (its offer can be used again);
 * - `edited`: a sale whose customer, time or amount changed;
 * - `merged`: one customer's sales (and cases) moved to another;
 * - `imported`: sales written from a file (after the whole file);
 * - `erased`: a customer's sales became anonymous (their cases went with their record).
 */
export type SaleChange =
  | { kind: 'recorded'; saleId: number; customerId: number | null; offer?: CheckedOffer | null }
  | { kind: 'voided'; saleId: number }
  | { kind: 'edited'; saleId: number; customerId: number | null }
  | { kind: 'merged'; keepId: number; goneId: number }
  | { kind: 'imported' }
  | { kind: 'erased'; customerId: number };

/**
 * The one place a sale's side effects happen, for every path that writes sales. Totals need no
 * call: `customers.visits`, `total_minor`, first and last visit, `visit_days`, `shop_days` and
 * `visit_totals` are kept by triggers (migrations 3, 5 and 13), and the one cache sees the table
 * versions move (main/services/cache.ts). What remains is offers and the win-back cases:
 *
 * - an offer used by a recorded sale is redeemed by it (main/services/offers.ts, which closes the
 *   customer's case as won back by the offer); a voided sale's offer is released;
 * - a contacted case of a customer who has bought at or after the contact closes as won back,
 *   linked to the first such sale (a sale, an import, a merge bringing such a sale over);
 * - a case won by a sale that no longer counts (voided, moved, re-dated before the contact) is
 *   linked to the customer's next sale since the contact, or goes back to "contacted".
 */
export function saleEffects(ctx: Ctx, change: SaleChange): void {
  switch (change.kind) {
    case 'recorded':
      if (change.offer) redeemOffer(ctx, change.offer, change.saleId);
      if (change.customerId !== null) wonBackBy(ctx, change.customerId);
      return;
    case 'voided':
      releaseOffer(ctx, change.saleId);
      saleVoided(ctx, change.saleId);
      return;
    case 'edited':
      saleVoided(ctx, change.saleId);
      if (change.customerId !== null) wonBackBy(ctx, change.customerId);
      return;
    case 'merged':
      wonBackBy(ctx, change.keepId);
      return;
    case 'imported':
      for (const id of contactedCustomersWhoBought(ctx.db)) wonBackBy(ctx, id);
      return;
    case 'erased':
      // their cases are gone with their record; their anonymous sales win nothing back
      return;
  }
}

import { expect } from 'vitest';
import type { Ctx } from '../../main/ctx';
import { dispatch } from '../../main/api';
import { REFRESH_STATS_SQL } from '../../main/db/queries/customers';
import { SHOP_DAY_VISITS_SQL } from '../../main/db/queries/derived';

/**
 * After an upgrade, the derived-data triggers at work on an upgraded shop whose customer 1 has no
 * sales yet: a promotion sale for 1, a new customer's sale, a void and a merge; every customer's
 * totals, their visit totals and the shop's days must then be what a recompute from the sales
 * gives.
 */
export async function saleVoidMergeKeepDerived(ctx: Ctx): Promise<void> {
  const b = await dispatch('customers.create', { name: '李四' }, ctx);
  if (!b.ok) throw new Error('customers.create');
  const bId = (b.data as { id: number }).id;
  const sale = await dispatch('sales.record', { customerId: 1, amountMinor: 1200, isPromotion: true }, ctx);
  if (!sale.ok) throw new Error('sales.record');
  await dispatch('sales.record', { customerId: bId, amountMinor: 500 }, ctx);
  expect(ctx.db.prepare('SELECT customer_id, visits, promo_visits FROM visit_totals ORDER BY customer_id').all()).toEqual([
    { customer_id: 1, visits: 1, promo_visits: 1 },
    { customer_id: bId, visits: 1, promo_visits: 0 },
  ]);
  const shopDays = () => ctx.db.prepare('SELECT day, sales, amount_minor, visits, deal_visits FROM shop_days ORDER BY day').all();
  expect(shopDays()).toEqual([{ day: expect.any(Number), sales: 2, amount_minor: 1700, visits: 2, deal_visits: 1 }]);
  await dispatch('sales.void', { id: (sale.data as { id: number }).id, reason: 'test' }, ctx);
  await dispatch('customers.merge', { keepId: 1, mergeId: bId }, ctx);
  const rows = () =>
    ctx.db.prepare('SELECT id, visits, sales_count, total_minor, first_visit_at, last_visit_at FROM customers ORDER BY id').all();
  const kept = rows();
  ctx.db.exec(REFRESH_STATS_SQL);
  expect(kept).toEqual(rows());
  const keptDays = shopDays();
  ctx.db.exec(SHOP_DAY_VISITS_SQL);
  expect(keptDays).toEqual(shopDays());
  expect(keptDays).toEqual([{ day: expect.any(Number), sales: 1, amount_minor: 500, visits: 1, deal_visits: 0 }]);
  expect(ctx.db.prepare('SELECT customer_id, visits, spend_minor FROM visit_totals').all()).toEqual([
    { customer_id: 1, visits: 1, spend_minor: 500 },
  ]);
}

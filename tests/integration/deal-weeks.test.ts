import { afterEach, expect, it } from 'vitest';
import { cleanupAll, FIXED_NOW, makeCtx, ok } from '../helpers/db';
import { customerWindows, customerWindowsNow, type DealWeek } from '../../main/db/queries/customer-windows';
import { shopWeeks } from '../../main/services/analytics/price-evidence';
import { julianDay } from '../../shared/domain/dates';
import type { Ctx } from '../../main/ctx';

afterEach(cleanupAll);
const DAY = 86_400_000;

/**
 * Each customer's deal numbers by the definition (docs/lapsed.md, price sensitivity), straight from
 * their visit days: a visit's expected deal is the deal share of the shop's other visits that
 * week, or the shop's share when it was the week's only visit.
 */
function byDefinition(db: Ctx['db'], before: number, asOf: number, weeks: readonly DealWeek[], share: number) {
  const visits = db
    .prepare(
      'SELECT customer_id, day, promo_sales > 0 AS deal FROM visit_days WHERE day > ? AND day <= ? ORDER BY customer_id, day',
    )
    .all(before, asOf) as { customer_id: number; day: number; deal: number }[];
  const week = new Map(weeks.map((w) => [w[0], w]));
  const out = new Map<number, { deal_visits: number; expected_deals: number; promo_week_visits: number }>();
  for (const v of visits) {
    const e = out.get(v.customer_id) ?? { deal_visits: 0, expected_deals: 0, promo_week_visits: 0 };
    const w = week.get(Math.floor(v.day / 7));
    e.deal_visits += v.deal;
    e.expected_deals += w && w[1] > 1 ? (w[2] - v.deal) / (w[1] - 1) : share;
    e.promo_week_visits += w ? w[3] : 0;
    out.set(v.customer_id, e);
  }
  return out;
}

it("the windows' deal columns are each customer's deal visits, their same-weeks expectation and visits in promotion weeks", async () => {
  const { ctx } = makeCtx();
  const ids: number[] = [];
  for (const name of ['王芳', '李雷', '韩梅梅', '张伟', '刘洋'])
    ids.push((await ok<{ id: number }>(ctx, 'customers.create', { name })).id);
  // Five weeks back: every customer most weeks; promotions heavy in one week, a discount here and
  // there, one customer alone in an early week (their visit weighed at the shop's share), one
  // visit before the 18 months (left out).
  const at = (daysAgo: number) => FIXED_NOW - daysAgo * DAY;
  for (let w = 0; w < 5; w++)
    for (let i = 0; i < ids.length; i++) {
      if ((w + i) % 4 === 3) continue;
      const promo = w === 2 ? i !== 4 : (w + i) % 5 === 0;
      await ok(ctx, 'sales.record', {
        customerId: ids[i],
        amountMinor: 1000 + 100 * i,
        isPromotion: promo,
        ...(w === 1 && i === 1 ? { discountMinor: 200 } : {}),
        occurredAt: at(7 * w + i),
      });
    }
  await ok(ctx, 'sales.record', { customerId: ids[3], amountMinor: 800, occurredAt: at(200) });
  await ok(ctx, 'sales.record', { customerId: ids[0], amountMinor: 800, occurredAt: at(700) });
  await ok(ctx, 'sales.record', { amountMinor: 300, isPromotion: true, occurredAt: at(3) });

  const asOf = julianDay('2026-03-10');
  const w = { asOf, year: asOf - 365, recent: asOf - 182, before: asOf - 547 };
  const shop = shopWeeks(ctx.db, w.before, asOf);
  expect(shop.weeks.some((x) => x[1] === 1)).toBe(true);
  // The shop's own weeks; and weeks as a caller might give them: the busiest deal week marked a
  // promotion week, the first week missing (its visits then count at the shop's share).
  const marked = shop.weeks.map((x): DealWeek => [x[0], x[1], x[2], x[2] / x[1] > 0.5 ? 1 : 0]);
  expect(marked.some((x) => x[3] === 1)).toBe(true);
  for (const deals of [shop, { weeks: marked.slice(1), share: shop.share }]) {
    const want = byDefinition(ctx.db, w.before, asOf, deals.weeks, deals.share);
    for (const rows of [customerWindowsNow(ctx.db, w, deals), customerWindows(ctx.db, w, deals)]) {
      expect(rows.map((r) => r.customer_id).sort()).toEqual([...ids].sort());
      for (const r of rows) {
        const e = want.get(r.customer_id)!;
        expect(r.deal_visits).toBe(e.deal_visits);
        expect(r.promo_week_visits).toBe(e.promo_week_visits);
        expect(r.expected_deals).toBeCloseTo(e.expected_deals, 12);
      }
    }
  }
});

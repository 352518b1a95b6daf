import { describe, expect, it } from 'vitest';
import { ok, tempShops } from '../helpers/shop';
import { paretoShareOf, top20ShareOf } from '../../shared/domain/churn';

const { fresh, clock } = tempShops(Date.parse('2026-03-10T02:00:00Z'));
const DAY = 86_400_000;

describe('one Pareto figure (issue 15, item 9)', () => {
  it('lapsed.list and insights.overview give the same top-20% share for the same day', async () => {
    const ctx = fresh();
    // 10 customers who bought in the last 12 months (¥1…¥10 × 100) and 10 who bought only before:
    // the old ones count for neither side of the figure.
    for (let i = 1; i <= 20; i++) {
      const c = await ok<{ id: number }>(ctx, 'customers.create', { name: `客${i}` });
      const daysAgo = i <= 10 ? 30 : 500;
      await ok(ctx, 'sales.record', {
        customerId: c.id,
        amountMinor: (i <= 10 ? i : 50) * 10_000,
        occurredAt: clock.now - daysAgo * DAY,
      });
    }
    for (const asOf of ['2026-03-10', '2026-02-28']) {
      const lapsed = await ok<{ top20Share: number }>(ctx, 'lapsed.list', { asOf });
      const insights = await ok<{
        pareto: { top20_share: number; customers: number; points: { customers_share: number; revenue_share: number }[] };
      }>(ctx, 'insights.overview', { asOf });
      // top 2 of the 10 who bought in the year: (10 + 9) / 55
      expect(lapsed.top20Share).toBeCloseTo(19 / 55, 10);
      expect(insights.pareto.top20_share).toBe(lapsed.top20Share);
      expect(insights.pareto.customers).toBe(10);
      // the curve's 20% point is the same figure
      expect(insights.pareto.points.find((p) => p.customers_share === 0.2)!.revenue_share).toBe(lapsed.top20Share);
    }
  });

  it.each([
    // values, share: the top 20% of the customers with value, counted up (1 of 3, 2 of 6)
    [[0, 0, 100], 1],
    [[300, 200, 100], 0.5],
    [[600, 0, 500, 400, 300, 200, 100], (600 + 500) / 2100],
    [[0, 0], 0],
    [[], 0],
  ])('top20ShareOf(%j) = %d', (values, share) => {
    expect(top20ShareOf(values)).toBeCloseTo(share, 12);
    expect(paretoShareOf(values, 0.2)).toBeCloseTo(share, 12);
  });
});

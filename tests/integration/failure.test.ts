import { afterEach, expect, it } from 'vitest';
import { cleanupAll, makeCtx, ok } from '../helpers/db';
import type { Ctx } from '../../main/ctx';
import type { InsightsFailure, InsightsOverview } from '../../shared/schemas/insights';
import type { Product } from '../../shared/schemas/products';

afterEach(cleanupAll);

const at = (date: string) => Date.parse(`${date}T12:00:00+08:00`);

async function sell(ctx: Ctx, customerId: number, dates: string[], lines: { productId: number }[] = [], amountMinor = 10000) {
  for (const d of dates) await ok(ctx, 'sales.record', { customerId, amountMinor, lines, occurredAt: at(d) });
}

it('value lost and churn per tier, staff member and main category; the monthly churn equals the overview’s', async () => {
  const { ctx } = makeCtx(); // today 2026-03-10
  const anna = await ok<{ id: number }>(ctx, 'staff.create', { name: '安娜' });
  const bo = await ok<{ id: number }>(ctx, 'staff.create', { name: '博' });
  const tea = await ok<Product>(ctx, 'products.create', { name: '绿茶', category: '茶叶', priceMinor: 10000 });
  const cup = await ok<Product>(ctx, 'products.create', { name: '杯子', category: '茶具', priceMinor: 10000 });
  const person = async (name: string, staffId: number) =>
    (await ok<{ id: number }>(ctx, 'customers.create', { name, staffId })).id;
  // Bought tea every month of 2025 until September, then never again: lost in December 2025
  // (active at its start, nothing in October, November or December), having spent 9 × 100 in the 12 months before.
  const lostTea = await person('走了的茶客', anna.id);
  await sell(
    ctx,
    lostTea,
    [
      '2025-01-15',
      '2025-02-15',
      '2025-03-15',
      '2025-04-15',
      '2025-05-15',
      '2025-06-15',
      '2025-07-15',
      '2025-08-15',
      '2025-09-15',
    ],
    [{ productId: tea.id }],
  );
  // Buys a cup every month: never lost.
  const stays = await person('常来的', bo.id);
  await sell(
    ctx,
    stays,
    [
      '2025-01-10',
      '2025-02-10',
      '2025-03-10',
      '2025-04-10',
      '2025-05-10',
      '2025-06-10',
      '2025-07-10',
      '2025-08-10',
      '2025-09-10',
      '2025-10-10',
      '2025-11-10',
      '2025-12-10',
      '2026-01-10',
      '2026-02-10',
      '2026-03-05',
    ],
    [{ productId: cup.id }],
  );

  const f = await ok<InsightsFailure>(ctx, 'insights.failure', {});
  const dec = f.months.find((m) => m.month === '2025-12')!;
  expect(dec).toMatchObject({ active_start: 2, lost: 1, churn_rate: 0.5, value_lost_minor: 90000 });
  expect(f.months.filter((m) => m.lost > 0).map((m) => m.month)).toEqual(['2025-12']);
  expect(f.months.at(-1)).toMatchObject({ month: '2026-03', partial: true });
  expect([f.from, f.to]).toEqual(['2025-04', '2026-02']);

  const staff = new Map(f.by_staff.map((g) => [g.name, g]));
  expect(staff.get('安娜')).toMatchObject({ lost: 1, value_lost_minor: 90000 });
  // 安娜's customer was active at the start of Apr … Dec (9 months); lost once.
  expect(staff.get('安娜')!.active).toBe(9);
  expect(staff.get('博')).toMatchObject({ lost: 0, churn_rate: 0 });
  expect(f.by_staff[0]!.name).toBe('安娜');
  const cats = new Map(f.by_category.map((g) => [g.key, g]));
  expect(cats.get('茶叶')).toMatchObject({ lost: 1, value_lost_minor: 90000 });
  expect(cats.get('茶具')).toMatchObject({ lost: 0 });
  expect(f.by_tier.reduce((n, g) => n + g.lost, 0)).toBe(1);

  // The same months, the same churn as the overview.
  const o = await ok<InsightsOverview>(ctx, 'insights.overview', {});
  for (const m of f.months) {
    const same = o.months.find((x) => x.month === m.month)!;
    expect([m.active_start, m.lost]).toEqual([same.active_start, same.lost]);
  }
});

import { afterEach, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { cleanupAll, makeCtx, ok, FIXED_NOW } from '../helpers/db';
import type { Ctx } from '../../main/ctx';
import type { Product } from '../../shared/schemas/products';
import type { PriceChangeAnalysis } from '../../shared/schemas/prices';
import { lapsedList } from '../../main/services/analytics/lapsed';
import { priceChangeAnalyses } from '../../main/services/analytics/price-changes';
import { addDays } from '../../shared/domain/dates';

afterEach(cleanupAll);

const at = (date: string) => Date.parse(`${date}T12:00:00+08:00`);
const every = (from: string, to: string, days: number) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, days)) out.push(d);
  return out;
};
async function buys(ctx: Ctx, customerId: number | null, productId: number, quantity: number, dates: string[]) {
  for (const d of dates) await ok(ctx, 'sales.record', { customerId, lines: [{ productId, quantity }], occurredAt: at(d) });
}

/**
 * A hand-built shop: coffee beans go from ¥50 to ¥60 on Monday 2026-01-05; today is 2026-03-10, so
 * each window is 8 weeks: 2025-11-10 … 2026-01-04 before, 2026-01-05 … 2026-03-01 after.
 */
async function coffeeShop() {
  const shop = makeCtx(at('2025-09-01'));
  const { ctx, clock } = shop;
  const beans = await ok<Product>(ctx, 'products.create', { name: '咖啡豆', category: '咖啡', priceMinor: 5000 });
  const tea = await ok<Product>(ctx, 'products.create', { name: '龙井', category: '茶叶', priceMinor: 8000 });
  clock.now = FIXED_NOW;
  await ok(ctx, 'products.reprice', { id: beans.id, priceMinor: 6000, changedOn: '2026-01-05', note: '进货涨价' });
  const person = async (name: string) => (await ok<{ id: number }>(ctx, 'customers.create', { name })).id;
  const stopped = await person('涨价后少买');
  const moved = await person('换了星期');
  const once = await person('只来过一次');
  const teaOnly = await person('只喝茶');
  await buys(ctx, stopped, beans.id, 2, every('2025-11-10', '2025-12-29', 7)); // 8 Mondays × 2 bags
  await buys(ctx, stopped, beans.id, 1, ['2026-02-02']);
  await buys(ctx, moved, beans.id, 1, every('2025-11-10', '2025-12-29', 7)); // Mondays before…
  await buys(ctx, moved, beans.id, 1, every('2026-01-08', '2026-02-26', 7)); // …Thursdays after
  await buys(ctx, once, beans.id, 1, ['2025-12-01']);
  await buys(ctx, teaOnly, tea.id, 1, every('2025-11-10', '2025-12-29', 7));
  await buys(ctx, null, beans.id, 1, ['2025-12-20']); // a walk-in
  return { ...shop, beans, tea, stopped, moved, once, teaOnly };
}

it('before/after windows of a product price rise: buyers, units, revenue, and who bought less', async () => {
  const { ctx, beans, stopped, moved } = await coffeeShop();
  const { changes } = priceChangeAnalyses(ctx);
  expect(changes).toHaveLength(1);
  expect(changes[0]).toEqual<PriceChangeAnalysis>({
    id: expect.stringMatching(/^product-\d+$/) as unknown as string,
    kind: 'product',
    product: '咖啡豆',
    product_id: beans.id,
    category: '咖啡',
    date: '2026-01-05',
    old_price_minor: 5000,
    new_price_minor: 6000,
    note: '进货涨价',
    window_days: 56,
    judged: true,
    buyers_before: 3,
    buyers_after: 2,
    units_before: 16 + 8 + 1 + 1,
    units_after: 1 + 8,
    // sales before the change paid the old price, after it the new one
    revenue_before_minor: 26 * 5000,
    revenue_after_minor: 9 * 6000,
    customers_buying_less: [stopped],
  });
  expect(changes[0]!.customers_buying_less).not.toContain(moved);
});

it('the customer who stopped buying gets bought_less_after_price_rise; the one who moved weekday and the tea drinker do not', async () => {
  const { ctx, stopped, moved, teaOnly, once } = await coffeeShop();
  const byId = new Map(lapsedList(ctx).entries.map((e) => [e.id, e]));
  expect(byId.get(stopped)!.reasons).toContain('bought_less_after_price_rise');
  expect(byId.get(stopped)!.price_change).toMatchObject({
    date: '2026-01-05',
    product: '咖啡豆',
    measure: 'units',
    before: 16,
    after: 1,
  });
  expect(byId.get(stopped)!.price_sensitivity).toBeGreaterThanOrEqual(30);
  for (const id of [moved, teaOnly, once]) expect(byId.get(id)!.reasons).not.toContain('bought_less_after_price_rise');
});

it('a price cut, a category change and a change too recent to judge', async () => {
  const { ctx, clock, tea, teaOnly } = await coffeeShop();
  await ok(ctx, 'priceChanges.create', { changedOn: '2026-01-05', note: '茶叶全线涨 10%', category: '茶叶' });
  clock.now = at('2026-03-20');
  await ok(ctx, 'products.reprice', { id: tea.id, priceMinor: 7000, changedOn: '2026-03-16' });
  const { changes } = priceChangeAnalyses(ctx, '2026-03-20');
  const cut = changes.find((c) => c.kind === 'product' && c.product === '龙井')!;
  expect(cut).toMatchObject({ date: '2026-03-16', window_days: 5, judged: false, customers_buying_less: [] });
  const category = changes.find((c) => c.kind === 'category')!;
  expect(category).toMatchObject({ product: '茶叶', buyers_before: 1, buyers_after: 0, units_before: 8, units_after: 0 });
  expect(category.customers_buying_less).toEqual([teaOnly]);
  // the tea drinker is flagged by the category rise
  const e = lapsedList(ctx, '2026-03-20').entries.find((x) => x.id === teaOnly)!;
  expect(e.price_change).toMatchObject({ product: '茶叶', measure: 'units', before: 8, after: 0 });
});

it('regulars price-changes --json prints one object per change with the contract fields', async () => {
  const { ctx, stopped } = await coffeeShop();
  const cli = path.resolve(__dirname, '../../dist/cli/index.mjs');
  const env = { ...process.env, REGULARS_NOW: '2026-03-10T10:00:00+08:00', TZ: 'Asia/Shanghai' };
  const r = spawnSync(process.execPath, [cli, 'price-changes', '--db', ctx.dbPath, '--json'], { encoding: 'utf8', env });
  expect(r.stderr).toBe('');
  const out = JSON.parse(r.stdout) as Record<string, unknown>[];
  expect(out).toHaveLength(1);
  expect(out[0]).toMatchObject({
    product: '咖啡豆',
    date: '2026-01-05',
    old_price_minor: 5000,
    new_price_minor: 6000,
    buyers_before: 3,
    buyers_after: 2,
    units_before: 26,
    units_after: 9,
    revenue_before_minor: 130000,
    revenue_after_minor: 54000,
    customers_buying_less: [stopped],
  });
  const text = spawnSync(process.execPath, [cli, 'price-changes', '--db', ctx.dbPath], { encoding: 'utf8', env });
  expect(text.stdout).toContain('2026-01-05  咖啡豆 50.00 → 60.00');
  expect(text.stdout).toContain('1 regular customers bought less after it');
});

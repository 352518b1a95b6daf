import { afterEach, expect, it } from 'vitest';
import { cleanupAll, err, makeCtx, ok } from '../helpers/db';
import type { PriceHistoryEntry, Product } from '../../shared/schemas/products';

afterEach(cleanupAll);

it('adds products, finds them by name, pinyin initials, full pinyin, barcode and SKU, and keeps every price change', async () => {
  const { ctx, clock } = makeCtx(); // today 2026-03-10
  const latte = await ok<Product>(ctx, 'products.create', {
    name: '拿铁咖啡',
    category: '咖啡',
    priceMinor: 2800,
    barcode: '6901234567890',
    sku: 'LT-01',
  });
  await ok(ctx, 'products.create', { name: '美式咖啡', category: '咖啡', priceMinor: 2200 });
  await ok(ctx, 'products.create', { name: '牛角包', category: '烘焙', priceMinor: 1200 });
  const names = async (query: string) => (await ok<Product[]>(ctx, 'products.list', { query })).map((p) => p.name);
  expect(await names('ntkf')).toEqual(['拿铁咖啡']);
  expect(await names('natie')).toEqual(['拿铁咖啡']);
  expect(await names('咖啡')).toEqual(['拿铁咖啡', '美式咖啡']);
  expect(await names('6901234567890')).toEqual(['拿铁咖啡']);
  expect(await names('lt-01')).toEqual(['拿铁咖啡']);

  clock.now += 86_400_000;
  const staff = await ok<{ id: number }>(ctx, 'staff.create', { name: '店长' });
  const up = await ok<Product>(ctx, 'products.reprice', { id: latte.id, priceMinor: 3000, note: '豆子涨价', staffId: staff.id });
  expect(up.priceMinor).toBe(3000);
  await ok(ctx, 'products.reprice', { id: latte.id, priceMinor: 3200, changedOn: '2026-03-11' });
  const history = await ok<PriceHistoryEntry[]>(ctx, 'products.history', { id: latte.id });
  expect(history.map((h) => [h.changedOn, h.oldPriceMinor, h.newPriceMinor])).toEqual([
    ['2026-03-11', 3000, 3200],
    ['2026-03-11', 2800, 3000],
    ['2026-03-10', null, 2800],
  ]);
  expect(history[1]).toMatchObject({ staffName: '店长', note: '豆子涨价' });

  // Retired products leave the counter's list but stay in the catalogue.
  await ok(ctx, 'products.update', { id: latte.id, isActive: false });
  expect(await names('ntkf')).toEqual([]);
  expect((await ok<Product[]>(ctx, 'products.list', { query: 'ntkf', includeRetired: true }))[0]).toMatchObject({
    isActive: false,
  });
});

it.each([
  ['a barcode another product has', { barcode: '111' }, 'barcode', 'barcode_taken'],
  ['a SKU another product has, in other case', { sku: 'abc' }, 'sku', 'sku_taken'],
  ['no name', { name: ' ' }, 'name', 'name_required'],
  ['a negative price', { priceMinor: -1 }, 'priceMinor', undefined],
])('refuses %s and writes nothing', async (_l, patch, field, message) => {
  const { ctx } = makeCtx();
  await ok(ctx, 'products.create', { name: 'A', priceMinor: 100, barcode: '111', sku: 'ABC' });
  const before = ctx.db.prepare('SELECT (SELECT COUNT(*) FROM products) + (SELECT COUNT(*) FROM product_prices) AS n').get();
  const e = await err(ctx, 'products.create', { name: 'B', priceMinor: 200, ...patch });
  expect(e.issues?.[0]?.path).toEqual([field]);
  if (message) expect(e.issues?.[0]?.message).toBe(message);
  expect(ctx.db.prepare('SELECT (SELECT COUNT(*) FROM products) + (SELECT COUNT(*) FROM product_prices) AS n').get()).toEqual(
    before,
  );
});

it('refuses a price change in the future or to the same price', async () => {
  const { ctx } = makeCtx();
  const p = await ok<Product>(ctx, 'products.create', { name: 'A', priceMinor: 100 });
  expect((await err(ctx, 'products.reprice', { id: p.id, priceMinor: 120, changedOn: '2026-03-11' })).issues?.[0]?.message).toBe(
    'price_change_in_future',
  );
  expect((await err(ctx, 'products.reprice', { id: p.id, priceMinor: 100 })).issues?.[0]?.message).toBe('price_unchanged');
  expect(await ok<PriceHistoryEntry[]>(ctx, 'products.history', { id: p.id })).toHaveLength(1);
});

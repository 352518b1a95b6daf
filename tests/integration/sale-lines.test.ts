import { afterEach, expect, it } from 'vitest';
import { cleanupAll, err, makeCtx, ok } from '../helpers/db';
import type { Product } from '../../shared/schemas/products';
import type { Sale } from '../../shared/schemas/sale';
import { lineGrossMinor, linesTotalMinor, parseQuantityToMilli } from '../../shared/domain/lines';

afterEach(cleanupAll);

it('rounds each line to the fen half up and sums lines exactly', () => {
  expect(lineGrossMinor(1500, 1280)).toBe(1920); // 1.5 × ¥12.80
  expect(lineGrossMinor(255, 999)).toBe(255); // 0.255 × ¥9.99 = 2.54745 → ¥2.55
  expect(lineGrossMinor(333, 100)).toBe(33); // 0.333 × ¥1.00 = 0.333 → ¥0.33
  expect(lineGrossMinor(5, 100)).toBe(1); // 0.005 × ¥1.00 = ¥0.005 → half up to ¥0.01
  expect(lineGrossMinor(9_999_000, 100_000_000)).toBe(999_900_000_000); // the largest line is still exact
  expect(
    linesTotalMinor([
      { quantityMilli: 3000, unitPriceMinor: 333, lineDiscountMinor: 0 },
      { quantityMilli: 1500, unitPriceMinor: 1280, lineDiscountMinor: 120 },
    ]),
  ).toBe(999 + 1800);
  expect(parseQuantityToMilli('１.５')).toBe(1500);
  expect(parseQuantityToMilli('2')).toBe(2000);
  for (const bad of ['0', '1.2345', '-1', 'abc', '10000', '']) expect(parseQuantityToMilli(bad)).toBeNull();
});

it('records a sale with lines at the price of its day, plus an amount rung up beside them', async () => {
  const { ctx, clock } = makeCtx(); // 2026-03-10
  const tea = await ok<Product>(ctx, 'products.create', {
    name: '龙井茶',
    category: '茶叶',
    priceMinor: 12800,
    barcode: '6900000000011',
  });
  const cup = await ok<Product>(ctx, 'products.create', { name: '茶杯', category: '器具', priceMinor: 3500 });
  const c = await ok<{ id: number }>(ctx, 'customers.create', { name: '王芳', phone: '13912345678' });
  const sale = await ok<Sale>(ctx, 'sales.record', {
    customerId: c.id,
    lines: [
      { productId: tea.id, quantity: 1.5, lineDiscountMinor: 200 },
      { productId: cup.id, quantity: 2 },
    ],
    amountMinor: 19000 + 7000 + 1500,
  });
  expect(sale.lines).toEqual([
    expect.objectContaining({
      productName: '龙井茶',
      quantity: 1.5,
      unitPriceMinor: 12800,
      lineDiscountMinor: 200,
      lineTotalMinor: 19000,
    }),
    expect.objectContaining({
      productName: '茶杯',
      quantity: 2,
      unitPriceMinor: 3500,
      lineDiscountMinor: 0,
      lineTotalMinor: 7000,
    }),
  ]);
  // paid what was typed; items: one weighed line, two cups, one plain amount; discounts add up
  expect(sale).toMatchObject({ amountMinor: 27500, items: 4, discountMinor: 200 });

  // Without an amount the sale is the lines' total; the amount is never less than the lines.
  const plain = await ok<Sale>(ctx, 'sales.record', { lines: [{ productId: cup.id, quantity: 1 }] });
  expect(plain).toMatchObject({ amountMinor: 3500, items: 1 });
  const below = await err(ctx, 'sales.record', { lines: [{ productId: cup.id, quantity: 1 }], amountMinor: 3000 });
  expect(below.issues?.[0]).toMatchObject({ path: ['amountMinor'], message: 'amount_below_lines' });
  const tooMuchOff = await err(ctx, 'sales.record', { lines: [{ productId: cup.id, lineDiscountMinor: 3600 }] });
  expect(tooMuchOff.issues?.[0]).toMatchObject({ path: ['lines', 0, 'lineDiscountMinor'], message: 'discount_exceeds_line' });
  const noAmount = await err(ctx, 'sales.record', { customerId: c.id });
  expect(noAmount.issues?.[0]).toMatchObject({ path: ['amountMinor'], message: 'required' });
  const badQty = await err(ctx, 'sales.record', { lines: [{ productId: cup.id, quantity: 0.0001 }] });
  expect(badQty.issues?.[0]).toMatchObject({ message: 'quantity_invalid' });
  const unknown = await err(ctx, 'sales.record', { lines: [{ productId: 999 }] });
  expect(unknown.issues?.[0]).toMatchObject({ message: 'product_unknown' });
  // a refused sale wrote nothing
  expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM sales').get()).toEqual({ n: 2 });
  expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM sale_lines').get()).toEqual({ n: 3 });

  // The price rises tomorrow: a sale backdated to today still pays today's price.
  clock.now += 86_400_000;
  await ok(ctx, 'products.reprice', { id: cup.id, priceMinor: 3900 });
  const now = await ok<Sale>(ctx, 'sales.record', { lines: [{ productId: cup.id }] });
  expect(now.lines?.[0]?.unitPriceMinor).toBe(3900);
  const back = await ok<Sale>(ctx, 'sales.record', { lines: [{ productId: cup.id }], occurredAt: clock.now - 86_400_000 });
  expect(back.lines?.[0]?.unitPriceMinor).toBe(3500);

  await ok(ctx, 'products.update', { id: cup.id, isActive: false });
  const retired = await err(ctx, 'sales.record', { lines: [{ productId: cup.id }] });
  expect(retired.issues?.[0]).toMatchObject({ message: 'product_retired' });
});

it('money off the whole sale comes off the lines: the amount may be the lines less that discount', async () => {
  const { ctx } = makeCtx();
  const tea = await ok<Product>(ctx, 'products.create', { name: '普洱', priceMinor: 20000 });
  const s = await ok<Sale>(ctx, 'sales.record', {
    lines: [{ productId: tea.id, quantity: 2 }],
    isPromotion: true,
    discountMinor: 6000,
  });
  expect(s).toMatchObject({ amountMinor: 34000, discountMinor: 6000, isPromotion: true, items: 2 });
  const tooLow = await err(ctx, 'sales.record', { lines: [{ productId: tea.id }], discountMinor: 1000, amountMinor: 18000 });
  expect(tooLow.issues?.[0]).toMatchObject({ message: 'amount_below_lines' });
});

it('lines follow their sale: a void, a merge and an erasure reach them', async () => {
  const { ctx } = makeCtx();
  const tea = await ok<Product>(ctx, 'products.create', { name: '红茶', priceMinor: 5000 });
  const a = await ok<{ id: number }>(ctx, 'customers.create', { name: '甲' });
  const b = await ok<{ id: number }>(ctx, 'customers.create', { name: '乙' });
  const s1 = await ok<Sale>(ctx, 'sales.record', { customerId: a.id, lines: [{ productId: tea.id }] });
  await ok<Sale>(ctx, 'sales.record', { customerId: b.id, lines: [{ productId: tea.id, quantity: 2 }] });
  const lines = () => ctx.db.prepare('SELECT sale_id, customer_id, is_voided FROM sale_lines ORDER BY id').all();
  await ok(ctx, 'sales.void', { id: s1.id, reason: '录错' });
  expect(lines()).toEqual([
    { sale_id: s1.id, customer_id: a.id, is_voided: 1 },
    { sale_id: s1.id + 1, customer_id: b.id, is_voided: 0 },
  ]);
  await ok(ctx, 'customers.merge', { keepId: a.id, mergeId: b.id });
  expect(lines().map((l) => (l as { customer_id: number }).customer_id)).toEqual([a.id, a.id]);
  await ok(ctx, 'customers.erase', { id: a.id, confirm: true });
  expect(lines().map((l) => (l as { customer_id: number | null }).customer_id)).toEqual([null, null]);
});

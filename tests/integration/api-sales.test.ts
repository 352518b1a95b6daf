import { afterEach, describe, expect, it } from 'vitest';
import type { Ctx } from '../../main/ctx';
import type { Customer } from '../../shared/schemas/customer';
import type { Sale } from '../../shared/schemas/sale';
import type { PaymentMethod, Staff } from '../../shared/schemas/settings';
import { cleanupAll, counts, err, makeCtx, ok } from '../helpers/db';

afterEach(cleanupAll);

const DAY = 86_400_000;
const NOW = Date.parse('2026-03-10T10:00:00+08:00');

const customer = (ctx: Ctx, name: string) => ok<Customer>(ctx, 'customers.create', { name });
const get = (ctx: Ctx, id: number) => ok<Customer>(ctx, 'customers.get', { id });
const sale = (ctx: Ctx, input: Record<string, unknown>) => ok<Sale>(ctx, 'sales.record', input);
const row = (ctx: Ctx, id: number) => ctx.db.prepare('SELECT * FROM customers WHERE id = ?').get(id);

async function inShanghai(ctx: Ctx) {
  await ok(ctx, 'settings.update', { timeZone: 'Asia/Shanghai' });
}

describe('sales.record', () => {
  it('updates the customer: two sales on one day are one visit and two sales', async () => {
    const { ctx, clock } = makeCtx();
    await inShanghai(ctx);
    const c = await customer(ctx, '张三');
    const s1 = await sale(ctx, { customerId: c.id, amountMinor: 12800, items: 2 });
    expect(s1).toMatchObject({
      customerId: c.id,
      customerName: '张三',
      occurredAt: NOW,
      businessDate: '2026-03-10',
      amountMinor: 12800,
      items: 2,
      discountMinor: 0,
      isPromotion: false,
      voidedAt: null,
    });
    clock.now += 3 * 3600_000;
    await sale(ctx, { customerId: c.id, amountMinor: 500 });
    const after = await get(ctx, c.id);
    expect(after.stats).toMatchObject({
      visits: 1,
      salesCount: 2,
      totalMinor: 13300,
      firstVisitAt: NOW,
      lastVisitAt: NOW + 3 * 3600_000,
    });
    // A sale on another day is a second visit.
    clock.now += DAY;
    await sale(ctx, { customerId: c.id, amountMinor: 100 });
    expect((await get(ctx, c.id)).stats).toMatchObject({ visits: 2, salesCount: 3, totalMinor: 13400 });
  });

  it('records a walk-in sale that touches no customer', async () => {
    const { ctx } = makeCtx();
    const c = await customer(ctx, '张三');
    const before = row(ctx, c.id);
    const countsBefore = counts(ctx);
    const s = await sale(ctx, { amountMinor: 3000 });
    expect(s).toMatchObject({ customerId: null, customerName: null, amountMinor: 3000, items: 1 });
    expect(row(ctx, c.id)).toEqual(before);
    expect(counts(ctx)).toEqual({ ...countsBefore, sales: countsBefore.sales + 1 });
    const explicit = await sale(ctx, { customerId: null, amountMinor: 1 });
    expect(explicit.customerId).toBeNull();
  });

  it('fills payment method and staff from the shop defaults when not given', async () => {
    const { ctx } = makeCtx();
    const staff = await ok<Staff>(ctx, 'staff.create', { name: '小王' });
    const other = await ok<Staff>(ctx, 'staff.create', { name: '小李' });
    const methods = await ok<PaymentMethod[]>(ctx, 'paymentMethods.list');
    const cash = methods.find((m) => m.code === 'cash')!;
    const card = methods.find((m) => m.code === 'card')!;

    // With no defaults, nothing is filled in.
    expect(await sale(ctx, { amountMinor: 100 })).toMatchObject({ paymentMethodId: null, staffId: null });

    await ok(ctx, 'settings.update', { defaultPaymentMethodId: cash.id, defaultStaffId: staff.id });
    const s = await sale(ctx, { amountMinor: 100 });
    expect(s).toMatchObject({ paymentMethodId: cash.id, paymentMethodName: cash.name, staffId: staff.id, staffName: '小王' });
    // What the counter picks wins over the default.
    const t = await sale(ctx, { amountMinor: 100, paymentMethodId: card.id, staffId: other.id });
    expect(t).toMatchObject({ paymentMethodId: card.id, staffId: other.id, staffName: '小李' });
  });

  it('accepts a backdated sale and refuses one in the future', async () => {
    const { ctx } = makeCtx();
    await inShanghai(ctx);
    const c = await customer(ctx, 'A');
    const back = await sale(ctx, { customerId: c.id, amountMinor: 100, occurredAt: NOW - 2 * DAY });
    expect(back.businessDate).toBe('2026-03-08');
    const before = counts(ctx);
    const e = await err(ctx, 'sales.record', { customerId: c.id, amountMinor: 100, occurredAt: NOW + 3600_000 });
    expect(e.code).toBe('VALIDATION');
    expect(e.issues).toEqual([{ path: ['occurredAt'], message: 'date_in_future' }]);
    expect(counts(ctx)).toEqual(before);
    expect((await get(ctx, c.id)).stats.salesCount).toBe(1);
  });

  it('records against the kept customer when given a merged id', async () => {
    const { ctx } = makeCtx();
    const a = await customer(ctx, 'A');
    const b = await customer(ctx, 'B');
    await ok(ctx, 'customers.merge', { keepId: a.id, mergeId: b.id });
    const s = await sale(ctx, { customerId: b.id, amountMinor: 700 });
    expect(s.customerId).toBe(a.id);
    expect((await get(ctx, a.id)).stats.totalMinor).toBe(700);
  });
});

describe('sales.void', () => {
  it('keeps who, when and why and takes the sale out of the totals', async () => {
    const { ctx, clock } = makeCtx();
    const staff = await ok<Staff>(ctx, 'staff.create', { name: '店长' });
    const c = await customer(ctx, '张三');
    const keep = await sale(ctx, { customerId: c.id, amountMinor: 1000, occurredAt: NOW - DAY });
    const wrong = await sale(ctx, { customerId: c.id, amountMinor: 99900 });
    expect((await get(ctx, c.id)).stats).toMatchObject({ visits: 2, salesCount: 2, totalMinor: 100900 });

    clock.now += 60_000;
    const v = await ok<Sale>(ctx, 'sales.void', { id: wrong.id, reason: '  typed 999 instead of 9.99  ', staffId: staff.id });
    expect(v).toMatchObject({
      id: wrong.id,
      voidedAt: NOW + 60_000,
      voidReason: 'typed 999 instead of 9.99',
      voidedByStaffId: staff.id,
      amountMinor: 99900,
    });
    const stats = (await get(ctx, c.id)).stats;
    expect(stats).toMatchObject({ visits: 1, salesCount: 1, totalMinor: 1000, lastVisitAt: keep.occurredAt });
    // The sale is still there (never deleted), marked void.
    const sales = await ok<Sale[]>(ctx, 'customers.sales', { customerId: c.id });
    expect(sales.find((s) => s.id === wrong.id)?.voidedAt).toBe(NOW + 60_000);
    expect(counts(ctx).sales).toBe(2);
    const audit = ctx.db.prepare("SELECT entity_id, detail FROM audit_log WHERE action = 'sale.void'").all() as {
      entity_id: number;
      detail: string;
    }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.entity_id).toBe(wrong.id);
  });

  it('refuses to void twice and keeps the first void as it was', async () => {
    const { ctx, clock } = makeCtx();
    const s = await sale(ctx, { amountMinor: 100 });
    await ok(ctx, 'sales.void', { id: s.id, reason: 'first' });
    clock.now += 60_000;
    const before = counts(ctx);
    const e = await err(ctx, 'sales.void', { id: s.id, reason: 'second' });
    expect(e.code).toBe('ALREADY_VOIDED');
    expect(counts(ctx)).toEqual(before);
    const stored = ctx.db.prepare('SELECT voided_at, void_reason FROM sales WHERE id = ?').get(s.id);
    expect(stored).toEqual({ voided_at: NOW, void_reason: 'first' });
  });

  it('answers NOT_FOUND for an unknown sale and refuses an empty reason', async () => {
    const { ctx } = makeCtx();
    expect((await err(ctx, 'sales.void', { id: 999, reason: 'x' })).code).toBe('NOT_FOUND');
    const s = await sale(ctx, { amountMinor: 100 });
    expect((await err(ctx, 'sales.void', { id: s.id, reason: '   ' })).code).toBe('VALIDATION');
    expect(ctx.db.prepare('SELECT voided_at FROM sales WHERE id = ?').get(s.id)).toEqual({ voided_at: null });
  });
});

describe('sales.today in the shop time zone', () => {
  it('at 23:30 in Shanghai, a sale made that morning (the previous UTC date) is today', async () => {
    const lateEvening = Date.parse('2026-03-10T23:30:00+08:00');
    const { ctx } = makeCtx(lateEvening);
    await inShanghai(ctx);
    const morning = await sale(ctx, { amountMinor: 100, occurredAt: Date.parse('2026-03-10T07:30:00+08:00') });
    expect(new Date(morning.occurredAt).toISOString().slice(0, 10)).toBe('2026-03-09'); // UTC date differs
    const late = await sale(ctx, { amountMinor: 200 });
    const yesterday = await sale(ctx, { amountMinor: 300, occurredAt: Date.parse('2026-03-09T23:59:00+08:00') });
    expect(late.businessDate).toBe('2026-03-10');
    expect(morning.businessDate).toBe('2026-03-10');
    expect(yesterday.businessDate).toBe('2026-03-09');
    const today = await ok<Sale[]>(ctx, 'sales.today', {});
    expect(today.map((s) => s.id)).toEqual([late.id, morning.id]);
    expect((await ok<{ today: string }>(ctx, 'shop.status')).today).toBe('2026-03-10');
  });

  it('just after midnight in Shanghai (still yesterday in UTC) only the new day counts', async () => {
    const justAfterMidnight = Date.parse('2026-03-11T00:30:00+08:00');
    const { ctx } = makeCtx(justAfterMidnight);
    await inShanghai(ctx);
    const now = await sale(ctx, { amountMinor: 100 });
    const beforeMidnight = await sale(ctx, { amountMinor: 100, occurredAt: Date.parse('2026-03-10T23:30:00+08:00') });
    expect(new Date(now.occurredAt).toISOString().slice(0, 10)).toBe('2026-03-10');
    expect(now.businessDate).toBe('2026-03-11');
    expect(beforeMidnight.businessDate).toBe('2026-03-10');
    expect((await ok<Sale[]>(ctx, 'sales.today', {})).map((s) => s.id)).toEqual([now.id]);
  });

  it('follows the time zone the owner sets (New York, where 23:30 is already tomorrow in UTC)', async () => {
    const { ctx } = makeCtx(Date.parse('2026-03-10T23:30:00-04:00'));
    await ok(ctx, 'settings.update', { timeZone: 'America/New_York' });
    const s = await sale(ctx, { amountMinor: 100 });
    expect(new Date(s.occurredAt).toISOString().slice(0, 10)).toBe('2026-03-11');
    expect(s.businessDate).toBe('2026-03-10');
    expect((await ok<Sale[]>(ctx, 'sales.today', {})).map((x) => x.id)).toEqual([s.id]);
  });

  it('lists voided sales of today too, marked void, and honours the limit', async () => {
    const { ctx } = makeCtx();
    await inShanghai(ctx);
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await sale(ctx, { amountMinor: 100, occurredAt: NOW - i * 60_000 })).id);
    await ok(ctx, 'sales.void', { id: ids[0], reason: 'oops' });
    const today = await ok<Sale[]>(ctx, 'sales.today', { limit: 2 });
    expect(today.map((s) => s.id)).toEqual([ids[0], ids[1]]);
    expect(today[0]!.voidedAt).toBe(NOW);
  });
});

describe('usual gap', () => {
  it('a two-visit customer is judged half by their one gap, half by the shop (shrunk toward the shop gap)', async () => {
    const { ctx } = makeCtx();
    await inShanghai(ctx);
    // Three weekly regulars make the shop's typical gap 7 days.
    const regulars = await Promise.all(['R1', 'R2', 'R3'].map((n) => customer(ctx, n)));
    const twice = await customer(ctx, 'Twice');
    const once = await customer(ctx, 'Once');
    for (const r of regulars)
      for (const d of [21, 14, 7, 0]) await sale(ctx, { customerId: r.id, amountMinor: 100, occurredAt: NOW - d * DAY });
    await sale(ctx, { customerId: twice.id, amountMinor: 100, occurredAt: NOW - 37 * DAY });
    await sale(ctx, { customerId: twice.id, amountMinor: 100, occurredAt: NOW - 7 * DAY });
    await sale(ctx, { customerId: once.id, amountMinor: 100, occurredAt: NOW - 3 * DAY });

    expect((await get(ctx, regulars[0]!.id)).stats.usualGapDays).toBe(7);
    // own gap 30, shop gap 7: (1·30 + 2·7) / 3 ≈ 14.7
    const gap = (await get(ctx, twice.id)).stats.usualGapDays!;
    expect(gap).toBe(15);
    expect(gap).toBeLessThan(30);
    expect(gap).toBeGreaterThan(7);
    // One visit: all prior.
    expect((await get(ctx, once.id)).stats.usualGapDays).toBe(7);
  });

  it('with no regulars yet, shrinks toward the monthly fallback', async () => {
    const { ctx } = makeCtx();
    const c = await customer(ctx, 'A');
    await sale(ctx, { customerId: c.id, amountMinor: 100, occurredAt: NOW - 12 * DAY });
    await sale(ctx, { customerId: c.id, amountMinor: 100, occurredAt: NOW - 2 * DAY });
    // (1·10 + 2·30) / 3 ≈ 23.3
    expect((await get(ctx, c.id)).stats.usualGapDays).toBe(23);
  });
});

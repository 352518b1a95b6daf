import { afterEach, describe, expect, it } from 'vitest';
import type { Customer } from '../../shared/schemas/customer';
import type { PaymentMethod, Settings, ShopStatus, Staff } from '../../shared/schemas/settings';
import { isValidTimeZone } from '../../shared/domain/dates';
import { cleanupAll, counts, err, makeCtx, ok } from '../helpers/db';

afterEach(cleanupAll);

const NOW = Date.parse('2026-03-10T10:00:00+08:00');

describe('settings', () => {
  it('has sensible defaults on a new shop', async () => {
    const { ctx } = makeCtx();
    const s = await ok<Settings>(ctx, 'settings.get');
    expect(s).toMatchObject({
      shopName: '',
      currency: 'CNY',
      language: null,
      defaultPaymentMethodId: null,
      defaultStaffId: null,
      onboarded: false,
      backupDir: null,
      churn: null,
    });
    expect(isValidTimeZone(s.timeZone)).toBe(true);
  });

  it('updates only the fields given and keeps them across a reopen of the same context', async () => {
    const { ctx } = makeCtx();
    const methods = await ok<PaymentMethod[]>(ctx, 'paymentMethods.list');
    const cash = methods.find((m) => m.code === 'cash')!;
    const u = await ok<Settings>(ctx, 'settings.update', {
      shopName: '老王面馆',
      currency: 'HKD',
      timeZone: 'Asia/Hong_Kong',
      language: 'en',
      defaultPaymentMethodId: cash.id,
    });
    expect(u).toMatchObject({
      shopName: '老王面馆',
      currency: 'HKD',
      timeZone: 'Asia/Hong_Kong',
      language: 'en',
      defaultPaymentMethodId: cash.id,
    });
    const v = await ok<Settings>(ctx, 'settings.update', { language: null });
    expect(v).toMatchObject({ shopName: '老王面馆', currency: 'HKD', language: null });
    expect(await ok<Settings>(ctx, 'settings.get')).toEqual(v);
    const audits = ctx.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'settings.update'").get();
    expect(audits).toEqual({ n: 2 });
  });

  it.each(['Mars/Olympus', 'Asia/Shang_hai', '', 'UTC+8'])('refuses the time zone %j and keeps the old one', async (tz) => {
    const { ctx } = makeCtx();
    await ok(ctx, 'settings.update', { timeZone: 'Asia/Shanghai' });
    const before = counts(ctx);
    const e = await err(ctx, 'settings.update', { timeZone: tz, shopName: 'should not be saved' });
    expect(e.code).toBe('VALIDATION');
    expect(e.issues).toContainEqual({ path: ['timeZone'], message: 'timezone_invalid' });
    expect(await ok<Settings>(ctx, 'settings.get')).toMatchObject({ timeZone: 'Asia/Shanghai', shopName: '' });
    expect(counts(ctx)).toEqual(before);
  });
});

describe('staff', () => {
  it('creates staff, marks them as left (leftAt set) and back (leftAt cleared)', async () => {
    const { ctx, clock } = makeCtx();
    const wang = await ok<Staff>(ctx, 'staff.create', { name: ' 小王 ' });
    expect(wang).toEqual({ id: wang.id, name: '小王', isActive: true, leftAt: null });
    const li = await ok<Staff>(ctx, 'staff.create', { name: '小李' });

    clock.now += 1000;
    const left = await ok<Staff>(ctx, 'staff.update', { id: wang.id, isActive: false });
    expect(left).toMatchObject({ id: wang.id, isActive: false, leftAt: NOW + 1000 });
    // Marking as left again keeps the first date.
    clock.now += 1000;
    expect((await ok<Staff>(ctx, 'staff.update', { id: wang.id, isActive: false })).leftAt).toBe(NOW + 1000);
    // Renaming a leaver keeps them left.
    expect(await ok<Staff>(ctx, 'staff.update', { id: wang.id, name: '王师傅' })).toMatchObject({
      name: '王师傅',
      isActive: false,
      leftAt: NOW + 1000,
    });

    const list = await ok<Staff[]>(ctx, 'staff.list');
    expect(list.map((s) => s.id)).toEqual([li.id, wang.id]); // active first
    expect(list[1]).toMatchObject({ isActive: false, leftAt: NOW + 1000 });

    const back = await ok<Staff>(ctx, 'staff.update', { id: wang.id, isActive: true });
    expect(back).toMatchObject({ isActive: true, leftAt: null });
    expect((await ok<Staff[]>(ctx, 'staff.list')).find((s) => s.id === wang.id)).toMatchObject({ isActive: true, leftAt: null });
  });

  it('keeps a leaver on their past sales', async () => {
    const { ctx } = makeCtx();
    const wang = await ok<Staff>(ctx, 'staff.create', { name: '小王' });
    const s = await ok<{ id: number }>(ctx, 'sales.record', { amountMinor: 100, staffId: wang.id });
    await ok(ctx, 'staff.update', { id: wang.id, isActive: false });
    const today = await ok<{ id: number; staffName: string }[]>(ctx, 'sales.today', {});
    expect(today.find((x) => x.id === s.id)?.staffName).toBe('小王');
  });
});

describe('payment methods', () => {
  it('come with the usual four, can be added and hidden', async () => {
    const { ctx } = makeCtx();
    const initial = await ok<PaymentMethod[]>(ctx, 'paymentMethods.list');
    expect(initial.map((m) => m.code)).toEqual(['wechat_pay', 'alipay', 'cash', 'card']);
    expect(initial.every((m) => m.isActive)).toBe(true);

    const voucher = await ok<PaymentMethod>(ctx, 'paymentMethods.create', { name: '储值卡' });
    expect(voucher).toMatchObject({ name: '储值卡', isActive: true });
    expect(voucher.code).toMatch(/^custom_/);
    const another = await ok<PaymentMethod>(ctx, 'paymentMethods.create', { name: '美团' });
    expect(another.code).not.toBe(voucher.code);

    const hidden = await ok<PaymentMethod>(ctx, 'paymentMethods.update', { id: voucher.id, isActive: false });
    expect(hidden).toMatchObject({ id: voucher.id, name: '储值卡', isActive: false });
    const after = await ok<PaymentMethod[]>(ctx, 'paymentMethods.list');
    expect(after.map((m) => m.name)).toEqual([...initial.map((m) => m.name), '储值卡', '美团']);
    expect(after.find((m) => m.id === voucher.id)?.isActive).toBe(false);

    const renamed = await ok<PaymentMethod>(ctx, 'paymentMethods.update', { id: another.id, name: '美团支付' });
    expect(renamed).toMatchObject({ name: '美团支付', isActive: true });
  });
});

describe('shop', () => {
  it('shop.status counts live customers and all sales and reports today in the shop time zone', async () => {
    const { ctx } = makeCtx(Date.parse('2026-03-11T00:30:00+08:00'));
    await ok(ctx, 'settings.update', { timeZone: 'Asia/Shanghai' });
    const empty = await ok<ShopStatus>(ctx, 'shop.status');
    expect(empty).toMatchObject({ customers: 0, sales: 0, onboarded: false, today: '2026-03-11', health: 'unchecked' });
    expect(empty.now).toBe(Date.parse('2026-03-11T00:30:00+08:00'));
    expect(empty.paymentMethods).toHaveLength(4);
    expect(empty.staff).toEqual([]);

    const a = await ok<Customer>(ctx, 'customers.create', { name: 'A' });
    const b = await ok<Customer>(ctx, 'customers.create', { name: 'B' });
    await ok(ctx, 'sales.record', { customerId: a.id, amountMinor: 100 });
    await ok(ctx, 'sales.record', { amountMinor: 100 });
    await ok(ctx, 'staff.create', { name: '小王' });
    expect(await ok<ShopStatus>(ctx, 'shop.status')).toMatchObject({ customers: 2, sales: 2 });
    await ok(ctx, 'customers.merge', { keepId: a.id, mergeId: b.id });
    const after = await ok<ShopStatus>(ctx, 'shop.status');
    expect(after).toMatchObject({ customers: 1, sales: 2 });
    expect(after.staff.map((s) => s.name)).toEqual(['小王']);
  });

  it('shop.startEmpty marks the shop as onboarded and adds nothing', async () => {
    const { ctx } = makeCtx();
    const before = counts(ctx);
    const s = await ok<ShopStatus>(ctx, 'shop.startEmpty');
    expect(s).toMatchObject({ onboarded: true, customers: 0, sales: 0 });
    expect((await ok<Settings>(ctx, 'settings.get')).onboarded).toBe(true);
    expect(counts(ctx).customers).toBe(before.customers);
    expect(counts(ctx).sales).toBe(before.sales);
  });

  it('shop.loadDemo fills an empty shop and is refused on one that has customers', async () => {
    const { ctx } = makeCtx();
    const s = await ok<ShopStatus>(ctx, 'shop.loadDemo', { customers: 30, years: 1, seed: 3 });
    expect(s.onboarded).toBe(true);
    expect(s.customers).toBeGreaterThan(0);
    expect(s.sales).toBeGreaterThan(0);
    expect(counts(ctx).customers).toBeGreaterThan(0);
    const integrity = await ok<{ ok: boolean; messages: string[] }>(ctx, 'db.integrityCheck');
    expect(integrity).toEqual({ ok: true, messages: ['ok'] });

    const before = counts(ctx);
    const e = await err(ctx, 'shop.loadDemo', { customers: 30, years: 1, seed: 3 });
    expect(e.code).toBe('CONFLICT');
    expect(counts(ctx)).toEqual(before);
  });

  it('shop.loadDemo is refused once the owner has added a customer', async () => {
    const { ctx } = makeCtx();
    await ok(ctx, 'shop.startEmpty');
    await ok(ctx, 'customers.create', { name: '第一位客人' });
    const before = counts(ctx);
    expect((await err(ctx, 'shop.loadDemo', {})).code).toBe('CONFLICT');
    expect(counts(ctx)).toEqual(before);
  });

  it('db.integrityCheck reports ok on a healthy shop', async () => {
    const { ctx } = makeCtx();
    await ok(ctx, 'customers.create', { name: 'A', tags: ['x'] });
    expect(await ok(ctx, 'db.integrityCheck')).toEqual({ ok: true, messages: ['ok'] });
  });
});

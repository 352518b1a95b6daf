import { describe, expect, it } from 'vitest';
import { count, ok, tempShops } from '../helpers/shop';
import type { Ctx } from '../../main/ctx';
import { dispatch } from '../../main/api';

const { fresh, clock } = tempShops();
const counts = (ctx: Ctx) =>
  Object.fromEntries(
    ['customers', 'sales', 'audit_log', 'consents', 'consent_events', 'tags', 'staff', 'payment_methods'].map((t) => [
      t,
      count(ctx, t),
    ]),
  );

describe('customers', () => {
  it('normalises phones to E.164 and refuses a second customer with the same phone, offering the first', async () => {
    const ctx = fresh();
    for (const typed of ['139 1234 5678', '+86-139-1234-5678', '0086 13912345678']) {
      const c = fresh();
      expect((await ok<{ phone: string }>(c, 'customers.create', { name: 'A', phone: typed })).phone).toBe('+8613912345678');
    }
    const first = await ok<{ id: number }>(ctx, 'customers.create', { name: '张三', phone: '13912345678' });
    const before = counts(ctx);
    const r = await dispatch('customers.create', { name: '张三丰', phone: '139-1234-5678' }, ctx);
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'PHONE_TAKEN', detail: { existingId: first.id, existingName: '张三' } },
    });
    expect(counts(ctx)).toEqual(before);
    await ok(ctx, 'customers.create', { name: 'B', memberCode: 'VIP-1' });
    expect(await dispatch('customers.create', { name: 'C', memberCode: 'vip-1' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'MEMBER_CODE_TAKEN' },
    });
  });

  it('finds customers by phone suffix, name, given name, pinyin initials, full pinyin and member code, best match first', async () => {
    const ctx = fresh();
    const zs = await ok<{ id: number }>(ctx, 'customers.create', { name: '张三', phone: '13912345678', memberCode: 'A88' });
    await ok(ctx, 'customers.create', { name: '张思思', phone: '13800005678' });
    const lxh = await ok<{ id: number }>(ctx, 'customers.create', { name: '李小红', phone: '13700001111' });
    await ok(ctx, 'sales.record', { customerId: zs.id, amountMinor: 100 });
    const names = async (query: string) => (await ok<{ name: string }[]>(ctx, 'customers.search', { query })).map((c) => c.name);
    expect(await names('5678')).toEqual(['张三', '张思思']);
    expect(await names('678')).toContain('张思思');
    expect(await names('13912345678')).toEqual(['张三']);
    expect(await names('张三')).toEqual(['张三']);
    expect((await names('zs'))[0]).toBe('张三');
    expect(await names('zss')).toEqual(['张思思']);
    expect(await names('zhangsan')).toEqual(['张三']);
    expect(await names('小红')).toEqual(['李小红']);
    expect(await names('a88')).toEqual(['张三']);
    expect(await names('nobody')).toEqual([]);
    const list = await ok<{ total: number; rows: { id: number }[] }>(ctx, 'customers.list', { sort: 'total_spent' });
    expect(list.total).toBe(3);
    expect(list.rows[0]!.id).toBe(zs.id);
    expect((await ok<{ total: number }>(ctx, 'customers.list', { query: '小红' })).total).toBe(1);
    await ok(ctx, 'customers.update', { id: lxh.id, tags: ['VIP'] });
    expect((await ok<{ rows: { id: number }[] }>(ctx, 'customers.list', { tag: 'VIP' })).rows.map((r) => r.id)).toEqual([lxh.id]);
  });

  it('records every consent change with its source, and merges two customers', async () => {
    const ctx = fresh();
    const a = await ok<{ id: number }>(ctx, 'customers.create', { name: '王五', phone: '13912340000', notes: 'likes tea' });
    const b = await ok<{ id: number }>(ctx, 'customers.create', {
      name: '王五（旧卡）',
      memberCode: 'OLD-9',
      notes: 'old card',
      tags: ['老顾客'],
    });
    await ok(ctx, 'customers.setConsent', { customerId: b.id, channel: 'sms', granted: true, source: 'paper form' });
    clock.now += 1000;
    await ok(ctx, 'customers.setConsent', { customerId: a.id, channel: 'wechat', granted: true, source: 'counter' });
    await ok(ctx, 'sales.record', { customerId: b.id, amountMinor: 5000 });
    const merged = await ok<{
      id: number;
      memberCode: string;
      notes: string;
      tags: string[];
      consents: Record<string, { granted: boolean }>;
      stats: { salesCount: number };
    }>(ctx, 'customers.merge', { keepId: a.id, mergeId: b.id });
    expect(merged).toMatchObject({ id: a.id, memberCode: 'OLD-9', tags: ['老顾客'], stats: { salesCount: 1 } });
    expect(merged.notes).toBe('likes tea\n\nold card');
    expect(merged.consents.sms!.granted).toBe(true);
    expect(merged.consents.wechat!.granted).toBe(true);
    const history = await ok<{ source: string }[]>(ctx, 'customers.consentHistory', { id: a.id });
    expect(history.map((h) => h.source)).toEqual(['counter', 'paper form']);
    expect((await ok<{ id: number }>(ctx, 'customers.get', { id: b.id })).id).toBe(a.id);
    expect(await dispatch('customers.merge', { keepId: a.id, mergeId: a.id }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'MERGE_SELF' },
    });
  });
});

describe('sales', () => {
  it('counts visits per day, voids keep who/when/why, walk-ins touch no customer, defaults apply', async () => {
    const ctx = fresh();
    const staff = await ok<{ id: number }>(ctx, 'staff.create', { name: '小王' });
    const pms = await ok<{ id: number; code: string }[]>(ctx, 'paymentMethods.list');
    const cash = pms.find((p) => p.code === 'cash')!.id;
    await ok(ctx, 'settings.update', { defaultStaffId: staff.id, defaultPaymentMethodId: cash });
    const c = await ok<{ id: number }>(ctx, 'customers.create', { name: '赵六', phone: '13912349999' });
    const s1 = await ok<{ id: number; staffId: number; paymentMethodId: number }>(ctx, 'sales.record', {
      customerId: c.id,
      amountMinor: 1000,
    });
    expect(s1).toMatchObject({ staffId: staff.id, paymentMethodId: cash });
    await ok(ctx, 'sales.record', { customerId: c.id, amountMinor: 2000, items: 3 });
    let got = await ok<{ stats: { visits: number; salesCount: number; totalMinor: number } }>(ctx, 'customers.get', { id: c.id });
    expect(got.stats).toMatchObject({ visits: 1, salesCount: 2, totalMinor: 3000 });
    const walkIn = await ok<{ customerId: null }>(ctx, 'sales.record', { amountMinor: 500 });
    expect(walkIn.customerId).toBeNull();
    const v = await ok<{ voidedAt: number; voidReason: string; voidedByStaffId: number }>(ctx, 'sales.void', {
      id: s1.id,
      reason: '录错',
      staffId: staff.id,
    });
    expect(v).toMatchObject({ voidReason: '录错', voidedByStaffId: staff.id });
    expect(v.voidedAt).toBe(clock.now);
    got = await ok(ctx, 'customers.get', { id: c.id });
    expect(got.stats).toMatchObject({ salesCount: 1, totalMinor: 2000 });
    expect(await dispatch('sales.void', { id: s1.id, reason: 'again' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_VOIDED' },
    });
    expect((await ok<unknown[]>(ctx, 'sales.today')).length).toBe(3);
  });

  it('"today" is the shop’s day: 23:30 in Shanghai is still that day there', async () => {
    const ctx = fresh();
    clock.now = Date.parse('2026-03-10T23:30:00+08:00');
    await ok(ctx, 'settings.update', { timeZone: 'Asia/Shanghai' });
    const s = await ok<{ businessDate: string }>(ctx, 'sales.record', { amountMinor: 100 });
    expect(s.businessDate).toBe('2026-03-10');
    expect(new Date(clock.now).toISOString().slice(0, 10)).toBe('2026-03-10');
    clock.now = Date.parse('2026-03-11T00:30:00+08:00');
    expect(new Date(clock.now).toISOString().slice(0, 10)).toBe('2026-03-10');
    expect(await ok<unknown[]>(ctx, 'sales.today')).toHaveLength(0);
  });
});

describe('settings and shop', () => {
  it('staff leave and come back; the shop reports its state; the integrity check passes', async () => {
    const ctx = fresh();
    expect(await ok(ctx, 'settings.get')).toMatchObject({ currency: 'CNY', onboarded: false, language: null });
    const s = await ok<{ id: number }>(ctx, 'staff.create', { name: '小李' });
    expect((await ok<{ leftAt: number }>(ctx, 'staff.update', { id: s.id, isActive: false })).leftAt).toBe(clock.now);
    expect((await ok<{ leftAt: null }>(ctx, 'staff.update', { id: s.id, isActive: true })).leftAt).toBeNull();
    expect(await ok(ctx, 'shop.startEmpty')).toMatchObject({ onboarded: true, customers: 0 });
    const demo = await ok<{ customers: number; sales: number }>(ctx, 'shop.loadDemo', { customers: 50, years: 1 });
    expect(demo.customers).toBe(50);
    expect(demo.sales).toBeGreaterThan(100);
    expect(await dispatch('shop.loadDemo', { customers: 50, years: 1 }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await ok(ctx, 'db.integrityCheck')).toEqual({ ok: true, messages: ['ok'] });
  });
});

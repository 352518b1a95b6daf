import { afterEach, describe, expect, it } from 'vitest';
import type { Ctx } from '../../main/ctx';
import type { Customer, CustomerSummary } from '../../shared/schemas/customer';
import type { Sale } from '../../shared/schemas/sale';
import { cleanupAll, counts, err, makeCtx, ok } from '../helpers/db';

afterEach(cleanupAll);

const DAY = 86_400_000;
const NOW = Date.parse('2026-03-10T10:00:00+08:00');

const create = (ctx: Ctx, input: Record<string, unknown>) => ok<Customer>(ctx, 'customers.create', input);
const search = async (ctx: Ctx, query: string) =>
  (await ok<CustomerSummary[]>(ctx, 'customers.search', { query })).map((c) => c.name);
const list = (ctx: Ctx, input: Record<string, unknown> = {}) =>
  ok<{ total: number; rows: CustomerSummary[] }>(ctx, 'customers.list', input);

/** Records one sale per given day ago (distinct days = distinct visits). */
async function visits(ctx: Ctx, customerId: number, daysAgo: number[], amountMinor = 1000): Promise<void> {
  for (const d of daysAgo) await ok<Sale>(ctx, 'sales.record', { customerId, amountMinor, occurredAt: NOW - d * DAY });
}

describe('customers.create', () => {
  it.each(['139 1234 5678', '+86-139-1234-5678', '0086 13912345678', '13912345678'])(
    'normalises the phone %j to E.164',
    async (typed) => {
      const { ctx } = makeCtx();
      const c = await create(ctx, { name: '张三', phone: typed });
      expect(c.phone).toBe('+8613912345678');
      expect((await ok<Customer>(ctx, 'customers.get', { id: c.id })).phone).toBe('+8613912345678');
    },
  );

  it('refuses a second customer with the same phone, however typed, naming the first, and writes nothing', async () => {
    const { ctx } = makeCtx();
    const first = await create(ctx, { name: '张三', phone: '139 1234 5678' });
    const before = counts(ctx);
    const e = await err(ctx, 'customers.create', { name: '张三三', phone: '0086 139-1234-5678', tags: ['vip'] });
    expect(e.code).toBe('PHONE_TAKEN');
    expect(e.detail).toMatchObject({ existingId: first.id });
    expect(e.issues).toEqual([{ path: ['phone'], message: 'phone_taken' }]);
    expect(counts(ctx)).toEqual(before);
  });

  it('keeps member codes unique without regard to case', async () => {
    const { ctx } = makeCtx();
    const first = await create(ctx, { name: 'A', memberCode: 'VIP001' });
    const before = counts(ctx);
    const e = await err(ctx, 'customers.create', { name: 'B', memberCode: 'vip001' });
    expect(e.code).toBe('MEMBER_CODE_TAKEN');
    expect(e.detail).toMatchObject({ existingId: first.id });
    expect(counts(ctx)).toEqual(before);
    // Another customer cannot take it by an update either.
    const b = await create(ctx, { name: 'B', memberCode: 'VIP002' });
    expect((await err(ctx, 'customers.update', { id: b.id, memberCode: 'Vip001' })).code).toBe('MEMBER_CODE_TAKEN');
    expect((await ok<Customer>(ctx, 'customers.get', { id: b.id })).memberCode).toBe('VIP002');
    // Surrounding spaces do not make a new code.
    expect((await err(ctx, 'customers.create', { name: 'C', memberCode: '  vip001 ' })).code).toBe('MEMBER_CODE_TAKEN');
    expect(counts(ctx).customers).toBe(2);
  });

  it('refuses an impossible birthday and accepts a leap day', async () => {
    const { ctx } = makeCtx();
    const e = await err(ctx, 'customers.create', { name: 'A', birthday: '2024-02-30' });
    expect(e.code).toBe('VALIDATION');
    expect(e.issues).toContainEqual({ path: ['birthday'], message: 'date_invalid' });
    expect(counts(ctx).customers).toBe(0);
    expect((await create(ctx, { name: 'A', birthday: '2024-02-29' })).birthday).toBe('2024-02-29');
  });

  it('stores tags, notes and initial consent with its source', async () => {
    const { ctx } = makeCtx();
    const c = await create(ctx, {
      name: '李小红',
      tags: ['vip', '常客'],
      notes: '喜欢红茶',
      consent: { sms: true },
      consentSource: 'paper_form',
    });
    expect(c.tags.sort()).toEqual(['vip', '常客'].sort());
    expect(c.notes).toBe('喜欢红茶');
    expect(c.consents.sms).toEqual({ granted: true, changedAt: NOW, source: 'paper_form' });
    expect(c.consents.email).toEqual({ granted: false, changedAt: null, source: null });
    expect(c.stats).toMatchObject({ visits: 0, salesCount: 0, totalMinor: 0, lastVisitAt: null, usualGapDays: null });
  });
});

describe('customers.search', () => {
  async function shop() {
    const { ctx } = makeCtx();
    const zhang = await create(ctx, { name: '张三', phone: '13912345678', memberCode: 'VIP001' });
    const li = await create(ctx, { name: '李小红', phone: '13800001111' });
    const bob = await create(ctx, { name: 'Bob Smith', phone: '13700002222', memberCode: 'M-42' });
    return { ctx, zhang, li, bob };
  }

  it.each([
    ['last 4 digits', '5678', '张三'],
    ['last 3 digits', '678', '张三'],
    ['the full phone', '13912345678', '张三'],
    ['the full phone as typed', '139 1234 5678', '张三'],
    ['the full phone in E.164', '+8613912345678', '张三'],
    // Every way the counter may type a phone that customers.create accepts finds it again.
    ['the full phone with +86 and dashes', '+86-139-1234-5678', '张三'],
    ['the full phone with the 0086 prefix', '0086 13912345678', '张三'],
    ['a Chinese name', '张三', '张三'],
    ['a Chinese given name without surname', '小红', '李小红'],
    ['pinyin initials', 'zs', '张三'],
    ['full pinyin', 'zhangsan', '张三'],
    ['a pinyin prefix', 'lixiao', '李小红'],
    ['a Latin name, any case', 'BOB', 'Bob Smith'],
    ['a member code', 'VIP001', '张三'],
    ['a member code in lower case', 'vip001', '张三'],
    ['a member code with a dash', 'm-42', 'Bob Smith'],
  ])('finds by %s (%j)', async (_label, query, name) => {
    const { ctx } = await shop();
    const found = await search(ctx, query);
    expect(found[0]).toBe(name);
  });

  it('does not find a customer by a phone fragment that is not a suffix', async () => {
    const { ctx } = await shop();
    expect(await search(ctx, '1234')).not.toContain('张三');
  });

  it('puts an exact match before a prefix match even when the prefix match visits more', async () => {
    const { ctx } = makeCtx();
    const exact = await create(ctx, { name: '张三' });
    const longer = await create(ctx, { name: '张三丰' });
    await visits(ctx, longer.id, [1, 5, 9, 14]);
    await visits(ctx, exact.id, [2]);
    expect(await search(ctx, '张三')).toEqual(['张三', '张三丰']);
    expect(await search(ctx, 'zhangsan')).toEqual(['张三', '张三丰']);
  });

  it('among equal matches puts the customer who visits more first', async () => {
    const { ctx } = makeCtx();
    const zhang = await create(ctx, { name: '张三' });
    const zhao = await create(ctx, { name: '赵四' }); // same initials: zs
    await visits(ctx, zhao.id, [1, 3, 7]);
    await visits(ctx, zhang.id, [2]);
    expect(await search(ctx, 'zs')).toEqual(['赵四', '张三']);
    await visits(ctx, zhang.id, [4, 8, 12]);
    expect(await search(ctx, 'zs')).toEqual(['张三', '赵四']);
  });

  it('respects the limit and never returns merged customers', async () => {
    const { ctx } = makeCtx();
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await create(ctx, { name: `王${'一二三四五'[i]}` })).id);
    expect(await ok<CustomerSummary[]>(ctx, 'customers.search', { query: '王', limit: 3 })).toHaveLength(3);
    await ok(ctx, 'customers.merge', { keepId: ids[0], mergeId: ids[1] });
    const found = await ok<CustomerSummary[]>(ctx, 'customers.search', { query: '王' });
    expect(found.map((c) => c.id).sort()).toEqual([ids[0], ids[2], ids[3], ids[4]].sort());
  });
});

describe('customers.list', () => {
  async function shop() {
    const { ctx } = makeCtx();
    // created in this order: a, b, c, d
    const a = await create(ctx, { name: '安娜', tags: ['vip'], consent: { sms: true } }); // pinyin anna
    const b = await create(ctx, { name: '白云', tags: ['vip', 'new'], consent: { email: true } }); // baiyun
    const c = await create(ctx, { name: '陈晨', consent: { sms: false } }); // chenchen
    const d = await create(ctx, { name: '丁丁' }); // dingding
    await visits(ctx, a.id, [10], 500);
    await visits(ctx, b.id, [1], 300);
    await visits(ctx, c.id, [5], 9000);
    return { ctx, a, b, c, d };
  }

  it.each([
    ['last_visit', ['白云', '陈晨', '安娜', '丁丁']],
    ['total_spent', ['陈晨', '安娜', '白云', '丁丁']],
    ['name', ['安娜', '白云', '陈晨', '丁丁']],
    ['created', ['丁丁', '陈晨', '白云', '安娜']],
  ])('sorts by %s', async (sort, names) => {
    const { ctx } = await shop();
    const r = await list(ctx, { sort });
    expect(r.total).toBe(4);
    expect(r.rows.map((x) => x.name)).toEqual(names);
  });

  it('filters by tag', async () => {
    const { ctx } = await shop();
    const r = await list(ctx, { tag: 'vip', sort: 'name' });
    expect(r).toMatchObject({ total: 2 });
    expect(r.rows.map((x) => x.name)).toEqual(['安娜', '白云']);
    expect(r.rows[1]!.tags.sort()).toEqual(['new', 'vip']);
    expect((await list(ctx, { tag: 'nobody-has-this' })).total).toBe(0);
  });

  it.each([
    ['sms', ['安娜']],
    ['email', ['白云']],
    ['wechat', []],
    // 陈晨 refused sms: a recorded "no" is still no consent.
    ['none', ['陈晨', '丁丁']],
  ])('filters by consent %s', async (consent, names) => {
    const { ctx } = await shop();
    const r = await list(ctx, { consent, sort: 'name' });
    expect(r.total).toBe(names.length);
    expect(r.rows.map((x) => x.name)).toEqual(names);
  });

  it('pages with a stable total', async () => {
    const { ctx } = await shop();
    const p1 = await list(ctx, { sort: 'name', limit: 3 });
    const p2 = await list(ctx, { sort: 'name', limit: 3, offset: 3 });
    const p3 = await list(ctx, { sort: 'name', limit: 3, offset: 6 });
    expect([p1.total, p2.total, p3.total]).toEqual([4, 4, 4]);
    expect(p1.rows.map((x) => x.name)).toEqual(['安娜', '白云', '陈晨']);
    expect(p2.rows.map((x) => x.name)).toEqual(['丁丁']);
    expect(p3.rows).toEqual([]);
  });

  // The Customers screen searches through customers.list: a phone typed the way it was entered at
  // the counter finds the customer there too, not only by its bare digits.
  it.each(['5678', '13912345678', '139 1234 5678', '+86 139 1234 5678', '+8613912345678', '0086 13912345678'])(
    'finds a customer by the phone %j',
    async (query) => {
      const { ctx } = makeCtx();
      await create(ctx, { name: '张三', phone: '139 1234 5678' });
      await create(ctx, { name: '李四', phone: '13800001111' });
      const r = await list(ctx, { query });
      expect(r.total).toBe(1);
      expect(r.rows.map((x) => x.name)).toEqual(['张三']);
    },
  );

  it('combines a query with a filter', async () => {
    const { ctx } = await shop();
    const r = await list(ctx, { query: 'b', tag: 'vip' });
    expect(r.total).toBe(1);
    expect(r.rows[0]!.name).toBe('白云');
  });
});

describe('customers.update', () => {
  it('changes fields, renormalises the phone and refreshes the search keys', async () => {
    const { ctx } = makeCtx();
    const c = await create(ctx, { name: '张三', phone: '13912345678', tags: ['old'] });
    const u = await ok<Customer>(ctx, 'customers.update', {
      id: c.id,
      name: '王五',
      phone: '+86 137 0000 9999',
      birthday: '1990-05-01',
      notes: 'n',
      tags: ['new'],
    });
    expect(u).toMatchObject({
      id: c.id,
      name: '王五',
      phone: '+8613700009999',
      birthday: '1990-05-01',
      notes: 'n',
      tags: ['new'],
    });
    expect(await search(ctx, 'ww')).toEqual(['王五']);
    expect(await search(ctx, '9999')).toEqual(['王五']);
    expect(await search(ctx, '5678')).toEqual([]);
    expect(await search(ctx, 'zhangsan')).toEqual([]);
    // Fields left out stay as they were; null clears.
    const v = await ok<Customer>(ctx, 'customers.update', { id: c.id, phone: null });
    expect(v).toMatchObject({ name: '王五', phone: null, birthday: '1990-05-01' });
  });

  it('refuses a phone that belongs to someone else and leaves both customers as they were', async () => {
    const { ctx } = makeCtx();
    const a = await create(ctx, { name: 'A', phone: '13912345678' });
    const b = await create(ctx, { name: 'B', phone: '13800001111' });
    const before = counts(ctx);
    const e = await err(ctx, 'customers.update', { id: b.id, name: 'B2', phone: '139 1234 5678' });
    expect(e).toMatchObject({ code: 'PHONE_TAKEN', detail: { existingId: a.id } });
    expect(await ok<Customer>(ctx, 'customers.get', { id: b.id })).toMatchObject({ name: 'B', phone: '+8613800001111' });
    expect(counts(ctx)).toEqual(before);
    // Keeping one's own phone is fine.
    expect((await ok<Customer>(ctx, 'customers.update', { id: a.id, phone: '13912345678' })).phone).toBe('+8613912345678');
  });

  it('answers NOT_FOUND for an unknown id', async () => {
    const { ctx } = makeCtx();
    expect((await err(ctx, 'customers.update', { id: 999, name: 'x' })).code).toBe('NOT_FOUND');
  });
});

describe('consent', () => {
  it('records every change with its source and shows the latest in get()', async () => {
    const { ctx, clock } = makeCtx();
    const c = await create(ctx, { name: '张三' });
    await ok(ctx, 'customers.setConsent', { customerId: c.id, channel: 'sms', granted: true, source: 'counter' });
    clock.now += 60_000;
    const after = await ok<Customer>(ctx, 'customers.setConsent', {
      customerId: c.id,
      channel: 'sms',
      granted: false,
      source: 'phone_call',
      note: 'asked to stop',
    });
    clock.now += 60_000;
    await ok(ctx, 'customers.setConsent', { customerId: c.id, channel: 'wechat', granted: true });
    expect(after.consents.sms).toEqual({ granted: false, changedAt: NOW + 60_000, source: 'phone_call' });

    const history = await ok<{ channel: string; granted: boolean; changedAt: number; source: string; note: string }[]>(
      ctx,
      'customers.consentHistory',
      { id: c.id },
    );
    expect(history).toEqual([
      { channel: 'wechat', granted: true, changedAt: NOW + 120_000, source: 'in_app', note: '' },
      { channel: 'sms', granted: false, changedAt: NOW + 60_000, source: 'phone_call', note: 'asked to stop' },
      { channel: 'sms', granted: true, changedAt: NOW, source: 'counter', note: '' },
    ]);
    const got = await ok<Customer>(ctx, 'customers.get', { id: c.id });
    expect(got.consents.sms.granted).toBe(false);
    expect(got.consents.wechat).toEqual({ granted: true, changedAt: NOW + 120_000, source: 'in_app' });
    expect(got.consents.email.granted).toBe(false);
  });
});

describe('customers.merge', () => {
  it('moves sales, tags and consent history, joins notes, and leaves the merged id pointing at the kept customer', async () => {
    const { ctx, clock } = makeCtx();
    const keep = await create(ctx, { name: '张三', phone: '13912345678', notes: 'keep note', tags: ['vip'] });
    const gone = await create(ctx, {
      name: '张三 (dup)',
      phone: '13800001111',
      memberCode: 'OLD-7',
      notes: 'gone note',
      tags: ['wholesale', 'vip'],
      consent: { sms: true },
      consentSource: 'paper_form',
    });
    await visits(ctx, keep.id, [10], 1000);
    await visits(ctx, gone.id, [5, 2], 2500);
    clock.now += 1000;
    const merged = await ok<Customer>(ctx, 'customers.merge', { keepId: keep.id, mergeId: gone.id });

    expect(merged.id).toBe(keep.id);
    expect(merged.stats).toMatchObject({ visits: 3, salesCount: 3, totalMinor: 6000 });
    expect(merged.tags.sort()).toEqual(['vip', 'wholesale']);
    expect(merged.notes).toContain('keep note');
    expect(merged.notes).toContain('gone note');
    expect(merged.phone).toBe('+8613912345678');
    expect(merged.memberCode).toBe('OLD-7'); // a missing member code is taken over
    expect(merged.consents.sms).toMatchObject({ granted: true, source: 'paper_form' });
    const history = await ok<{ source: string }[]>(ctx, 'customers.consentHistory', { id: keep.id });
    expect(history.map((h) => h.source)).toEqual(['paper_form']);
    const sales = await ok<Sale[]>(ctx, 'customers.sales', { customerId: keep.id });
    expect(sales).toHaveLength(3);
    expect(sales.every((s) => s.customerId === keep.id)).toBe(true);

    // The merged id resolves to the kept customer.
    expect((await ok<Customer>(ctx, 'customers.get', { id: gone.id })).id).toBe(keep.id);
    expect((await ok<Sale[]>(ctx, 'customers.sales', { customerId: gone.id })).length).toBe(3);
    // It no longer shows in lists or counts.
    expect((await list(ctx)).total).toBe(1);
    expect((await ok<{ customers: number }>(ctx, 'shop.status')).customers).toBe(1);
    // Its phone is free again.
    const again = await create(ctx, { name: '新客', phone: '138 0000 1111' });
    expect(again.phone).toBe('+8613800001111');
    expect(again.id).not.toBe(gone.id);
    // The kept customer's own phone is still taken.
    expect((await err(ctx, 'customers.create', { name: 'x', phone: '13912345678' })).code).toBe('PHONE_TAKEN');
  });

  it('takes over the phone of the merged customer when the kept one has none, and search finds it', async () => {
    const { ctx } = makeCtx();
    const keep = await create(ctx, { name: '张三' });
    const gone = await create(ctx, { name: '张三 (phone)', phone: '139 1234 5678', memberCode: 'vip-9' });
    const merged = await ok<Customer>(ctx, 'customers.merge', { keepId: keep.id, mergeId: gone.id });
    expect(merged).toMatchObject({ id: keep.id, phone: '+8613912345678', memberCode: 'vip-9' });
    const found = await ok<CustomerSummary[]>(ctx, 'customers.search', { query: '5678' });
    expect(found.map((c) => c.id)).toEqual([keep.id]);
    expect((await ok<CustomerSummary | null>(ctx, 'customers.findByPhone', { phone: '13912345678' }))?.id).toBe(keep.id);
    // The phone and member code now belong to the kept customer: nobody else can take them.
    expect((await err(ctx, 'customers.create', { name: 'x', phone: '13912345678' })).detail).toMatchObject({
      existingId: keep.id,
    });
    expect((await err(ctx, 'customers.create', { name: 'x', memberCode: 'VIP-9' })).code).toBe('MEMBER_CODE_TAKEN');
  });

  it('keeps the more recent consent decision per channel', async () => {
    const { ctx, clock } = makeCtx();
    const keep = await create(ctx, { name: 'A', consent: { sms: true } });
    clock.now += 1000;
    const gone = await create(ctx, { name: 'B', consent: { sms: false, email: true } });
    const merged = await ok<Customer>(ctx, 'customers.merge', { keepId: keep.id, mergeId: gone.id });
    expect(merged.consents.sms.granted).toBe(false); // B's later "no" wins
    expect(merged.consents.email.granted).toBe(true);
    expect(await ok<unknown[]>(ctx, 'customers.consentHistory', { id: keep.id })).toHaveLength(3);
  });

  it('refuses to merge a customer into itself, also via an alias, and writes nothing', async () => {
    const { ctx } = makeCtx();
    const a = await create(ctx, { name: 'A' });
    const b = await create(ctx, { name: 'B' });
    const before = counts(ctx);
    expect((await err(ctx, 'customers.merge', { keepId: a.id, mergeId: a.id })).code).toBe('MERGE_SELF');
    expect(counts(ctx)).toEqual(before);
    await ok(ctx, 'customers.merge', { keepId: a.id, mergeId: b.id });
    // b now resolves to a.
    expect((await err(ctx, 'customers.merge', { keepId: a.id, mergeId: b.id })).code).toBe('MERGE_SELF');
  });

  it('answers NOT_FOUND for an unknown customer', async () => {
    const { ctx } = makeCtx();
    const a = await create(ctx, { name: 'A' });
    expect((await err(ctx, 'customers.merge', { keepId: a.id, mergeId: 999 })).code).toBe('NOT_FOUND');
  });
});

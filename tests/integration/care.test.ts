import { afterEach, describe, expect, it } from 'vitest';
import { cleanupAll, err, FIXED_NOW, makeCtx, ok } from '../helpers/db';
import type { Ctx } from '../../main/ctx';
import { runImport } from '../../main/services/import/run';
import { ImportOptions } from '../../shared/schemas/import';
import type { Complaint, TodayItem, WinbackCase } from '../../shared/schemas/care';

afterEach(cleanupAll);

const DAY = 86_400_000;
async function customer(ctx: Ctx, name: string, visitsDaysAgo: number[] = []) {
  const c = await ok<{ id: number }>(ctx, 'customers.create', { name });
  for (const d of visitsDaysAgo)
    await ok(ctx, 'sales.record', { customerId: c.id, amountMinor: 5000, occurredAt: FIXED_NOW - d * DAY });
  return c.id;
}

describe('complaints', () => {
  it('walks the checklist: open → in progress → resolved → followed up, with due dates by severity', async () => {
    const { ctx, clock } = makeCtx(); // today 2026-03-10
    const id = await customer(ctx, '王芳');
    const c = await ok<Complaint>(ctx, 'complaints.open', {
      customerId: id,
      channel: 'wechat',
      reason: 'quality',
      severity: 'serious',
      whatHappened: '蛋糕不新鲜',
      customerWants: '退款',
    });
    expect(c).toMatchObject({
      status: 'open',
      acknowledgeBy: '2026-03-11',
      resolveBy: '2026-03-13',
      nextStep: 'listen',
      suggestedRemedy: 'replace_or_refund',
      overdue: false,
    });
    const step = (s: Record<string, unknown>) => ok<Complaint>(ctx, 'complaints.step', { id: c.id, ...s });
    expect((await step({ step: 'listen', note: '听完了' })).status).toBe('in_progress');
    await step({ step: 'apologise' });
    expect((await step({ step: 'agree_remedy' })).remedy).toBe('replace_or_refund');
    const acted = await step({ step: 'act', costMinor: 3800 });
    expect(acted).toMatchObject({
      status: 'resolved',
      remedyCostMinor: 3800,
      followUpOn: '2026-03-13',
      nextStep: 'follow_up',
      due: '2026-03-13',
    });
    // The follow-up needs its outcome; a step is done once.
    expect((await err(ctx, 'complaints.step', { id: c.id, step: 'follow_up' })).issues?.[0]?.message).toBe('outcome_required');
    expect((await err(ctx, 'complaints.step', { id: c.id, step: 'act' })).code).toBe('CONFLICT');
    clock.now += 4 * DAY;
    expect((await ok<Complaint>(ctx, 'complaints.get', { id: c.id })).overdue).toBe(true);
    const done = await step({ step: 'follow_up', outcome: 'satisfied', note: '满意' });
    expect(done).toMatchObject({ status: 'followed_up', outcome: 'satisfied', nextStep: null, due: null, overdue: false });
    expect(done.events.map((e) => e.step)).toEqual(['opened', 'listen', 'apologise', 'agree_remedy', 'act', 'follow_up']);
    expect(await ok<Complaint[]>(ctx, 'complaints.list', {})).toEqual([]);
    expect(await ok<Complaint[]>(ctx, 'complaints.list', { filter: 'all' })).toHaveLength(1);
  });

  it('refuses a complaint without what happened, or for an unknown customer, and writes nothing', async () => {
    const { ctx } = makeCtx();
    const id = await customer(ctx, '李雷');
    const base = { customerId: id, channel: 'phone', reason: 'service', severity: 'minor', whatHappened: 'x' };
    expect((await err(ctx, 'complaints.open', { ...base, whatHappened: '  ' })).issues?.[0]?.message).toBe(
      'what_happened_required',
    );
    expect((await err(ctx, 'complaints.open', { ...base, reason: 'weather' })).code).toBe('VALIDATION');
    expect((await err(ctx, 'complaints.open', { ...base, customerId: 999 })).code).toBe('NOT_FOUND');
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM complaints').get()).toEqual({ n: 0 });
  });

  it('an open or unsatisfied complaint puts the customer at risk: a reason on the list and the complaints segment', async () => {
    const { ctx } = makeCtx();
    const id = await customer(ctx, '韩梅梅', [30, 60, 90]);
    await ok(ctx, 'customers.setConsent', { id, channel: 'sms', granted: true, source: 'counter' }).catch(() => undefined);
    const c = await ok<Complaint>(ctx, 'complaints.open', {
      customerId: id,
      channel: 'in_person',
      reason: 'price',
      severity: 'minor',
      whatHappened: '太贵',
    });
    const insight = await ok<{ reasons: string[] }>(ctx, 'customers.insight', { id });
    expect(insight.reasons).toContain('open_complaint');
    expect(insight.reasons).toContain('price_complaint');
    const preview = await ok<{ matched: number }>(ctx, 'exports.preview', {
      segment: 'complaints',
      channel: 'sms',
      format: 'csv',
    });
    expect(preview.matched).toBe(1);
    for (const step of ['listen', 'apologise', 'agree_remedy', 'act']) await ok(ctx, 'complaints.step', { id: c.id, step });
    await ok(ctx, 'complaints.step', { id: c.id, step: 'follow_up', outcome: 'satisfied' });
    expect((await ok<{ reasons: string[] }>(ctx, 'customers.insight', { id })).reasons).not.toContain('open_complaint');
    expect(
      (await ok<{ matched: number }>(ctx, 'exports.preview', { segment: 'complaints', channel: 'sms', format: 'csv' })).matched,
    ).toBe(0);
  });
});

describe('win-back', () => {
  it('closes itself as won back when the customer buys after the contact, and a void undoes it', async () => {
    const { ctx, clock } = makeCtx();
    const id = await customer(ctx, '张伟', [200, 180, 160, 140]);
    const w = await ok<WinbackCase>(ctx, 'winback.start', { customerId: id });
    // The only customer is the shop's key customer: follow up tomorrow.
    expect(w).toMatchObject({
      status: 'open',
      reason: null,
      tier: 'key',
      suggestedDecision: 'at_once',
      followUpOn: '2026-03-11',
    });
    // Starting again returns the case in progress.
    expect((await ok<WinbackCase>(ctx, 'winback.start', { customerId: id })).id).toBe(w.id);
    expect((await err(ctx, 'winback.step', { id: w.id, step: 'contact' })).issues?.[0]?.message).toBe('reason_required');
    const contacted = await ok<WinbackCase>(ctx, 'winback.step', { id: w.id, step: 'contact', reason: 'price', note: '嫌贵' });
    expect(contacted).toMatchObject({ status: 'contacted', reason: 'price', suggestedRemedy: 'targeted_offer' });
    await ok(ctx, 'winback.step', { id: w.id, step: 'remedy', costMinor: 2000 });
    clock.now += DAY;
    const sale = await ok<{ id: number }>(ctx, 'sales.record', { customerId: id, amountMinor: 8800 });
    const won = await ok<WinbackCase>(ctx, 'winback.get', { id: w.id });
    expect(won).toMatchObject({ status: 'won_back', outcome: 'won_back', wonSaleId: sale.id, recoveredMinor: 8800 });
    await ok(ctx, 'sales.void', { id: sale.id, reason: 'wrong customer' });
    expect(await ok<WinbackCase>(ctx, 'winback.get', { id: w.id })).toMatchObject({
      status: 'contacted',
      outcome: null,
      wonSaleId: null,
    });
    const second = await ok<{ id: number }>(ctx, 'sales.record', { customerId: id, amountMinor: 1200 });
    expect(await ok<WinbackCase>(ctx, 'winback.get', { id: w.id })).toMatchObject({ status: 'won_back', wonSaleId: second.id });
  });

  it('an imported sale after the contact wins the case back too', async () => {
    const { ctx, clock } = makeCtx();
    const c = await ok<{ id: number }>(ctx, 'customers.create', { name: '孙悟空', phone: '13900001111' });
    await ok(ctx, 'sales.record', { customerId: c.id, amountMinor: 1000, occurredAt: FIXED_NOW - 200 * DAY });
    const w = await ok<WinbackCase>(ctx, 'winback.start', { customerId: c.id });
    await ok(ctx, 'winback.step', { id: w.id, step: 'contact', reason: 'unknown' });
    clock.now += 2 * DAY;
    const csv = 'phone,date,amount\n13900001111,2026-03-11,66.00\n';
    await runImport(
      ctx,
      new Uint8Array(Buffer.from(csv)),
      'pos.csv',
      ImportOptions.parse({ kind: 'sales', map: { phone: 'phone', date: 'date', amount: 'amount' } }),
    );
    expect(await ok<WinbackCase>(ctx, 'winback.get', { id: w.id })).toMatchObject({ status: 'won_back', recoveredMinor: 6600 });
  });

  it('a sale before any contact does not win the case back; a case past its follow-up date is overdue', async () => {
    const { ctx, clock } = makeCtx();
    const id = await customer(ctx, '刘洋', [120, 100]);
    const w = await ok<WinbackCase>(ctx, 'winback.start', { customerId: id });
    expect(w.cameBackAt).toBeNull();
    clock.now += 2 * DAY;
    const sale = await ok<{ id: number; occurredAt: number }>(ctx, 'sales.record', { customerId: id, amountMinor: 500 });
    // not won back (nobody contacted them), but the case says they came back, and when
    expect(await ok<WinbackCase>(ctx, 'winback.get', { id: w.id })).toMatchObject({
      contactedAt: null,
      outcome: null,
      cameBackAt: sale.occurredAt,
    });
    clock.now += 8 * DAY;
    expect((await ok<WinbackCase>(ctx, 'winback.get', { id: w.id })).status).toBe('overdue');
    await ok(ctx, 'sales.void', { id: sale.id, reason: 'mistake' });
    expect((await ok<WinbackCase>(ctx, 'winback.get', { id: w.id })).cameBackAt).toBeNull();
    // once contacted, the case is in the hands of the won-back rule: no "came back" line
    await ok(ctx, 'sales.record', { customerId: id, amountMinor: 700 });
    clock.now += DAY;
    await ok(ctx, 'winback.step', { id: w.id, step: 'contact', reason: 'price' });
    expect(await ok<WinbackCase>(ctx, 'winback.get', { id: w.id })).toMatchObject({ status: 'contacted', cameBackAt: null });
  });

  it('refuses a win-back for a customer who never bought, and opens no case', async () => {
    const { ctx } = makeCtx();
    const id = await customer(ctx, '新客');
    const e = await err(ctx, 'winback.start', { customerId: id });
    expect(e).toMatchObject({
      code: 'CONFLICT',
      detail: { reason: 'never_bought' },
      issues: [{ path: ['customerId'], message: 'never_bought' }],
    });
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM winback_cases').get()).toEqual({ n: 0 });
    await ok(ctx, 'sales.record', { customerId: id, amountMinor: 500, occurredAt: FIXED_NOW - 200 * DAY });
    expect((await ok<WinbackCase>(ctx, 'winback.start', { customerId: id })).status).toBe('open');
    // a record merged into another stands for the kept customer, whose sales it brought along
    const kept = await customer(ctx, '新客二');
    await ok(ctx, 'customers.merge', { keepId: kept, mergeId: id });
    expect(await ok<WinbackCase>(ctx, 'winback.start', { customerId: id })).toMatchObject({ customerId: kept });
  });

  it('letting go asks why, closes the case and stops future flags', async () => {
    const { ctx } = makeCtx();
    const id = await customer(ctx, '陈静', [400, 380, 360, 340, 320]);
    expect((await ok<{ status: string }>(ctx, 'customers.insight', { id })).status).toBe('lapsed');
    const w = await ok<WinbackCase>(ctx, 'winback.start', { customerId: id });
    expect((await err(ctx, 'winback.step', { id: w.id, step: 'let_go' })).code).toBe('VALIDATION');
    const gone = await ok<WinbackCase>(ctx, 'winback.step', { id: w.id, step: 'let_go', criterion: 'abusive_to_staff' });
    expect(gone).toMatchObject({ status: 'let_go', outcome: 'let_go', letGoCriterion: 'abusive_to_staff' });
    expect(await ok<{ status: string; let_go: boolean }>(ctx, 'customers.insight', { id })).toMatchObject({
      status: 'active',
      let_go: true,
      let_go_criterion: 'abusive_to_staff',
    });
    expect((await err(ctx, 'winback.step', { id: w.id, step: 'contact', reason: 'price' })).code).toBe('CONFLICT');
  });
});

describe('Today', () => {
  it('lists due complaint steps, follow-ups and staff-left introductions, and marks them done in one step', async () => {
    const { ctx, clock } = makeCtx();
    const a = await customer(ctx, '赵敏', [10]);
    const c = await ok<Complaint>(ctx, 'complaints.open', {
      customerId: a,
      channel: 'phone',
      reason: 'service',
      severity: 'critical',
      whatHappened: '态度差',
    });
    const staff = await ok<{ id: number }>(ctx, 'staff.create', { name: '小王' });
    const b = await ok<{ id: number }>(ctx, 'customers.create', { name: '周芷若', staffId: staff.id });
    expect(await ok(ctx, 'customers.get', { id: b.id })).toMatchObject({ staffName: '小王', staffLeft: false });
    await ok(ctx, 'staff.update', { id: staff.id, isActive: false });
    // their page says the one looking after them has left
    expect(await ok(ctx, 'customers.get', { id: b.id })).toMatchObject({ staffName: '小王', staffLeft: true });

    let items = await ok<TodayItem[]>(ctx, 'today.list', {});
    expect(items.map((i) => [i.kind, i.customer_id])).toEqual([
      ['complaint_acknowledge', a],
      ['introduce_contact', b.id],
    ]);
    expect(items[0]).toMatchObject({ ref: c.id, due: '2026-03-10', overdue: false });
    expect(items[0]!.title).toContain('赵敏');

    await ok(ctx, 'today.done', { kind: 'complaint_acknowledge', ref: c.id, note: '已道歉' });
    // Resolving a critical complaint is due tomorrow: not on today's list yet.
    items = await ok<TodayItem[]>(ctx, 'today.list', {});
    expect(items.map((i) => i.kind)).toEqual(['introduce_contact']);
    clock.now += DAY;
    items = await ok<TodayItem[]>(ctx, 'today.list', {});
    expect(items[0]).toMatchObject({ kind: 'complaint_resolve', ref: c.id, due: '2026-03-11' });
    expect((await ok<TodayItem[]>(ctx, 'today.list', { asOf: '2026-03-10' })).map((i) => i.kind)).toEqual(['introduce_contact']);
    await ok(ctx, 'today.done', { kind: 'complaint_resolve', ref: c.id });
    clock.now += 3 * DAY; // follow-up: 3 days after acting
    items = await ok<TodayItem[]>(ctx, 'today.list', {});
    expect(items[0]).toMatchObject({ kind: 'complaint_follow_up', ref: c.id });
    await ok(ctx, 'today.done', { kind: 'complaint_follow_up', ref: c.id, outcome: 'not_satisfied' });
    expect((await ok<Complaint>(ctx, 'complaints.get', { id: c.id })).outcome).toBe('not_satisfied');

    const task = (await ok<TodayItem[]>(ctx, 'today.list', {})).find((i) => i.kind === 'introduce_contact')!;
    await ok(ctx, 'today.done', { kind: 'introduce_contact', ref: task.ref, note: '介绍了小李' });
    expect(await ok<TodayItem[]>(ctx, 'today.list', {})).toEqual([]);
  });
});

describe('what the shop learns', () => {
  it('sums reasons by month, win-back rate by tier and reason with the value recovered, complaint results and churn around a change', async () => {
    const { ctx, clock } = makeCtx();
    const a = await customer(ctx, '甲', [200, 150, 100]);
    const b = await customer(ctx, '乙', [300, 250]);
    const c = await ok<Complaint>(ctx, 'complaints.open', {
      customerId: a,
      channel: 'phone',
      reason: 'price',
      severity: 'minor',
      whatHappened: '贵',
    });
    for (const step of ['listen', 'apologise', 'agree_remedy', 'act']) await ok(ctx, 'complaints.step', { id: c.id, step });
    await ok(ctx, 'complaints.step', { id: c.id, step: 'follow_up', outcome: 'not_satisfied' });
    const w1 = await ok<WinbackCase>(ctx, 'winback.start', { customerId: a });
    await ok(ctx, 'winback.step', { id: w1.id, step: 'contact', reason: 'price' });
    clock.now += 2 * DAY;
    await ok(ctx, 'sales.record', { customerId: a, amountMinor: 6600 });
    const w2 = await ok<WinbackCase>(ctx, 'winback.start', { customerId: b });
    await ok(ctx, 'winback.step', { id: w2.id, step: 'contact', reason: 'moved_away' });
    await ok(ctx, 'winback.step', { id: w2.id, step: 'let_go', criterion: 'moved_away' });

    const r = await ok<import('../../shared/schemas/reports').Reports>(ctx, 'insights.reports', { changeOn: '2025-12-01' });
    expect(r.reasons).toEqual([
      { month: '2026-03', reason: 'moved_away', complaints: 0, winback: 0, let_go: 1 },
      { month: '2026-03', reason: 'price', complaints: 1, winback: 1, let_go: 0 },
    ]);
    expect(r.winback).toMatchObject({ closed: 2, won: 1, recovered_minor: 6600, median_days_to_win: 2 });
    expect(r.winback.byReason).toEqual([
      { reason: 'price', cases: 1, won: 1, rate: 1, recovered_minor: 6600 },
      { reason: 'moved_away', cases: 1, won: 0, rate: 0, recovered_minor: 0 },
    ]);
    expect(r.complaints).toMatchObject({ total: 1, resolved: 1, followed_up: 1, satisfied: 0, not_satisfied: 1 });
    expect(r.churn).toMatchObject({ change_on: '2025-12-01', months: 3 });
    expect(r.churn!.before.active).toBeGreaterThan(0);
    // the complete months each side counts: after the change only January and February are over
    expect(r.churn!.before.months).toBe(3);
    expect(r.churn!.after.months).toBe(2);
  });
});

describe('small things the hardening tests found', () => {
  it('an empty settings change writes no activity-log line', async () => {
    const { ctx } = makeCtx();
    const before = ctx.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get();
    await ok(ctx, 'settings.update', {});
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get()).toEqual(before);
  });

  it('a default staff member who left is not put on new sales', async () => {
    const { ctx } = makeCtx();
    const s = await ok<{ id: number }>(ctx, 'staff.create', { name: '老王' });
    await ok(ctx, 'settings.update', { defaultStaffId: s.id });
    expect((await ok<{ staffId: number | null }>(ctx, 'sales.record', { amountMinor: 100 })).staffId).toBe(s.id);
    await ok(ctx, 'staff.update', { id: s.id, isActive: false });
    expect((await ok<{ staffId: number | null }>(ctx, 'sales.record', { amountMinor: 100 })).staffId).toBeNull();
  });
});

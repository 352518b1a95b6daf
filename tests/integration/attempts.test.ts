import { afterEach, describe, expect, it } from 'vitest';
import { cleanupAll, err, FIXED_NOW, makeCtx, ok } from '../helpers/db';
import type { Ctx } from '../../main/ctx';
import type { AttemptSummary, Complaint, TodayItem, WinbackCase } from '../../shared/schemas/care';
import type { Reports } from '../../shared/schemas/reports';

afterEach(cleanupAll);
const DAY = 86_400_000;

async function lapsedKey(ctx: Ctx, name: string) {
  const c = await ok<{ id: number }>(ctx, 'customers.create', { name });
  await ok(ctx, 'sales.record', { customerId: c.id, amountMinor: 50_000, occurredAt: FIXED_NOW - 300 * DAY });
  return c.id;
}

describe('attempts to reach the customer', () => {
  it('no answer (try again in 2 days, after 3 tries the case says so), then reached with the reason', async () => {
    const { ctx, clock } = makeCtx();
    const id = await lapsedKey(ctx, 'Ada');
    expect((await ok<TodayItem[]>(ctx, 'today.list', {})).some((i) => i.customer_id === id)).toBe(false);

    // No answer on a lapsed customer (Today's winback_contact, ref = the customer) starts their case; the item stays in view today, then waits 2 days.
    const first = await ok<AttemptSummary>(ctx, 'reach.attempt', { kind: 'winback_contact', ref: id, outcome: 'no_answer' });
    expect(first).toMatchObject({ noAnswerTries: 1, retryOn: '2026-03-12', lastAttemptOn: '2026-03-10' });
    const now = (await ok<TodayItem[]>(ctx, 'today.list', {})).filter((i) => i.customer_id === id);
    expect(now.map((i) => i.kind)).toEqual(['winback_follow_up']);
    const caseId = now[0]!.ref;
    expect((await ok<WinbackCase>(ctx, 'winback.get', { id: caseId })).followUpOn).toBe('2026-03-12');
    clock.now += DAY;
    expect((await ok<TodayItem[]>(ctx, 'today.list', {})).some((i) => i.customer_id === id)).toBe(false);
    clock.now += DAY;
    expect((await ok<TodayItem[]>(ctx, 'today.list', {})).some((i) => i.customer_id === id)).toBe(true);

    for (let k = 0; k < 2; k++) await ok(ctx, 'reach.attempt', { kind: 'winback_follow_up', ref: caseId, outcome: 'no_answer' });
    const tried = await ok<WinbackCase>(ctx, 'winback.get', { id: caseId });
    expect(tried.reach).toMatchObject({ noAnswerTries: 3 });
    expect(tried.status).toBe('open');

    const reached = await ok<AttemptSummary>(ctx, 'reach.attempt', {
      kind: 'winback_follow_up',
      ref: caseId,
      outcome: 'reached',
      reason: 'price',
      note: '嫌贵',
    });
    expect(reached).toMatchObject({ noAnswerTries: 0, retryOn: null });
    expect(reached.attempts.map((a) => [a.outcome, a.reason])).toEqual([
      ['no_answer', null],
      ['no_answer', null],
      ['no_answer', null],
      ['reached', 'price'],
    ]);
    const w = await ok<WinbackCase>(ctx, 'winback.get', { id: caseId });
    expect(w).toMatchObject({ status: 'contacted', reason: 'price' });
    // Today shows the attempts on the item.
    const shown = (await ok<TodayItem[]>(ctx, 'today.list', {})).find((i) => i.ref === caseId)!;
    expect(shown.reach.attempts).toHaveLength(4);
  });

  it('keeps attempts on a complaint, flags a wrong number, and refuses a closed case', async () => {
    const { ctx } = makeCtx();
    const c = await ok<{ id: number }>(ctx, 'customers.create', { name: 'Bo' });
    const complaint = await ok<Complaint>(ctx, 'complaints.open', {
      customerId: c.id,
      channel: 'phone',
      reason: 'quality',
      severity: 'minor',
      whatHappened: 'stale',
    });
    const s = await ok<AttemptSummary>(ctx, 'reach.attempt', {
      kind: 'complaint_acknowledge',
      ref: complaint.id,
      outcome: 'wrong_number',
    });
    expect(s.wrongNumber).toBe(true);
    expect((await ok<Complaint>(ctx, 'complaints.get', { id: complaint.id })).reach!.attempts).toHaveLength(1);
    expect((await err(ctx, 'reach.attempt', { kind: 'complaint_follow_up', ref: 999, outcome: 'reached' })).code).toBe(
      'NOT_FOUND',
    );
    expect((await err(ctx, 'reach.attempt', { kind: 'complaint_follow_up', ref: 1, outcome: 'maybe' })).code).toBe('VALIDATION');

    const id = await lapsedKey(ctx, 'Cy');
    const w = await ok<WinbackCase>(ctx, 'winback.start', { customerId: id });
    await ok(ctx, 'winback.step', { id: w.id, step: 'close' });
    expect((await err(ctx, 'reach.attempt', { kind: 'winback_follow_up', ref: w.id, outcome: 'no_answer' })).code).toBe(
      'CONFLICT',
    );
  });

  it('Insights counts the closed cases with at least one reached attempt separately', async () => {
    const { ctx } = makeCtx();
    const a = await lapsedKey(ctx, 'Ada');
    const b = await lapsedKey(ctx, 'Bo');
    await ok(ctx, 'reach.attempt', { kind: 'winback_contact', ref: a, outcome: 'reached', reason: 'service' });
    await ok(ctx, 'sales.record', { customerId: a, amountMinor: 8800 });
    const wb = await ok<WinbackCase>(ctx, 'winback.start', { customerId: b });
    await ok(ctx, 'reach.attempt', { kind: 'winback_follow_up', ref: wb.id, outcome: 'no_answer' });
    await ok(ctx, 'winback.step', { id: wb.id, step: 'close' });
    const r = await ok<Reports>(ctx, 'insights.reports', {});
    expect(r.winback).toMatchObject({ closed: 2, won: 1, reached: { cases: 1, won: 1, rate: 1, recovered_minor: 8800 } });
  });
});

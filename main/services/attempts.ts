import { AppError } from '../../shared/api/errors';
import { addDays } from '../../shared/domain/dates';
import type { AttemptInput, AttemptSummary } from '../../shared/schemas/care';
import type { z } from 'zod';
import { getComplaint } from '../db/queries/complaints';
import { getWinback, updateWinback } from '../db/queries/winback-cases';
import { insertAttempt } from '../db/queries/reach';
import type { Ctx } from '../ctx';
import { caseAttempts, RETRY_AFTER_DAYS } from './attempt-summary';
import { today } from './settings';
import { startWinback, winbackStep } from './winback';

/**
 * Records one attempt to reach the customer of a task, in one transaction: on a complaint it is
 * kept with the complaint; a lapsed customer without a case gets one started; on a win-back case
 * "reached" records the contact (with the reason if they said, else `unknown`) unless already
 * contacted, and "no answer" moves the follow-up two days on.
 */
export function recordAttempt(ctx: Ctx, a: z.output<typeof AttemptInput>): AttemptSummary {
  return ctx.db.transaction(() => {
    const now = ctx.clock.now();
    const row = {
      outcome: a.outcome,
      reason: a.outcome === 'reached' ? (a.reason ?? null) : null,
      at: now,
      staff_id: a.staffId,
      note: a.note,
    };
    if (a.kind.startsWith('complaint_')) {
      const c = getComplaint(ctx.db, a.ref);
      if (!c) throw new AppError('NOT_FOUND', { entity: 'complaint' });
      insertAttempt(ctx.db, { ...row, customer_id: c.customer_id, winback_id: null, complaint_id: c.id });
      return caseAttempts(ctx, 'complaint', c.id);
    }
    const caseId =
      a.kind === 'winback_contact' ? startWinback(ctx, { customerId: a.ref, note: '', staffId: a.staffId }).id : a.ref;
    const w = getWinback(ctx.db, caseId);
    if (!w) throw new AppError('NOT_FOUND', { entity: 'winback' });
    if (w.status !== 'open' && w.status !== 'contacted')
      throw new AppError('CONFLICT', { status: w.status }, [{ path: ['ref'], message: 'case_closed' }]);
    insertAttempt(ctx.db, { ...row, customer_id: w.customer_id, winback_id: w.id, complaint_id: null });
    if (a.outcome === 'reached' && w.contacted_at === null)
      winbackStep(ctx, { id: w.id, step: 'contact', reason: a.reason ?? 'unknown', note: a.note, staffId: a.staffId });
    if (a.outcome === 'no_answer') updateWinback(ctx.db, w.id, { follow_up_on: addDays(today(ctx), RETRY_AFTER_DAYS) }, now);
    return caseAttempts(ctx, 'winback', w.id);
  })();
}

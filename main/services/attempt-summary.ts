import { addDays, businessDate } from '../../shared/domain/dates';
import type { LeaveReason } from '../../shared/domain/care';
import type { AttemptSummary } from '../../shared/schemas/care';
import { allAttempts, attemptsFor, type AttemptRow } from '../db/queries/reach';
import type { Ctx } from '../ctx';
import { getSettings } from './settings';

/** After no answer, try again this many days later. */
export const RETRY_AFTER_DAYS = 2;

/**
 * What a task's attempts come to: the tries without an answer since they were last reached (the
 * case says so after 3), when to try again after no answer, and whether the number was wrong.
 */
export function summarize(rows: readonly AttemptRow[], timeZone: string): AttemptSummary {
  const lastReached = rows.map((r) => r.outcome).lastIndexOf('reached');
  const last = rows[rows.length - 1];
  return {
    attempts: rows.map((r) => ({
      outcome: r.outcome as AttemptSummary['attempts'][number]['outcome'],
      reason: r.reason as LeaveReason | null,
      at: r.at,
      staffId: r.staff_id,
      note: r.note,
    })),
    noAnswerTries: rows.slice(lastReached + 1).filter((r) => r.outcome === 'no_answer').length,
    retryOn: last?.outcome === 'no_answer' ? addDays(businessDate(last.at, timeZone), RETRY_AFTER_DAYS) : null,
    wrongNumber: last?.outcome === 'wrong_number',
    lastAttemptOn: last ? businessDate(last.at, timeZone) : null,
  };
}

export const NO_ATTEMPTS: AttemptSummary = {
  attempts: [],
  noAnswerTries: 0,
  retryOn: null,
  wrongNumber: false,
  lastAttemptOn: null,
};

export function caseAttempts(ctx: Ctx, kind: 'winback' | 'complaint', id: number): AttemptSummary {
  return summarize(attemptsFor(ctx.db, kind, id), getSettings(ctx.db).timeZone);
}

/** Every case's and complaint's attempts at once, keyed `winback-ID` / `complaint-ID` (for Today). */
export function attemptsByCase(ctx: Ctx): Map<string, AttemptSummary> {
  const groups = new Map<string, AttemptRow[]>();
  for (const r of allAttempts(ctx.db)) {
    const key =
      r.winback_id !== null ? `winback-${r.winback_id}` : r.complaint_id !== null ? `complaint-${r.complaint_id}` : null;
    if (key) groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const tz = getSettings(ctx.db).timeZone;
  return new Map([...groups].map(([k, rows]) => [k, summarize(rows, tz)]));
}

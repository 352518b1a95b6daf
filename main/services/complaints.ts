import { AppError } from '../../shared/api/errors';
import { addDays } from '../../shared/domain/dates';
import {
  complaintStatus,
  DUE_DAYS,
  FOLLOW_UP_DAYS,
  nextComplaintStep,
  REMEDY_FOR,
  type ComplaintStep,
  type LeaveReason,
  type Severity,
} from '../../shared/domain/care';
import type { Complaint } from '../../shared/schemas/care';
import * as q from '../db/queries/complaints';
import { addEvent, eventsOfCase } from '../db/queries/case-events';
import { audit } from '../db/queries/audit';
import { getCustomerRow } from '../db/queries/customers';
import type { Ctx } from '../ctx';
import { today } from './settings';
import { reacher } from './reach';
import { caseAttempts } from './attempt-summary';
import { messageKindFor } from '../../shared/domain/messages';

type Draft = {
  customerId: number;
  channel: Complaint['channel'];
  reason: LeaveReason;
  severity: Severity;
  whatHappened: string;
  customerWants: string;
  staffId: number | null;
};

function doneOf(r: q.ComplaintRow): Record<ComplaintStep, boolean> {
  return {
    listen: r.listened_at !== null,
    apologise: r.apologised_at !== null,
    agree_remedy: r.remedy_agreed_at !== null,
    act: r.acted_at !== null,
    follow_up: r.followed_up_at !== null,
  };
}

/** When the next step is due: acknowledging (listen, apologise), resolving (agree, act), following up. */
function dueOf(r: q.ComplaintRow, next: ComplaintStep | null): string | null {
  if (next === 'listen' || next === 'apologise') return r.acknowledge_by;
  if (next === 'agree_remedy' || next === 'act') return r.resolve_by;
  if (next === 'follow_up') return r.follow_up_on;
  return null;
}

export function toComplaint(ctx: Ctx, r: q.ComplaintRow, withEvents = true): Complaint {
  const done = doneOf(r);
  const next = nextComplaintStep(done);
  const due = dueOf(r, next);
  return {
    id: r.id,
    customerId: r.customer_id,
    customerName: r.customer_name,
    channel: r.channel as Complaint['channel'],
    reason: r.reason as LeaveReason,
    severity: r.severity as Severity,
    whatHappened: r.what_happened,
    customerWants: r.customer_wants,
    staffId: r.staff_id,
    status: r.status as Complaint['status'],
    openedAt: r.opened_at,
    openedOn: r.opened_on,
    acknowledgeBy: r.acknowledge_by,
    resolveBy: r.resolve_by,
    done,
    nextStep: next,
    remedy: r.remedy as Complaint['remedy'],
    suggestedRemedy: REMEDY_FOR[r.reason as LeaveReason],
    remedyCostMinor: r.remedy_cost_minor,
    followUpOn: r.follow_up_on,
    outcome: r.outcome as Complaint['outcome'],
    due,
    overdue: due !== null && due < today(ctx),
    events: withEvents
      ? eventsOfCase(ctx.db, 'complaint', r.id).map((e) => ({ step: e.step, at: e.at, staffId: e.staff_id, note: e.note }))
      : [],
    contact: withEvents
      ? reacher(ctx, [r.customer_id])(
          r.customer_id,
          r.customer_name,
          messageKindFor({
            task: next === 'follow_up' || next === null ? 'complaint_follow_up' : 'complaint_acknowledge',
            tier: null,
            reason: null,
          }),
        )
      : null,
    reach: withEvents ? caseAttempts(ctx, 'complaint', r.id) : null,
  };
}

/** Logs a complaint (one transaction, audited) with its due dates by severity. */
export function openComplaint(ctx: Ctx, d: Draft): Complaint {
  if (!getCustomerRow(ctx.db, d.customerId)) throw new AppError('NOT_FOUND', { entity: 'customer' });
  const day = today(ctx);
  const due = DUE_DAYS[d.severity];
  return ctx.db.transaction(() => {
    const now = ctx.clock.now();
    const id = q.insertComplaint(ctx.db, {
      customer_id: d.customerId,
      channel: d.channel,
      reason: d.reason,
      severity: d.severity,
      what_happened: d.whatHappened,
      customer_wants: d.customerWants,
      staff_id: d.staffId,
      opened_at: now,
      opened_on: day,
      acknowledge_by: addDays(day, due.acknowledge),
      resolve_by: addDays(day, due.resolve),
    });
    addEvent(ctx.db, { kind: 'complaint', case_id: id, step: 'opened', at: now, staff_id: d.staffId, note: d.whatHappened });
    audit(ctx.db, now, 'complaint.open', 'complaint', id, { customerId: d.customerId, reason: d.reason, severity: d.severity });
    return toComplaint(ctx, q.getComplaint(ctx.db, id)!);
  })();
}

export function getComplaint(ctx: Ctx, id: number): Complaint {
  const r = q.getComplaint(ctx.db, id);
  if (!r) throw new AppError('NOT_FOUND', { entity: 'complaint' });
  return toComplaint(ctx, r);
}

export function listComplaints(ctx: Ctx, f: { filter: 'active' | 'all'; customerId: number | null }): Complaint[] {
  return q
    .listComplaints(ctx.db, { active: f.filter === 'active', customerId: f.customerId })
    .map((r) => toComplaint(ctx, r, false));
}

/**
 * Marks a step of the checklist done (steps may be done in any order, each once), with its note:
 * agreeing a remedy records which (default: the one suggested for the reason), acting records its
 * cost and sets the follow-up date (default 3 days later), following up records the outcome.
 */
export function complaintStep(
  ctx: Ctx,
  s: {
    id: number;
    step: ComplaintStep;
    note: string;
    staffId: number | null;
    remedy?: Complaint['remedy'] | undefined;
    costMinor?: number | undefined;
    followUpOn?: string | undefined;
    outcome?: Complaint['outcome'] | undefined;
  },
): Complaint {
  return ctx.db.transaction(() => {
    const cur = q.getComplaint(ctx.db, s.id);
    if (!cur) throw new AppError('NOT_FOUND', { entity: 'complaint' });
    const done = doneOf(cur);
    if (done[s.step]) throw new AppError('CONFLICT', { step: s.step }, [{ path: ['step'], message: 'step_done' }]);
    if (s.step === 'follow_up' && !s.outcome)
      throw new AppError('VALIDATION', {}, [{ path: ['outcome'], message: 'outcome_required' }]);
    const now = ctx.clock.now();
    const patch: q.ComplaintPatch = {};
    if (s.step === 'listen') patch.listened_at = now;
    if (s.step === 'apologise') patch.apologised_at = now;
    if (s.step === 'agree_remedy') {
      patch.remedy_agreed_at = now;
      patch.remedy = s.remedy ?? REMEDY_FOR[cur.reason as LeaveReason];
    }
    if (s.step === 'act') {
      patch.acted_at = now;
      patch.remedy_cost_minor = s.costMinor ?? 0;
      patch.follow_up_on = s.followUpOn ?? addDays(today(ctx), FOLLOW_UP_DAYS);
      if (!cur.remedy) patch.remedy = s.remedy ?? REMEDY_FOR[cur.reason as LeaveReason];
    }
    if (s.step === 'follow_up') {
      patch.followed_up_at = now;
      patch.outcome = s.outcome ?? null;
    }
    patch.status = complaintStatus({ ...done, [s.step]: true });
    q.updateComplaint(ctx.db, cur.id, patch, now);
    addEvent(ctx.db, { kind: 'complaint', case_id: cur.id, step: s.step, at: now, staff_id: s.staffId, note: s.note });
    audit(ctx.db, now, 'complaint.step', 'complaint', cur.id, { step: s.step, ...(s.outcome ? { outcome: s.outcome } : {}) });
    return toComplaint(ctx, q.getComplaint(ctx.db, cur.id)!);
  })();
}

import { AppError } from '../../shared/api/errors';
import { addDays } from '../../shared/domain/dates';
import {
  DECISION_FOR_TIER,
  REMEDY_FOR,
  WINBACK_FOLLOW_UP_DAYS,
  type Decision,
  type LeaveReason,
  type LetGoCriterion,
  type Remedy,
} from '../../shared/domain/care';
import type { Tier } from '../../shared/domain/churn';
import type { WinbackCase } from '../../shared/schemas/care';
import * as q from '../db/queries/winback-cases';
import { addEvent, eventsOfCase } from '../db/queries/case-events';
import { firstSaleSince } from '../db/queries/sales';
import { audit } from '../db/queries/audit';
import { liveRow } from './customers';
import type { Ctx } from '../ctx';
import { customerInsight } from './analytics/lapsed';
import { today } from './settings';
import { reacher } from './reach';
import { caseAttempts } from './attempt-summary';
import { messageKindFor } from '../../shared/domain/messages';
import { latestOfferOfCase, toOffer } from '../db/queries/offers';

export function toCase(ctx: Ctx, r: q.WinbackRow, withEvents = true): WinbackCase {
  const active = r.status === 'open' || r.status === 'contacted';
  const offer = withEvents ? caseOffer(ctx, r.id) : null;
  const reason = r.reason as LeaveReason | null;
  return {
    id: r.id,
    customerId: r.customer_id,
    customerName: r.customer_name,
    status: active && r.follow_up_on < today(ctx) ? 'overdue' : (r.status as WinbackCase['status']),
    outcome: r.outcome as WinbackCase['outcome'],
    tier: r.tier as Tier,
    value12mMinor: r.value_12m_minor,
    openedAt: r.opened_at,
    openedOn: r.opened_on,
    reason,
    decision: r.decision as Decision | null,
    suggestedDecision: DECISION_FOR_TIER[r.tier as Tier],
    contactedAt: r.contacted_at,
    remedy: r.remedy as Remedy | null,
    suggestedRemedy: reason ? REMEDY_FOR[reason] : null,
    remedyCostMinor: r.remedy_cost_minor,
    followUpOn: r.follow_up_on,
    letGoCriterion: r.let_go_criterion as LetGoCriterion | null,
    wonSaleId: r.won_sale_id,
    recoveredMinor: r.recovered_minor,
    cameBackAt: r.came_back_at,
    closedAt: r.closed_at,
    events: withEvents
      ? eventsOfCase(ctx.db, 'winback', r.id).map((e) => ({ step: e.step, at: e.at, staffId: e.staff_id, note: e.note }))
      : [],
    contact: withEvents
      ? reacher(ctx, [r.customer_id])(
          r.customer_id,
          r.customer_name,
          messageKindFor({
            task: r.contacted_at === null ? 'winback_contact' : 'winback_follow_up',
            tier: r.tier as Tier,
            reason,
          }),
          offer,
        )
      : null,
    reach: withEvents ? caseAttempts(ctx, 'winback', r.id) : null,
    offer: withEvents ? caseOffer(ctx, r.id) : null,
  };
}

/** The latest offer issued from the case, if any (issue 17). */
function caseOffer(ctx: Ctx, caseId: number) {
  const o = latestOfferOfCase(ctx.db, caseId);
  return o ? toOffer(o, today(ctx)) : null;
}

/**
 * Starts a win-back case for a customer (from the lapsed list or their page), remembering their
 * tier and trailing value at that moment; the decision defaults to what the tier suggests. A
 * customer has at most one case in progress: starting again returns it.
 */
export function startWinback(ctx: Ctx, s: { customerId: number; note: string; staffId: number | null }): WinbackCase {
  // a merged-away record's id stands for the customer it was merged into (their sales moved there)
  const customer = liveRow(ctx.db, s.customerId);
  const customerId = customer.id;
  const existing = q.activeWinbackFor(ctx.db, customerId);
  if (existing) return toCase(ctx, q.getWinback(ctx.db, existing)!);
  // Winning back is for someone who bought and stopped: a customer who never bought has nothing to win back.
  if (customer.visits === 0)
    throw new AppError('CONFLICT', { reason: 'never_bought' }, [{ path: ['customerId'], message: 'never_bought' }]);
  const insight = customerInsight(ctx, customerId);
  const tier = insight?.tier ?? 'small';
  return ctx.db.transaction(() => {
    const now = ctx.clock.now();
    const day = today(ctx);
    const id = q.insertWinback(ctx.db, {
      customer_id: customerId,
      tier,
      value_12m_minor: insight?.value_12m_minor ?? 0,
      opened_at: now,
      opened_on: day,
      follow_up_on: addDays(day, tier === 'key' ? 1 : WINBACK_FOLLOW_UP_DAYS),
      decision: DECISION_FOR_TIER[tier],
    });
    addEvent(ctx.db, { kind: 'winback', case_id: id, step: 'opened', at: now, staff_id: s.staffId, note: s.note });
    audit(ctx.db, now, 'winback.start', 'winback', id, { customerId, tier });
    return toCase(ctx, q.getWinback(ctx.db, id)!);
  })();
}

export function getWinback(ctx: Ctx, id: number): WinbackCase {
  const r = q.getWinback(ctx.db, id);
  if (!r) throw new AppError('NOT_FOUND', { entity: 'winback' });
  return toCase(ctx, r);
}

export function listWinback(ctx: Ctx, f: { filter: 'active' | 'all'; customerId: number | null }): WinbackCase[] {
  return q.listWinback(ctx.db, { active: f.filter === 'active', customerId: f.customerId }).map((r) => toCase(ctx, r, false));
}

type Step = {
  id: number;
  step: 'contact' | 'decide' | 'remedy' | 'follow_up' | 'close' | 'let_go';
  note: string;
  staffId: number | null;
  reason?: LeaveReason | undefined;
  decision?: Decision | undefined;
  remedy?: Remedy | undefined;
  costMinor?: number | undefined;
  followUpOn?: string | undefined;
  criterion?: LetGoCriterion | undefined;
};

const need = (field: string, message: string) => new AppError('VALIDATION', {}, [{ path: [field], message }]);

/**
 * One step of the win-back checklist: contact (reached them, apologised, listened: the reason is
 * required), decide (by tier), remedy (applied, with its cost), follow_up (a new date), close (not
 * won back) or let_go (which criterion: the customer is no longer flagged). Each step also moves
 * the follow-up date on by a week unless one is given.
 */
export function winbackStep(ctx: Ctx, s: Step): WinbackCase {
  return ctx.db.transaction(() => {
    const cur = q.getWinback(ctx.db, s.id);
    if (!cur) throw new AppError('NOT_FOUND', { entity: 'winback' });
    if (cur.status !== 'open' && cur.status !== 'contacted')
      throw new AppError('CONFLICT', { status: cur.status }, [{ path: ['step'], message: 'case_closed' }]);
    const now = ctx.clock.now();
    const day = today(ctx);
    const patch: q.WinbackPatch = {};
    if (s.followUpOn) patch.follow_up_on = s.followUpOn;
    else if (s.step !== 'close' && s.step !== 'let_go') patch.follow_up_on = addDays(day, WINBACK_FOLLOW_UP_DAYS);
    switch (s.step) {
      case 'contact':
        if (!s.reason) throw need('reason', 'reason_required');
        patch.reason = s.reason;
        patch.contacted_at = cur.contacted_at ?? now;
        patch.status = 'contacted';
        break;
      case 'decide':
        if (!s.decision) throw need('decision', 'required');
        patch.decision = s.decision;
        break;
      case 'remedy':
        patch.remedy = s.remedy ?? (cur.reason ? REMEDY_FOR[cur.reason as LeaveReason] : 'call_and_listen');
        patch.remedy_applied_at = now;
        patch.remedy_cost_minor = s.costMinor ?? 0;
        break;
      case 'follow_up':
        if (!s.followUpOn) throw need('followUpOn', 'required');
        break;
      case 'close':
        patch.status = 'closed';
        patch.outcome = 'not_won_back';
        patch.closed_at = now;
        break;
      case 'let_go':
        if (!s.criterion) throw need('criterion', 'required');
        patch.status = 'let_go';
        patch.outcome = 'let_go';
        patch.let_go_criterion = s.criterion;
        patch.decision = 'let_go';
        patch.closed_at = now;
        q.setLetGo(ctx.db, cur.customer_id, now, s.criterion);
        break;
    }
    q.updateWinback(ctx.db, cur.id, patch, now);
    addEvent(ctx.db, { kind: 'winback', case_id: cur.id, step: s.step, at: now, staff_id: s.staffId, note: s.note });
    audit(ctx.db, now, `winback.${s.step}`, 'winback', cur.id, {});
    // A customer contacted just now who already bought since (a back-dated contact) is won back at once.
    if (s.step === 'contact') wonBackBy(ctx, cur.customer_id);
    return toCase(ctx, q.getWinback(ctx.db, cur.id)!);
  })();
}

/**
 * Called inside the transaction that records a sale: a contacted case of that customer with a
 * sale at or after the contact closes itself as won back, linked to the first such sale.
 */
export function wonBackBy(ctx: Ctx, customerId: number): void {
  const c = q.contactedCaseFor(ctx.db, customerId);
  if (!c) return;
  const sale = firstSaleSince(ctx.db, customerId, c.contacted_at);
  if (!sale) return;
  const now = ctx.clock.now();
  q.updateWinback(ctx.db, c.id, { status: 'won_back', outcome: 'won_back', won_sale_id: sale.id, closed_at: now }, now);
  addEvent(ctx.db, { kind: 'winback', case_id: c.id, step: 'won_back', at: now, staff_id: null, note: '' });
}

/**
 * Called inside the transaction that voids a sale: a case won back by that sale is linked to the
 * customer's next sale after the contact, or goes back to "contacted" when there is none.
 */
export function saleVoided(ctx: Ctx, saleId: number): void {
  const c = q.caseWonBySale(ctx.db, saleId);
  if (!c) return;
  const now = ctx.clock.now();
  const next = firstSaleSince(ctx.db, c.customer_id, c.contacted_at);
  if (next) q.updateWinback(ctx.db, c.id, { won_sale_id: next.id }, now);
  else {
    q.updateWinback(ctx.db, c.id, { status: 'contacted', outcome: null, won_sale_id: null, closed_at: null }, now);
    addEvent(ctx.db, { kind: 'winback', case_id: c.id, step: 'reopened', at: now, staff_id: null, note: '' });
  }
}

/**
 * Called inside the transaction of a sale that redeemed an offer: the customer's case still in
 * progress (open or contacted) closes as won back by that sale, the offer's code named in its
 * history. A case never marked contacted counts the offer as the contact (it reached them).
 */
export function wonBackByOffer(ctx: Ctx, customerId: number, saleId: number, offer: { code: string; createdAt: number }): void {
  const id = q.activeWinbackFor(ctx.db, customerId);
  if (id === undefined) return;
  const cur = q.getWinback(ctx.db, id)!;
  const now = ctx.clock.now();
  q.updateWinback(
    ctx.db,
    id,
    {
      status: 'won_back',
      outcome: 'won_back',
      won_sale_id: saleId,
      closed_at: now,
      contacted_at: cur.contacted_at ?? offer.createdAt,
    },
    now,
  );
  addEvent(ctx.db, { kind: 'winback', case_id: id, step: 'won_back', at: now, staff_id: null, note: offer.code });
}

import { AppError } from '../../shared/api/errors';
import { messages } from '../../shared/i18n';
import { addDays } from '../../shared/domain/dates';
import type { Tier } from '../../shared/domain/churn';
import type { TodayItem } from '../../shared/schemas/care';
import { addEvent } from '../db/queries/case-events';
import { getComplaint } from '../db/queries/complaints';
import { finishTask, openTasks } from '../db/queries/tasks';
import { letGoCustomers } from '../db/queries/winback-cases';
import { customerNames } from '../db/queries/analysis';
import { audit } from '../db/queries/audit';
import type { Ctx } from '../ctx';
import { complaintStep, listComplaints } from './complaints';
import { lapsedList } from './analytics/lapsed';
import { getSettings, today } from './settings';
import { reacher } from './reach';
import { attemptsByCase, NO_ATTEMPTS } from './attempt-summary';
import { messageKindFor } from '../../shared/domain/messages';
import type { LeaveReason } from '../../shared/domain/care';
import { listWinback, startWinback, winbackStep } from './winback';

type Kind = TodayItem['kind'];
const RANK: Record<Kind, number> = {
  complaint_acknowledge: 0,
  complaint_resolve: 1,
  complaint_follow_up: 2,
  winback_follow_up: 3,
  winback_contact: 4,
  introduce_contact: 5,
};

/** The item's one-line title in the shop's language (the screen translates by kind itself). */
function titleOf(ctx: Ctx, kind: Kind, name: string, tier: Tier | null): string {
  const lang = getSettings(ctx.db).language === 'en' ? 'en' : 'zh-CN';
  const m = messages[lang];
  return m[`today.item.${kind}`].replace('{{name}}', name).replace('{{tier}}', tier ? m[`tier.${tier}`] : '');
}

/**
 * What needs doing as of a day: complaint steps due or overdue, follow-up calls (complaints and
 * win-back cases), contacting lapsed key and main customers who have no case yet (and were not let
 * go), and introducing departed staff members' customers to their new contact. In that order of
 * kind; within a kind, overdue first, then by the customer's value.
 */
export function todayList(ctx: Ctx, asOfArg?: string): TodayItem[] {
  const asOf = asOfArg ?? today(ctx);
  const { entries } = lapsedList(ctx, asOf);
  const byId = new Map(entries.map((e) => [e.id, e]));
  const value = (id: number) => byId.get(id)?.value_12m_minor ?? 0;
  const tierOf = (id: number) => byId.get(id)?.tier ?? null;
  const attempts = attemptsByCase(ctx);
  const items: Omit<TodayItem, 'phone' | 'consents' | 'message' | 'reach'>[] = [];
  const reasons = new Map<string, LeaveReason | null>();
  const push = (kind: Kind, ref: number, customerId: number, name: string, due: string, reason: LeaveReason | null = null) => {
    reasons.set(`${kind}-${ref}`, reason);
    items.push({
      kind,
      ref,
      customer_id: customerId,
      customer_name: name,
      due,
      overdue: due < asOf,
      title: titleOf(ctx, kind, name, tierOf(customerId)),
      tier: tierOf(customerId),
      value_minor: value(customerId),
    });
  };

  for (const c of listComplaints(ctx, { filter: 'active', customerId: null })) {
    if (!c.due || c.due > asOf || !c.nextStep) continue;
    const kind: Kind =
      c.nextStep === 'follow_up'
        ? 'complaint_follow_up'
        : c.nextStep === 'agree_remedy' || c.nextStep === 'act'
          ? 'complaint_resolve'
          : 'complaint_acknowledge';
    push(kind, c.id, c.customerId, c.customerName, c.due);
  }
  // Customers with a case in progress, or one closed in the last half year, are not asked again.
  const withCase = new Set<number>();
  const recent = addDays(asOf, -182);
  for (const w of listWinback(ctx, { filter: 'all', customerId: null })) {
    const active = w.status === 'open' || w.status === 'contacted' || w.status === 'overdue';
    if (active || w.openedOn >= recent) withCase.add(w.customerId);
    // Tried today (no answer moved the follow-up on): still in view, to record the call back.
    const triedToday = attempts.get(`winback-${w.id}`)?.lastAttemptOn === asOf;
    if (active && (w.followUpOn <= asOf || triedToday))
      push('winback_follow_up', w.id, w.customerId, w.customerName, w.followUpOn, w.reason);
  }
  const letGo = letGoCustomers(ctx.db);
  const lapsedToContact = entries.filter(
    (e) => e.status === 'lapsed' && (e.tier === 'key' || e.tier === 'main') && !withCase.has(e.id) && !letGo.has(e.id),
  );
  const names = customerNames(
    ctx.db,
    lapsedToContact.map((e) => e.id),
  );
  for (const e of lapsedToContact) push('winback_contact', e.id, e.id, names.get(e.id)?.name ?? '', asOf);
  for (const t of openTasks(ctx.db)) push('introduce_contact', t.id, t.customer_id, t.customer_name, t.due_on);

  const reach = reacher(
    ctx,
    items.map((i) => i.customer_id),
  );
  const attemptsOf = (i: (typeof items)[number]) =>
    (i.kind.startsWith('complaint_')
      ? attempts.get(`complaint-${i.ref}`)
      : i.kind === 'winback_follow_up'
        ? attempts.get(`winback-${i.ref}`)
        : undefined) ?? NO_ATTEMPTS;
  return (
    items
      // No answer: the item waits until the day to try again (kept in view the day it was tried).
      .filter((i) => (attemptsOf(i).retryOn ?? '') <= asOf || attemptsOf(i).lastAttemptOn === asOf)
      .sort(
        (a, b) =>
          RANK[a.kind] - RANK[b.kind] || Number(b.overdue) - Number(a.overdue) || b.value_minor - a.value_minor || a.ref - b.ref,
      )
      .map((i) => ({
        ...i,
        reach: attemptsOf(i),
        ...reach(
          i.customer_id,
          i.customer_name,
          messageKindFor({
            task: i.kind,
            tier: i.tier,
            reason: reasons.get(`${i.kind}-${i.ref}`) ?? null,
            priceSensitive: byId.get(i.customer_id)?.price_sensitive ?? false,
          }),
        ),
      }))
  );
}

/**
 * Marks an item done in one click, with its note: acknowledging a complaint records "listen" and
 * "apologise"; resolving records the remedy agreed (the suggested one) and "act"; a follow-up call
 * records the outcome (default satisfied); a win-back follow-up moves the date on a week; contacting
 * a lapsed customer starts their case; an introduction closes the task.
 */
export function todayDone(
  ctx: Ctx,
  d: {
    kind: Kind;
    ref: number;
    note: string;
    outcome?: 'satisfied' | 'not_satisfied' | 'unreachable' | undefined;
    staffId: number | null;
  },
): { kind: Kind; ref: number } {
  const base = { note: d.note, staffId: d.staffId };
  ctx.db.transaction(() => {
    switch (d.kind) {
      case 'complaint_acknowledge':
        for (const step of ['listen', 'apologise'] as const) doStep(ctx, d.ref, step, base);
        break;
      case 'complaint_resolve':
        for (const step of ['agree_remedy', 'act'] as const) doStep(ctx, d.ref, step, base);
        break;
      case 'complaint_follow_up':
        complaintStep(ctx, { id: d.ref, step: 'follow_up', outcome: d.outcome ?? 'satisfied', ...base });
        break;
      case 'winback_follow_up':
        winbackStep(ctx, { id: d.ref, step: 'follow_up', followUpOn: addDays(today(ctx), 7), ...base });
        break;
      case 'winback_contact':
        startWinback(ctx, { customerId: d.ref, ...base });
        break;
      case 'introduce_contact':
        if (!finishTask(ctx.db, d.ref, ctx.clock.now(), d.note)) throw new AppError('NOT_FOUND', { entity: 'task' });
        addEvent(ctx.db, {
          kind: 'task',
          case_id: d.ref,
          step: 'done',
          at: ctx.clock.now(),
          staff_id: d.staffId,
          note: d.note,
        });
        audit(ctx.db, ctx.clock.now(), 'task.done', 'task', d.ref, {});
        break;
    }
  })();
  return { kind: d.kind, ref: d.ref };
}

/** Does a complaint step unless it is already done (Today may finish a half-done pair). */
function doStep(
  ctx: Ctx,
  id: number,
  step: 'listen' | 'apologise' | 'agree_remedy' | 'act',
  base: { note: string; staffId: number | null },
) {
  const c = getComplaint(ctx.db, id);
  if (!c) throw new AppError('NOT_FOUND', { entity: 'complaint' });
  const done = { listen: c.listened_at, apologise: c.apologised_at, agree_remedy: c.remedy_agreed_at, act: c.acted_at }[step];
  if (done === null) complaintStep(ctx, { id, step, ...base });
}

import { medianOf } from '../../shared/domain/cadence';
import { LEAVE_REASONS, type LeaveReason } from '../../shared/domain/care';
import { TIERS } from '../../shared/schemas/lapsed';
import type { Reports } from '../../shared/schemas/reports';
import { stmt } from '../db/stmt';
import type { Ctx } from '../ctx';
import { overview } from './insights';
import { today } from './settings';

/** The median, or null without values. */
const median = (xs: number[]): number | null => (xs.length ? medianOf(xs, 0) : null);
const DAY = 86_400_000;

/**
 * What the shop learns: why customers leave (reasons by month across complaints, win-back cases
 * and let-go decisions), win-back rate by tier and reason with the value recovered and the time to
 * win back, complaint resolution time and satisfaction after the follow-up, and the monthly churn
 * rate in the months before and after a change the owner names.
 */
export function reports(ctx: Ctx, q: { changeOn?: string | undefined; months: number }): Reports {
  const db = ctx.db;
  const reasons = stmt<[], { month: string; reason: LeaveReason; complaints: number; winback: number; let_go: number }>(
    db,
    `SELECT month, reason, SUM(src = 'c') AS complaints, SUM(src = 'w') AS winback, SUM(src = 'l') AS let_go FROM (
       SELECT substr(opened_on, 1, 7) AS month, reason, 'c' AS src FROM complaints
       UNION ALL SELECT substr(opened_on, 1, 7), reason, CASE WHEN status = 'let_go' THEN 'l' ELSE 'w' END FROM winback_cases WHERE reason IS NOT NULL
     ) GROUP BY month, reason ORDER BY month, reason`,
  ).all();

  const cases = stmt<
    [],
    {
      tier: string;
      reason: LeaveReason | null;
      status: string;
      contacted_at: number | null;
      won_at: number | null;
      recovered: number;
      reached: number;
    }
  >(
    db,
    `SELECT w.tier, w.reason, w.status, w.contacted_at,
       (SELECT s.occurred_at FROM sales s WHERE s.id = w.won_sale_id) AS won_at,
       CASE WHEN w.status = 'won_back' THEN COALESCE((SELECT SUM(s.amount_minor) FROM sales s WHERE s.customer_id = w.customer_id
         AND s.voided_at IS NULL AND s.occurred_at >= w.contacted_at), 0) ELSE 0 END AS recovered,
       EXISTS (SELECT 1 FROM contact_attempts a WHERE a.winback_id = w.id AND a.outcome = 'reached') AS reached
     FROM winback_cases w WHERE w.status IN ('won_back', 'let_go', 'closed')`,
  ).all();
  const rate = (rows: typeof cases) => {
    const won = rows.filter((r) => r.status === 'won_back');
    return {
      cases: rows.length,
      won: won.length,
      rate: rows.length ? won.length / rows.length : null,
      recovered_minor: won.reduce((s, r) => s + r.recovered, 0),
    };
  };
  const won = cases.filter((r) => r.status === 'won_back');

  const complaints = stmt<
    [],
    { opened_at: number; acted_at: number | null; outcome: string | null; followed_up_at: number | null }
  >(db, 'SELECT opened_at, acted_at, outcome, followed_up_at FROM complaints').all();

  let churn: Reports['churn'] = null;
  const changeOn = q.changeOn;
  if (changeOn) {
    // Whole months before and after the change's month (the last 24 months are at hand).
    const o = overview(ctx, today(ctx));
    const cm = changeOn.slice(0, 7);
    const idx = o.months.findIndex((m) => m.month === cm);
    if (idx >= 0) {
      const sum = (ms: typeof o.months) => {
        const full = ms.filter((m) => !m.partial);
        const active = full.reduce((s, m) => s + m.active_start, 0);
        const lost = full.reduce((s, m) => s + m.lost, 0);
        return { rate: active ? lost / active : null, lost, active };
      };
      churn = {
        change_on: changeOn,
        months: q.months,
        before: sum(o.months.slice(Math.max(0, idx - q.months), idx)),
        after: sum(o.months.slice(idx + 1, idx + 1 + q.months)),
      };
    }
  }

  return {
    reasons,
    winback: {
      byTier: TIERS.map((tier) => ({ tier, ...rate(cases.filter((r) => r.tier === tier)) })).filter((r) => r.cases > 0),
      byReason: LEAVE_REASONS.map((reason) => ({ reason, ...rate(cases.filter((r) => r.reason === reason)) })).filter(
        (r) => r.cases > 0,
      ),
      reached: rate(cases.filter((r) => r.reached === 1)),
      closed: cases.length,
      won: won.length,
      recovered_minor: won.reduce((s, r) => s + r.recovered, 0),
      median_days_to_win: median(
        won.filter((r) => r.contacted_at !== null && r.won_at !== null).map((r) => (r.won_at! - r.contacted_at!) / DAY),
      ),
    },
    complaints: {
      total: complaints.length,
      resolved: complaints.filter((c) => c.acted_at !== null).length,
      median_days_to_resolve: median(complaints.filter((c) => c.acted_at !== null).map((c) => (c.acted_at! - c.opened_at) / DAY)),
      followed_up: complaints.filter((c) => c.followed_up_at !== null).length,
      satisfied: complaints.filter((c) => c.outcome === 'satisfied').length,
      not_satisfied: complaints.filter((c) => c.outcome === 'not_satisfied').length,
      unreachable: complaints.filter((c) => c.outcome === 'unreachable').length,
    },
    churn,
  };
}

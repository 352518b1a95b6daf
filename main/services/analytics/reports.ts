import { medianOf } from '../../../shared/domain/cadence';
import { LEAVE_REASONS } from '../../../shared/domain/care';
import { TIERS } from '../../../shared/schemas/lapsed';
import type { Reports } from '../../../shared/schemas/reports';
import { complaintTimes, leaveReasonsByMonth } from '../../db/queries/complaints';
import { closedCases } from '../../db/queries/winback-cases';
import type { Ctx } from '../../ctx';
import { overview } from './insights';
import { today } from '../settings';

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
  const reasons = leaveReasonsByMonth(db);
  const cases = closedCases(db);
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

  const complaints = complaintTimes(db);

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
        // the complete months counted: after a recent change, fewer than asked for
        return { rate: active ? lost / active : null, lost, active, months: full.length };
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

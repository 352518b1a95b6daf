import { julianDay } from '../../../shared/domain/dates';
import { activityIn, churnRate } from '../../../shared/domain/activity';
import { isPartialMonth, monthIndex, monthLabel, monthStart } from '../../../shared/domain/months';
import { churnSettings, tiersByValue, type Tier } from '../../../shared/domain/churn';
import { TIERS } from '../../../shared/schemas/lapsed';
import type { FailureGroup, InsightsFailure } from '../../../shared/schemas/insights';
import { customerMonthAmounts, customerStaff, mainCategories } from '../../db/queries/failure';
import { listStaff } from '../../db/queries/staff';
import type { Ctx } from '../../ctx';
import { ANALYTICS_READS, cached } from '../cache';
import { getSettings, today } from '../settings';

const SHOWN = 12;
/** Trailing months that make up the value a lost customer takes with them. */
const VALUE_MONTHS = 12;

interface Tally {
  active: number;
  lost: number;
  value: number;
}
const tally = (): Tally => ({ active: 0, lost: 0, value: 0 });
const toGroup = (key: string | null, name: string | null, t: Tally): FailureGroup => ({
  key,
  name,
  active: t.active,
  lost: t.lost,
  churn_rate: churnRate(t.lost, t.active),
  value_lost_minor: t.value,
});
const worstFirst = (a: FailureGroup, b: FailureGroup) => (b.churn_rate ?? -1) - (a.churn_rate ?? -1) || b.lost - a.lost;

/**
 * Failure analysis as of a date: for each of the last 12 months the churn rate (the same
 * definition as the overview: active at the start, lost during it) with the value lost — what the
 * lost customers had spent in the 12 months before the month — and over the complete months of
 * that period, churn and value lost per tier (by their trailing value when the month began), per
 * staff member who looks after them, and per main category (where they spent most in items).
 */
export function failure(ctx: Ctx, asOfArg?: string): InsightsFailure {
  const asOf = asOfArg ?? today(ctx);
  const last = monthIndex(asOf);
  const first = last - SHOWN + 1;
  const fromMonth = first - VALUE_MONTHS;
  const span = last - fromMonth + 1;
  const rows = customerMonthAmounts(ctx.db, { asOf: julianDay(asOf), fromMonth });
  // Per customer: spend per month from fromMonth (rows come ordered by customer).
  const ids: number[] = [];
  const spend: Float64Array[] = [];
  for (const [id, month, amount] of rows) {
    if (ids[ids.length - 1] !== id) {
      ids.push(id!);
      spend.push(new Float64Array(span));
    }
    spend[spend.length - 1]![month! - fromMonth] = amount!;
  }
  // Month b of each customer's spend as the active/lost rule asks for it; before fromMonth counts as none.
  const boughtIn = spend.map((s) => (b: number) => (s[b] ?? 0) > 0);
  const staffOf = customerStaff(ctx.db);
  const categoryOf = mainCategories(ctx.db, { from: monthStart(fromMonth), to: asOf });
  const staffNames = new Map(listStaff(ctx.db).map((s) => [s.id, s.name]));
  const shares = churnSettings(getSettings(ctx.db).churn).tierShares;

  const byTier = new Map<Tier, Tally>(TIERS.map((t) => [t, tally()]));
  const byStaff = new Map<number | null, Tally>();
  const byCategory = new Map<string | null, Tally>();
  const months: InsightsFailure['months'] = [];
  let from: string | null = null;
  let to: string | null = null;
  for (let m = first; m <= last; m++) {
    const b = m - fromMonth;
    const partial = isPartialMonth(m, asOf);
    // trailing value at the start of the month, for everyone: the tiers rank on it
    const values = spend.map((s) => {
      let v = 0;
      for (let k = Math.max(0, b - VALUE_MONTHS); k < b; k++) v += s[k]!;
      return v;
    });
    const tiers = tiersByValue(values, shares);
    const month = {
      month: monthLabel(m),
      partial,
      active_start: 0,
      lost: 0,
      churn_rate: null as number | null,
      value_lost_minor: 0,
    };
    boughtIn.forEach((bought, i) => {
      // The overview's active/lost rule (shared/domain/activity.ts), so the monthly churn agrees.
      const activity = activityIn(b, bought);
      if (activity === 'inactive') return;
      const lost = activity === 'lost';
      month.active_start++;
      if (lost) {
        month.lost++;
        month.value_lost_minor += values[i]!;
      }
      if (partial) return;
      const id = ids[i]!;
      const staff = staffOf.get(id) ?? null;
      const category = categoryOf.get(id) ?? null;
      for (const t of [
        byTier.get(tiers[i]!)!,
        byStaff.get(staff) ?? byStaff.set(staff, tally()).get(staff)!,
        byCategory.get(category) ?? byCategory.set(category, tally()).get(category)!,
      ]) {
        t.active++;
        if (lost) {
          t.lost++;
          t.value += values[i]!;
        }
      }
    });
    month.churn_rate = churnRate(month.lost, month.active_start);
    months.push(month);
    if (!partial && month.active_start) {
      from ??= month.month;
      to = month.month;
    }
  }
  return {
    asOf,
    from,
    to,
    months,
    by_tier: TIERS.map((t) => toGroup(t, null, byTier.get(t)!)),
    by_staff: [...byStaff]
      .map(([id, t]) => toGroup(id === null ? null : String(id), id === null ? null : (staffNames.get(id) ?? null), t))
      .sort(worstFirst),
    by_category: [...byCategory].map(([cat, t]) => toGroup(cat, null, t)).sort(worstFirst),
  };
}

export function insightsFailure(ctx: Ctx, q: { asOf?: string | undefined }): InsightsFailure {
  const asOf = q.asOf ?? today(ctx);
  return cached(ctx, 'insights.failure', asOf, ANALYTICS_READS, () => failure(ctx, asOf)).value;
}

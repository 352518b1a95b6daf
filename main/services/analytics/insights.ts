import { fromJulianDay, julianDay } from '../../../shared/domain/dates';
import { ACTIVE_MONTHS, activityIn, churnRate } from '../../../shared/domain/activity';
import { HOLDOUT_MONTHS, holdoutFor } from '../../../shared/domain/calibration';
import { isPartialMonth, monthEnd, monthIndex, monthLabel } from '../../../shared/domain/months';
import { expectedPurchases } from '../../../shared/domain/bgnbd';
import { churnSettings, paretoShareOf, rankByValue, tiersByValue, top20ShareOf } from '../../../shared/domain/churn';
import { TIERS } from '../../../shared/schemas/lapsed';
import type { InsightsChecks, InsightsMonth, InsightsOverview } from '../../../shared/schemas/insights';
import { calibrationRows, customerMonths, holdoutVisitsByMonth, shopDaysUpTo } from '../../db/queries/analysis';
import type { Ctx } from '../../ctx';
import { changesUpTo } from '../../db/queries/price-changes';
import { recentCheck } from './lapsed';
import { shopModel } from './model';
import { ANALYTICS_READS, cached } from '../cache';
import { getSettings, today } from '../settings';

/** Months of history the masks hold (bit 0 also stands for "earlier"); < 53 so they stay exact in a double. */
const MASK_MONTHS = 48;
const SHOWN_MONTHS = 24;
const COHORTS = 12;

/**
 * The Insights overview as of a date: monthly active/lost/churn/retention, new vs returning,
 * revenue, units and buyers with the recorded price changes, Pareto curve, tier mix and cohort
 * retention. One aggregate over `visit_days` (one row per customer with a bitmask of the months
 * they bought in) and the shop's day totals; the rest is counting in TypeScript.
 */
export function overview(ctx: Ctx, asOfArg?: string): Omit<InsightsOverview, 'computedAt'> {
  const asOf = asOfArg ?? today(ctx);
  const asOfDay = julianDay(asOf);
  const last = monthIndex(asOf);
  const m0 = last - MASK_MONTHS + 1;
  const customers = customerMonths(ctx.db, { asOf: asOfDay, year: asOfDay - 365, m0 });

  const buyers = new Array<number>(MASK_MONTHS).fill(0);
  const fresh = new Array<number>(MASK_MONTHS).fill(0);
  const activeStart = new Array<number>(MASK_MONTHS).fill(0);
  const lost = new Array<number>(MASK_MONTHS).fill(0);
  const cohortSize = new Array<number>(MASK_MONTHS).fill(0);
  const cohortBack: number[][] = Array.from({ length: MASK_MONTHS }, () => new Array<number>(COHORTS).fill(0));
  let firstMonth = last;
  for (const c of customers) {
    // Split into two 24-bit halves so the bit tests stay in 32-bit integers.
    const lo = c.mask % 0x1000000;
    const hi = Math.floor(c.mask / 0x1000000);
    const has = (b: number) => b >= 0 && ((b < 24 ? lo >> b : hi >> (b - 24)) & 1) === 1;
    if (c.first_month < firstMonth) firstMonth = c.first_month;
    const fb = c.first_month - m0;
    if (fb >= 0) {
      fresh[fb]!++;
      cohortSize[fb]!++;
    }
    for (let b = 0; b < MASK_MONTHS; b++) {
      const bought = has(b);
      if (bought) {
        buyers[b]!++;
        if (fb >= 0 && b > fb && b - fb <= COHORTS) cohortBack[fb]![b - fb - 1]!++;
      }
      // The one active/lost rule (shared/domain/activity.ts), so failure analysis counts the same.
      const activity = activityIn(b, has);
      if (activity === 'inactive') continue;
      activeStart[b]!++;
      if (activity === 'lost') lost[b]!++;
    }
  }

  const byMonth = new Map<number, { revenue: number; units: number; sales: number }>();
  for (const d of shopDaysUpTo(ctx.db, asOfDay)) {
    const m = monthIndex(fromJulianDay(d.day));
    const cur = byMonth.get(m) ?? { revenue: 0, units: 0, sales: 0 };
    cur.revenue += d.amount_minor;
    cur.units += d.items;
    cur.sales += d.sales;
    byMonth.set(m, cur);
    if (m < firstMonth) firstMonth = m;
  }

  const months: InsightsMonth[] = [];
  for (let m = Math.max(firstMonth, last - SHOWN_MONTHS + 1); m <= last; m++) {
    const b = m - m0;
    const shop = byMonth.get(m) ?? { revenue: 0, units: 0, sales: 0 };
    const churn = churnRate(lost[b]!, activeStart[b]!);
    months.push({
      month: monthLabel(m),
      partial: isPartialMonth(m, asOf),
      active_start: activeStart[b]!,
      lost: lost[b]!,
      churn_rate: churn,
      retention_rate: churn === null ? null : 1 - churn,
      buyers: buyers[b]!,
      new_customers: fresh[b]!,
      returning_customers: buyers[b]! - fresh[b]!,
      repeat_rate: buyers[b]! ? (buyers[b]! - fresh[b]!) / buyers[b]! : null,
      revenue_minor: shop.revenue,
      units: shop.units,
      sales: shop.sales,
    });
  }

  // Pareto and tiers on trailing 12-month value, as the lapsed list ranks them.
  const values = customers.map((c) => c.value12);
  const settings = churnSettings(getSettings(ctx.db).churn);
  const tiers = tiersByValue(values, settings.tierShares);
  const tierMix = TIERS.map((tier) => ({ tier, customers: 0, value_12m_minor: 0 }));
  tiers.forEach((t, i) => {
    if (values[i]! <= 0) return;
    const row = tierMix.find((x) => x.tier === t)!;
    row.customers++;
    row.value_12m_minor += values[i]!;
  });
  // The one Pareto definition (shared/domain/churn.ts), so the Lapsed list shows the same figure.
  const order = rankByValue(values);
  const shareAt = (q: number) => paretoShareOf(values, q, order);
  const points = Array.from({ length: 21 }, (_, i) => ({ customers_share: i / 20, revenue_share: shareAt(i / 20) }));

  // The as-of month, when not over, is counted only to the as-of date: it is the newest cohort (still
  // growing) and the newest figure of every older one, so both are marked rather than read as a drop.
  const lastPartial = isPartialMonth(last, asOf);
  const cohorts = [];
  for (let m = Math.max(firstMonth, last - COHORTS + 1); m <= last; m++) {
    const b = m - m0;
    const size = cohortSize[b]!;
    const retention = cohortBack[b]!.map((n, k) => (m + k + 1 > last || !size ? null : n / size));
    const k = last - m - 1;
    cohorts.push({
      month: monthLabel(m),
      partial: m === last && lastPartial,
      size,
      retention,
      partial_index: lastPartial && k >= 0 && k < COHORTS && retention[k] !== null ? k : null,
    });
  }

  return {
    asOf,
    activeMonths: ACTIVE_MONTHS,
    months,
    // oldest first, product changes named by their product
    priceChanges: changesUpTo(ctx.db, asOf)
      .reverse()
      .map((c) => ({ date: c.date, note: c.product ?? c.note })),
    pareto: { customers: values.filter((v) => v > 0).length, points, top20_share: top20ShareOf(values, order) },
    tiers: tierMix,
    cohorts,
  };
}

/**
 * Is the model right on this shop? Fit it on the history up to the month end six months before
 * the last complete month, then compare the repeat visits it expected over those six months with
 * what the same customers actually did. Beside it, the lapsed list as it stood 90 days ago and
 * how many of those it flagged stayed away.
 */
export function checks(ctx: Ctx, asOfArg?: string): InsightsChecks {
  const asOf = asOfArg ?? today(ctx);
  const { calibrationEnd, end } = holdoutFor(asOf);
  const endMonth = monthIndex(end);
  const calDay = julianDay(calibrationEnd);
  const rows = calibrationRows(ctx.db, calDay);
  let holdout: InsightsChecks['holdout'] = null;
  if (rows.length) {
    const model = shopModel(ctx, calibrationEnd);
    const rfm = rows.map((r) => ({ x: r.visits - 1, tx: r.last_day - r.first_day, T: calDay - r.first_day }));
    const actualByMonth = holdoutVisitsByMonth(ctx.db, calDay, julianDay(end));
    let actual = 0;
    const series = [];
    for (let m = endMonth - HOLDOUT_MONTHS + 1; m <= endMonth; m++) {
      const date = monthEnd(m);
      const t = julianDay(date) - calDay;
      let expected = 0;
      for (const c of rfm) expected += expectedPurchases(model.bgnbd, c, t);
      actual += actualByMonth.get(m) ?? 0;
      series.push({ date, expected, actual });
    }
    holdout = {
      calibration_end: calibrationEnd,
      end,
      customers: rows.length,
      expected_repeat_visits: series[series.length - 1]!.expected,
      actual_repeat_visits: actual,
      source: model.source,
      series,
    };
  }
  return { holdout, list: recentCheck(ctx, asOf) };
}

export function insightsOverview(ctx: Ctx, q: { asOf?: string | undefined }): InsightsOverview {
  const asOf = q.asOf ?? today(ctx);
  const hit = cached(ctx, 'insights.overview', asOf, ANALYTICS_READS, () => overview(ctx, asOf));
  return { ...hit.value, computedAt: hit.at };
}

export function insightsChecks(ctx: Ctx, q: { asOf?: string | undefined }): InsightsChecks {
  const asOf = q.asOf ?? today(ctx);
  return cached(ctx, 'insights.checks', asOf, ANALYTICS_READS, () => checks(ctx, asOf)).value;
}

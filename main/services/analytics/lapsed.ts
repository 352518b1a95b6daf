import { addDays, fromJulianDay, julianDay } from '../../../shared/domain/dates';
import { expectedPurchases, pAlive, pNoPurchase, type BgNbdParams } from '../../../shared/domain/bgnbd';
import { expectedSpend } from '../../../shared/domain/gammagamma';
import { shopGapDays } from '../../../shared/domain/cadence';
import {
  churnSettings,
  judge,
  rankByValue,
  tiersByValue,
  top20ShareOf,
  valueAtRisk,
  type ChurnSettings,
  type FlagReason,
  type Status,
  type Tier,
} from '../../../shared/domain/churn';
import { customerNames, lastShopDay, visitsBetween } from '../../db/queries/analysis';
import { customerWindows, customerWindowsNow } from '../../db/queries/customer-windows';
import type { Ctx } from '../../ctx';
import type { PriceRiseEffect } from '../../../shared/schemas/lapsed';
import { calibrationEndFor } from '../../../shared/domain/calibration';
import { shopModel, type ShopModel } from './model';
import { customersWithOpenComplaints, priceComplainers } from '../../db/queries/complaints';
import { letGoCustomers } from '../../db/queries/winback-cases';
import { getSettings, today } from '../settings';
import { boughtLessAfterRises } from './price-changes';
import { priceProfile } from '../../../shared/domain/price';
import { priceEvidence, shopWeeks } from './price-evidence';
import { ANALYTICS_READS, cached } from '../cache';

/** One row of `regulars lapsed --json` (names are a contract with scripts). */
export interface LapsedEntry {
  id: number;
  name: string;
  /** E.164 or null, filled in with the name */
  phone: string | null;
  staff_id: number | null;
  status: Status;
  /** the owner let this customer go (win-back): never flagged again */
  let_go: boolean;
  tier: Tier;
  p_alive: number;
  /** the model's chance that the customer does not come back in the next 90 days */
  p_no_return_90d: number;
  expected_visits_90d: number;
  /** BG/NBD visits in the next 365 days × Gamma–Gamma spend per visit */
  expected_value_12m_minor: number;
  visits: number;
  last_visit: string;
  days_since_last: number;
  usual_gap_days: number | null;
  value_12m_minor: number;
  value_at_risk_minor: number;
  price_sensitivity: number;
  price_sensitive: boolean;
  reasons: FlagReason[];
  /** for the plain-words reasons ("visits down from 2.1 to 0.8 a month") */
  visits_per_month: { before: number; recent: number };
  spend_per_month_minor: { before: number; recent: number };
  spend_per_visit_minor: { before: number; recent: number };
  /** the last 18 months' price evidence, for "7 of 9 visits on promotion; the shop's customers: 1 in 10 in the same weeks" */
  price_evidence: PriceEvidence;
  /** the price rise they bought less after, with what they bought in the equal windows around it */
  price_change: PriceRiseEffect | null;
}

export interface PriceEvidence {
  visits: number;
  deal_visits: number;
  same_weeks_share: number;
  promo_week_visits: number;
  promo_week_share: number;
}

/**
 * The lapsed-customer list as of a date: one aggregate query over `visit_days`, the stored model
 * for that month (fitted once, see calibrationEndFor), one pass in TypeScript. Everything uses only
 * sales on or before `asOf`, so a past month's list is rebuilt exactly as it would have looked then.
 */
export function lapsedList(
  ctx: Ctx,
  asOfArg?: string,
  settings: ChurnSettings = churnSettings(getSettings(ctx.db).churn),
): { asOf: string; params: BgNbdParams; model: ShopModel; entries: LapsedEntry[]; top20: number } {
  const asOf = asOfArg ?? today(ctx);
  const asOfDay = julianDay(asOf);
  const boughtLess = boughtLessAfterRises(ctx, asOf);
  // Visits belong to live customers only: merging moves them, erasing makes them walk-ins.
  // Nothing sold after the date (a list as of today): the kept totals spare most of the work.
  const last = lastShopDay(ctx.db);
  const windows = last === null || last <= asOfDay ? customerWindowsNow : customerWindows;
  const before = asOfDay - 547;
  const weeks = shopWeeks(ctx.db, before, asOfDay);
  const live = windows(
    ctx.db,
    {
      asOf: asOfDay,
      year: asOfDay - 365,
      recent: asOfDay - 182,
      before,
    },
    weeks,
  );
  const model = shopModel(ctx, calibrationEndFor(asOf));
  const openComplaints = customersWithOpenComplaints(ctx.db);
  const priceComplaints = priceComplainers(ctx.db);
  const letGo = letGoCustomers(ctx.db);
  const params = model.bgnbd;
  const rfm = live.map((r) => ({ x: r.visits - 1, tx: r.last_day - r.first_day, T: asOfDay - r.first_day }));
  const shopGap = shopGapDays(
    live.map((r) => ({ id: r.customer_id, visits: r.visits, firstDay: r.first_day, lastDay: r.last_day })),
  );
  const evidence = priceEvidence(live, weeks, before, settings.minVisitsForPrice, (r) => {
    const rise = boughtLess.get(r.customer_id);
    return {
      priceRise: rise ? { before: rise.before, after: rise.after } : null,
      priceComplaint: priceComplaints.has(r.customer_id),
    };
  });
  const values = live.map((r) => r.value12);
  const order = rankByValue(values);
  const tiers = tiersByValue(values, settings.tierShares, order);
  const top20 = top20ShareOf(values, order);
  const entries = live.map((r, i): LapsedEntry => {
    const c = rfm[i]!;
    const alive = pAlive(params, c);
    const noReturn = pNoPurchase(params, c, 90);
    const j = judge(
      {
        visits: r.visits,
        firstDay: r.first_day,
        lastDay: r.last_day,
        asOfDay,
        shopGapDays: shopGap,
        pAlive: alive,
        pNoReturn90: noReturn,
        visitsRecent: r.visits_recent,
        spendRecent: r.spend_recent,
        spendSqRecent: r.spend_sq_recent,
        visitsBefore: r.visits_before,
        spendBefore: r.spend_before,
        spendSqBefore: r.spend_sq_before,
      },
      settings,
    );
    const ev = evidence[i]!;
    const price = priceProfile(ev, { sureAbove: settings.priceSensitiveAbove, minVisits: settings.minVisitsForPrice });
    const priceSensitive = price.sensitive;
    const priceReasons = price.reasons;
    // Let go by the owner: never flagged again.
    const gone = letGo.has(r.customer_id);
    const perVisit = model.gamma_gamma ? expectedSpend(model.gamma_gamma, r.visits - 1, r.spend / r.visits) : r.spend / r.visits;
    return {
      id: r.customer_id,
      // filled in by withNames for the rows that are shown
      name: '',
      phone: null,
      staff_id: null,
      status: gone ? 'active' : j.status,
      let_go: gone,
      tier: tiers[i]!,
      p_alive: alive,
      p_no_return_90d: noReturn,
      expected_visits_90d: expectedPurchases(params, c, 90),
      expected_value_12m_minor: Math.round(expectedPurchases(params, c, 365) * perVisit),
      visits: r.visits,
      last_visit: fromJulianDay(r.last_day),
      days_since_last: j.daysSinceLast,
      usual_gap_days: j.usualGap,
      value_12m_minor: r.value12,
      value_at_risk_minor: valueAtRisk(r.value12, alive),
      price_sensitivity: price.score,
      price_sensitive: priceSensitive,
      reasons: gone
        ? []
        : [
            ...j.reasons.filter((x) => x !== 'single_visit'),
            ...priceReasons,
            ...(openComplaints.has(r.customer_id) ? (['open_complaint'] as const) : []),
          ],
      visits_per_month: j.visitsPerMonth,
      spend_per_month_minor: { before: Math.round(j.spendPerMonth.before), recent: Math.round(j.spendPerMonth.recent) },
      spend_per_visit_minor: { before: Math.round(j.spendPerVisit.before), recent: Math.round(j.spendPerVisit.recent) },
      price_evidence: {
        visits: ev.visits,
        deal_visits: ev.dealVisits,
        same_weeks_share: ev.sameWeeksShare,
        promo_week_visits: ev.promoWeekVisits,
        promo_week_share: ev.promoWeekShare,
      },
      price_change: (priceReasons.includes('bought_less_after_price_rise') && boughtLess.get(r.customer_id)) || null,
    };
  });
  entries.sort((a, b) => b.value_at_risk_minor - a.value_at_risk_minor || a.id - b.id);
  return { asOf, params, model, entries, top20 };
}

/**
 * The list for the screen from the one cache (main/services/cache.ts): computed again once a table
 * it reads has changed, with the time it was computed.
 */
function cachedList(ctx: Ctx, asOf: string) {
  return cached(ctx, 'lapsed.list', asOf, ANALYTICS_READS, () => lapsedList(ctx, asOf));
}

/**
 * Fills in name and staff member (read for the rows shown only: the whole customer table is a
 * cost the list does not need to pay for the customers it does not show).
 */
export function withNames(ctx: Ctx, entries: LapsedEntry[]): LapsedEntry[] {
  const missing = entries.filter((e) => !e.name);
  if (missing.length) {
    const names = customerNames(
      ctx.db,
      missing.map((e) => e.id),
    );
    for (const e of missing) {
      const who = names.get(e.id);
      if (who) Object.assign(e, who);
    }
  }
  return entries;
}

/** One customer's status, tier, P(alive) and price sensitivity today (null before any visit). */
export function customerInsight(ctx: Ctx, id: number): LapsedEntry | null {
  const entry = cachedList(ctx, today(ctx)).value.entries.find((e) => e.id === id);
  return entry ? withNames(ctx, [entry])[0]! : null;
}

export function lapsedReport(ctx: Ctx, q: { asOf?: string | undefined; tier: string | null; staffId: number | null }) {
  const asOf = q.asOf ?? today(ctx);
  const hit = cachedList(ctx, asOf);
  const flagged = withNames(
    ctx,
    hit.value.entries.filter((e) => e.status !== 'active'),
  );
  const rows = flagged.filter((e) => (!q.tier || e.tier === q.tier) && (q.staffId === null || e.staff_id === q.staffId));
  return { asOf, computedAt: hit.at, top20Share: hit.value.top20, rows };
}

/**
 * The check the owner sees on the Lapsed screen: the list as it stood 90 days ago, and how many of
 * the customers it flagged as lapsed did not come back since.
 */
export function recentCheck(ctx: Ctx, now: string = today(ctx)): { asOf: string; flagged: number; stayedAway: number } {
  const asOf = addDays(now, -90);
  const { entries } = lapsedList(ctx, asOf);
  const flagged = entries.filter((e) => e.status === 'lapsed');
  const after = visitsBetween(ctx.db, asOf, now);
  return { asOf, flagged: flagged.length, stayedAway: flagged.filter((e) => !after.has(e.id)).length };
}

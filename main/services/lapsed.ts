import { addDays, daysBetween } from '../../shared/domain/dates';
import { expectedPurchases, fitBgNbd, pAlive, pNoPurchase, type BgNbdParams } from '../../shared/domain/bgnbd';
import { medianOf, FALLBACK_SHOP_GAP_DAYS } from '../../shared/domain/cadence';
import {
  churnSettings,
  judge,
  priceSensitivity,
  tiersByValue,
  valueAtRisk,
  type ChurnSettings,
  type FlagReason,
  type Status,
  type Tier,
} from '../../shared/domain/churn';
import { changeStamp, customerWindows, lastSaleDate, visitsBetween } from '../db/queries/analysis';
import type { Ctx } from '../ctx';
import { MIN_REPEATERS_TO_FIT, PRIOR_PARAMS } from './model';
import { getSettings, today } from './settings';

/** One row of `regulars lapsed --json` (names are a contract with scripts). */
export interface LapsedEntry {
  id: number;
  name: string;
  staff_id: number | null;
  status: Status;
  tier: Tier;
  p_alive: number;
  /** the model's chance that the customer does not come back in the next 90 days */
  p_no_return_90d: number;
  expected_visits_90d: number;
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
}

const JD_1970 = 2440587; // SQLite julianday('1970-01-01') truncated, as the query does
const toIso = (jd: number) => addDays('1970-01-01', jd - JD_1970);

/**
 * The lapsed-customer list as of a date: one aggregate query, one BG/NBD fit, one pass in
 * TypeScript. Everything uses only sales on or before `asOf`, so a past month's list is rebuilt
 * exactly as it would have looked then.
 */
export function lapsedList(
  ctx: Ctx,
  asOfArg?: string,
  settings: ChurnSettings = churnSettings(getSettings(ctx.db).churn),
): { asOf: string; params: BgNbdParams; entries: LapsedEntry[] } {
  const asOf = asOfArg ?? today(ctx);
  const rows = customerWindows(ctx.db, {
    asOf,
    year: addDays(asOf, -365),
    recent: addDays(asOf, -182),
    before: addDays(asOf, -547),
  });
  const asOfDay = daysBetween('1970-01-01', asOf) + JD_1970;
  const rfm = rows.map((r) => ({ x: r.visits - 1, tx: r.last_day - r.first_day, T: asOfDay - r.first_day }));
  const params = rfm.filter((c) => c.x > 0).length >= MIN_REPEATERS_TO_FIT ? fitBgNbd(rfm).params : PRIOR_PARAMS;
  const shopGap = medianOf(
    rows.filter((r) => r.visits >= 3).map((r) => (r.last_day - r.first_day) / (r.visits - 1)),
    FALLBACK_SHOP_GAP_DAYS,
  );
  const totalVisits = rows.reduce((s, r) => s + r.visits, 0);
  const shopPromoShare = totalVisits ? rows.reduce((s, r) => s + r.promo_visits, 0) / totalVisits : 0;
  const tiers = tiersByValue(
    rows.map((r) => r.value12),
    settings.tierShares,
  );
  const entries = rows.map((r, i): LapsedEntry => {
    const alive = pAlive(params, rfm[i]!);
    const noReturn = pNoPurchase(params, rfm[i]!, 90);
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
        visitsBefore: r.visits_before,
        spendBefore: r.spend_before,
      },
      settings,
    );
    const ps = priceSensitivity(r.promo_visits, r.visits, shopPromoShare);
    const priceSensitive = r.visits >= settings.minVisitsForPrice && ps >= settings.priceSensitiveAbove;
    const reasons = priceSensitive ? [...j.reasons, 'mostly_promotions' as const] : j.reasons;
    return {
      id: r.customer_id,
      name: r.name,
      staff_id: r.staff_id,
      status: j.status,
      tier: tiers[i]!,
      p_alive: alive,
      p_no_return_90d: noReturn,
      expected_visits_90d: expectedPurchases(params, rfm[i]!, 90),
      visits: r.visits,
      last_visit: toIso(r.last_day),
      days_since_last: j.daysSinceLast,
      usual_gap_days: j.usualGap,
      value_12m_minor: r.value12,
      value_at_risk_minor: valueAtRisk(r.value12, alive),
      price_sensitivity: ps,
      price_sensitive: priceSensitive,
      reasons: reasons.filter((x) => x !== 'single_visit'),
      visits_per_month: j.visitsPerMonth,
      spend_per_month_minor: { before: Math.round(j.spendPerMonth.before), recent: Math.round(j.spendPerMonth.recent) },
    };
  });
  entries.sort((a, b) => b.value_at_risk_minor - a.value_at_risk_minor || a.id - b.id);
  return { asOf, params, entries };
}

export interface MethodScore {
  name: string;
  flagged: number;
  precision: number;
  recall: number;
  f1: number;
  auc: number;
}

/** ROC AUC of `score` for predicting `positive` (Mann–Whitney, ties counted half). */
export function rocAuc(scores: number[], positive: boolean[]): number {
  const idx = scores.map((s, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let rankSum = 0;
  let pos = 0;
  for (let k = 0; k < idx.length;) {
    let e = k;
    while (e + 1 < idx.length && scores[idx[e + 1]!] === scores[idx[k]!]) e++;
    const avgRank = (k + e) / 2 + 1;
    for (let m = k; m <= e; m++)
      if (positive[idx[m]!]) {
        rankSum += avgRank;
        pos++;
      }
    k = e + 1;
  }
  const neg = idx.length - pos;
  if (pos === 0 || neg === 0) return 0.5;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

function score(name: string, flags: boolean[], scores: number[], lost: boolean[]): MethodScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  flags.forEach((f, i) => {
    if (f && lost[i]) tp++;
    else if (f) fp++;
    else if (lost[i]) fn++;
  });
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return {
    name,
    flagged: tp + fp,
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    auc: rocAuc(scores, lost),
  };
}

/**
 * Is the list right? Rebuild it as of a past date and check it against what happened next: a
 * customer with at least two visits "did not come back" when they have no visit in the horizon.
 * The app's own flag and ranking sit beside simple fixed-day rules.
 */
export function backtest(ctx: Ctx, asOf: string, horizonDays?: number) {
  const last = lastSaleDate(ctx.db) ?? asOf;
  const horizonEnd = horizonDays ? addDays(asOf, horizonDays) : last;
  const { entries } = lapsedList(ctx, asOf);
  const judged = entries.filter((e) => e.visits >= 2);
  const after = visitsBetween(ctx.db, asOf, horizonEnd);
  const lost = judged.map((e) => !after.has(e.id));
  const since = judged.map((e) => e.days_since_last);
  const methods: MethodScore[] = [
    score(
      'regulars',
      judged.map((e) => e.status === 'lapsed'),
      judged.map((e) => e.p_no_return_90d),
      lost,
    ),
    ...[30, 60, 90].map((d) =>
      score(
        `no_visit_${d}_days`,
        since.map((s) => s > d),
        since,
        lost,
      ),
    ),
    score(
      'days_since_last_visit',
      since.map((s) => s > 90),
      since,
      lost,
    ),
  ];
  return { as_of: asOf, horizon_end: horizonEnd, customers: judged.length, returned: lost.filter((l) => !l).length, methods };
}

/** Share of trailing 12-month revenue that comes from the top 20% of customers (the 80/20 figure). */
export function top20Share(entries: LapsedEntry[]): number {
  const values = entries.map((e) => e.value_12m_minor).sort((a, b) => b - a);
  const total = values.reduce((s, v) => s + v, 0);
  if (!total) return 0;
  return values.slice(0, Math.ceil(values.length * 0.2)).reduce((s, v) => s + v, 0) / total;
}

const cache = new WeakMap<object, { key: string; value: ReturnType<typeof lapsedList>; at: number }>();

/**
 * The list for the screen, cached until the next sale, void, import or edit (the newest sale id and
 * audit entry are part of the key), with the time it was computed.
 */
function cachedList(ctx: Ctx, asOf: string) {
  const key = `${asOf}|${changeStamp(ctx.db)}`;
  let hit = cache.get(ctx.db);
  if (!hit || hit.key !== key) {
    hit = { key, value: lapsedList(ctx, asOf), at: ctx.clock.now() };
    cache.set(ctx.db, hit);
  }
  return hit;
}

/** One customer's status, tier, P(alive) and price sensitivity today (null before any visit). */
export function customerInsight(ctx: Ctx, id: number): LapsedEntry | null {
  return cachedList(ctx, today(ctx)).value.entries.find((e) => e.id === id) ?? null;
}

export function lapsedReport(ctx: Ctx, q: { asOf?: string | undefined; tier: string | null; staffId: number | null }) {
  const asOf = q.asOf ?? today(ctx);
  const hit = cachedList(ctx, asOf);
  const rows = hit.value.entries.filter(
    (e) => e.status !== 'active' && (!q.tier || e.tier === q.tier) && (q.staffId === null || e.staff_id === q.staffId),
  );
  return { asOf, computedAt: hit.at, top20Share: top20Share(hit.value.entries), rows };
}

/**
 * The check the owner sees on the Lapsed screen: the list as it stood 90 days ago, and how many of
 * the customers it flagged as lapsed did not come back since.
 */
export function recentCheck(ctx: Ctx): { asOf: string; flagged: number; stayedAway: number } {
  const asOf = addDays(today(ctx), -90);
  const { entries } = lapsedList(ctx, asOf);
  const flagged = entries.filter((e) => e.status === 'lapsed');
  const after = visitsBetween(ctx.db, asOf, today(ctx));
  return { asOf, flagged: flagged.length, stayedAway: flagged.filter((e) => !after.has(e.id)).length };
}

import { usualGapDays } from './cadence';
import { binomialAtMost, welchBelow } from './stats';

export { boughtLessAfterPriceRise } from './price';

/**
 * The flags of the lapsed-customer list, as pure rules over one customer's numbers as of a date.
 *
 * - Lapsed: at least two visits and, by the BG/NBD model fitted on the shop's history, a chance of
 *   `lapsedAbove` or more that they will not come back in the next 90 days. The model weighs the
 *   silence against the customer's own rhythm; the reasons shown say which of "overdue" (more than
 *   `overdueFactor` × their usual gap and at least `minDaysSilent` days) and "low P(alive)" apply.
 *   The default 0.6 was chosen by measurement: on the CDNOW cohort (23,570 customers, as of
 *   1997-09-30, docs/lapsed.md) it gives the best F1 and beats every fixed "no visit for N days" rule.
 * - Fading (partial churn): see fadingTests. Still coming (a visit in the last 6 months), at least
 *   `minVisitsBefore` visits in the 12 months before, and a statistically clear fall of their visit
 *   rate or their spend per visit, by at least `dropAtLeast`. Defaults chosen on a simulated shop.
 * - Value at risk (per year) = trailing 12-month value × (1 − P(alive)).
 */
export interface ChurnSettings {
  lapsedAbove: number;
  overdueFactor: number;
  minDaysSilent: number;
  pAliveBelow: number;
  /** the smallest fall (of the visit rate or the spend per visit) that counts as fading */
  dropAtLeast: number;
  /** the significance level of the tests of change */
  fadingAlpha: number;
  minVisitsBefore: number;
  /** guard against regression to the mean: the fall must also hold against the longer history */
  meanGuard: boolean;
  /** how sure (0–100) the evidence must be for price-sensitive (see priceProfile) */
  priceSensitiveAbove: number;
  minVisitsForPrice: number;
  tierShares: { key: number; main: number; ordinary: number };
}

export const DEFAULT_CHURN: ChurnSettings = {
  lapsedAbove: 0.6,
  overdueFactor: 2.5,
  minDaysSilent: 30,
  pAliveBelow: 0.5,
  dropAtLeast: 0.3,
  fadingAlpha: 0.01,
  minVisitsBefore: 3,
  meanGuard: true,
  priceSensitiveAbove: 80,
  minVisitsForPrice: 4,
  tierShares: { key: 0.05, main: 0.15, ordinary: 0.3 },
};

export type Status = 'lapsed' | 'fading' | 'active';
export type Tier = 'key' | 'main' | 'ordinary' | 'small';
export type FlagReason =
  | 'overdue'
  | 'low_p_alive'
  | 'visits_down'
  | 'spend_down'
  | 'mostly_promotions'
  | 'promotion_weeks'
  | 'bought_less_after_price_rise'
  | 'price_complaint'
  | 'open_complaint'
  | 'single_visit';

export const PRICE_REASONS: readonly FlagReason[] = [
  'mostly_promotions',
  'promotion_weeks',
  'bought_less_after_price_rise',
  'price_complaint',
];

export interface CustomerNumbers {
  visits: number;
  firstDay: number;
  lastDay: number;
  asOfDay: number;
  shopGapDays: number;
  pAlive: number;
  /** P(no visit in the next 90 days) by the model */
  pNoReturn90: number;
  /** the last 182 days, and the 365 days before them: visits, spend, and the sum of squared spend per visit */
  visitsRecent: number;
  spendRecent: number;
  spendSqRecent: number;
  visitsBefore: number;
  spendBefore: number;
  spendSqBefore: number;
}

export interface Judgement {
  status: Status;
  reasons: FlagReason[];
  usualGap: number | null;
  daysSinceLast: number;
  /** per month, for the sentence "visits down from 2.1 to 0.8 a month" (before: the tested baseline) */
  visitsPerMonth: { before: number; recent: number };
  spendPerMonth: { before: number; recent: number };
  spendPerVisit: { before: number; recent: number };
}

const RECENT_DAYS = 182;
const BEFORE_DAYS = 365;
const GUARD_DAYS = 182;
const MONTH = 30.44;

export interface FadingTest {
  /** one-sided p-values: visit rate lower since (against the 12 months before; against the longer history), spend per visit lower since */
  visitsP: number;
  visitsPLonger: number;
  spendP: number;
  /** visit rates per day: the 12 months before, the longer history, since */
  rateBefore: number;
  rateLonger: number;
  rateRecent: number;
}

/**
 * The tests of change behind "fading":
 * - visits: a conditional binomial test of two Poisson rates. With r visits in the recent exposure
 *   E_r and B in the baseline exposure E_B, under equal rates r ~ Binomial(r + B, E_r/(E_r + E_B));
 *   p = P(X ≤ r). The baseline is the 12 months before the last 6 (shorter for a newer customer).
 *   The guard against regression to the mean tests again against a longer baseline, which adds the
 *   customer's older history (up to 6 months of it, at its own average rate): a year picked out
 *   because it was unusually busy is not taken as their norm.
 * - spend per visit: Welch's one-sided t-test of the recent visits' spend against the earlier visits'.
 */
export function fadingTests(n: CustomerNumbers): FadingTest {
  const recentStart = n.asOfDay - RECENT_DAYS;
  const beforeStart = recentStart - BEFORE_DAYS;
  const eRecent = RECENT_DAYS;
  const eBefore = Math.max(1, recentStart - Math.max(beforeStart, n.firstDay));
  let base = n.visitsBefore;
  let eBase = eBefore;
  const eOlder = beforeStart - n.firstDay;
  if (eOlder > 0) {
    const older = Math.max(0, n.visits - n.visitsRecent - n.visitsBefore);
    const w = Math.min(eOlder, GUARD_DAYS);
    base += (older * w) / eOlder;
    eBase += w;
  }
  const r = n.visitsRecent;
  const visitsP = binomialAtMost(r, r + n.visitsBefore, eRecent / (eRecent + eBefore));
  const visitsPLonger = binomialAtMost(r, r + base, eRecent / (eRecent + eBase));
  const spendP = welchBelow(
    { n: n.visitsBefore, sum: n.spendBefore, sumSq: n.spendSqBefore },
    { n: n.visitsRecent, sum: n.spendRecent, sumSq: n.spendSqRecent },
  );
  return {
    visitsP,
    visitsPLonger,
    spendP,
    rateBefore: n.visitsBefore / eBefore,
    rateLonger: base / eBase,
    rateRecent: r / eRecent,
  };
}

export function judge(n: CustomerNumbers, s: ChurnSettings = DEFAULT_CHURN): Judgement {
  const usualGap = usualGapDays(n.visits, n.firstDay, n.lastDay, n.shopGapDays);
  const daysSinceLast = n.asOfDay - n.lastDay;
  const reasons: FlagReason[] = [];
  const test = fadingTests(n);
  const visitsPerMonth = { before: test.rateBefore * MONTH, recent: test.rateRecent * MONTH };
  const spendPerMonth = { before: (n.spendBefore / BEFORE_DAYS) * MONTH, recent: (n.spendRecent / RECENT_DAYS) * MONTH };
  const spendPerVisit = {
    before: n.visitsBefore ? n.spendBefore / n.visitsBefore : 0,
    recent: n.visitsRecent ? n.spendRecent / n.visitsRecent : 0,
  };
  const base = { usualGap, daysSinceLast, visitsPerMonth, spendPerMonth, spendPerVisit };
  if (n.visits < 2) return { status: 'active', reasons: ['single_visit'], ...base };

  const overdue = usualGap !== null && daysSinceLast > Math.max(s.overdueFactor * usualGap, s.minDaysSilent);
  const lowAlive = n.pAlive < s.pAliveBelow;
  if (overdue) reasons.push('overdue');
  if (lowAlive) reasons.push('low_p_alive');
  if (n.pNoReturn90 >= s.lapsedAbove) return { status: 'lapsed', reasons, ...base };

  if (n.visitsRecent > 0 && n.visitsBefore >= s.minVisitsBefore) {
    const keep = 1 - s.dropAtLeast;
    const p = s.meanGuard ? Math.max(test.visitsP, test.visitsPLonger) : test.visitsP;
    const rate = s.meanGuard ? Math.min(test.rateBefore, test.rateLonger) : test.rateBefore;
    const visitsDown = p <= s.fadingAlpha && test.rateRecent <= keep * rate;
    const spendDown = test.spendP <= s.fadingAlpha && spendPerVisit.recent <= keep * spendPerVisit.before;
    if (visitsDown) reasons.push('visits_down');
    if (spendDown) reasons.push('spend_down');
    if (visitsDown || spendDown) return { status: 'fading', reasons, ...base };
  }
  return { status: 'active', reasons, ...base };
}

/** Customers ranked by value, best first (indexes into `values`). */
export function rankByValue(values: number[]): number[] {
  return values.map((_, i) => i).sort((a, b) => values[b]! - values[a]!);
}

/** Tiers by trailing 12-month value rank: top 5% key, next 15% main, next 30% ordinary, the rest small. */
export function tiersByValue(values: number[], shares = DEFAULT_CHURN.tierShares, order = rankByValue(values)): Tier[] {
  const n = values.length;
  const out: Tier[] = new Array(n).fill('small');
  order.forEach((idx, rank) => {
    if (values[idx]! <= 0) return;
    const q = rank / n;
    out[idx] =
      q < shares.key
        ? 'key'
        : q < shares.key + shares.main
          ? 'main'
          : q < shares.key + shares.main + shares.ordinary
            ? 'ordinary'
            : 'small';
  });
  return out;
}

/**
 * The Pareto figure, the one definition the Lapsed list and Insights share: among the customers
 * who bought in the trailing 12 months (value > 0; who bought only before counts on neither side),
 * ranked by that value, the share of their total value that the best `q` of them bring, their
 * number rounded up (the top 20% of 59 customers is 12). 0 when nobody bought.
 */
export function paretoShareOf(values: number[], q: number, order = rankByValue(values)): number {
  let total = 0;
  let buyers = 0;
  for (const v of values)
    if (v > 0) {
      total += v;
      buyers++;
    }
  if (!total) return 0;
  // `order` is by value, highest first: the buyers come before everyone with nothing in the year
  let top = 0;
  const n = Math.ceil(buyers * q - 1e-9);
  for (let i = 0; i < n; i++) top += values[order[i]!]!;
  return top / total;
}

/** Share of the 12-month value that comes from the best 20% of the customers who bought (the 80/20 figure): paretoShareOf(values, 0.2). */
export function top20ShareOf(values: number[], order = rankByValue(values)): number {
  return paretoShareOf(values, 0.2, order);
}

/** Value at risk per year, in minor units: trailing 12-month value × (1 − P(alive)). */
export function valueAtRisk(value12Minor: number, pAlive: number): number {
  return Math.round(value12Minor * (1 - pAlive));
}

/** The owner's adjustments over the defaults (Settings stores them flat). */
export function churnSettings(
  rules: {
    lapsedAbove: number;
    overdueFactor: number;
    minDaysSilent: number;
    dropAtLeast: number;
    priceSensitiveAbove: number;
    fadingAlpha?: number | undefined;
    tierKey: number;
    tierMain: number;
    tierOrdinary: number;
  } | null,
): ChurnSettings {
  if (!rules) return DEFAULT_CHURN;
  const { tierKey, tierMain, tierOrdinary, fadingAlpha, ...rest } = rules;
  return {
    ...DEFAULT_CHURN,
    ...rest,
    fadingAlpha: fadingAlpha ?? DEFAULT_CHURN.fadingAlpha,
    tierShares: { key: tierKey, main: tierMain, ordinary: tierOrdinary },
  };
}

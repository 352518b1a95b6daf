import { usualGapDays } from './cadence';

/**
 * The flags of the lapsed-customer list, as pure rules over one customer's numbers as of a date.
 *
 * - Lapsed: at least two visits and, by the BG/NBD model fitted on the shop's history, a chance of
 *   `lapsedAbove` or more that they will not come back in the next 90 days. The model weighs the
 *   silence against the customer's own rhythm; the reasons shown say which of "overdue" (more than
 *   `overdueFactor` × their usual gap and at least `minDaysSilent` days) and "low P(alive)" apply.
 *   The default 0.6 was chosen by measurement: on the CDNOW cohort (23,570 customers, as of
 *   1997-09-30, docs/lapsed.md) it gives the best F1 and beats every fixed "no visit for N days" rule.
 * - Fading (partial churn): still coming (a visit in the last 6 months) but their visits or their
 *   spending per month in the last 6 months fell by `dropAtLeast` or more against their previous 12
 *   months. Guard against regression to the mean: the earlier period must hold at least
 *   `minVisitsBefore` visits, and the earlier rate is shrunk toward the customer's long-run rate
 *   before comparing, so one unusually busy stretch does not make a fader.
 * - Value at risk (per year) = trailing 12-month value × (1 − P(alive)).
 */
export interface ChurnSettings {
  lapsedAbove: number;
  overdueFactor: number;
  minDaysSilent: number;
  pAliveBelow: number;
  dropAtLeast: number;
  minVisitsBefore: number;
  priceSensitiveAbove: number;
  minVisitsForPrice: number;
  tierShares: { key: number; main: number; ordinary: number };
}

export const DEFAULT_CHURN: ChurnSettings = {
  lapsedAbove: 0.6,
  overdueFactor: 2.5,
  minDaysSilent: 30,
  pAliveBelow: 0.5,
  dropAtLeast: 0.4,
  minVisitsBefore: 3,
  priceSensitiveAbove: 60,
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
  | 'discounted_spend'
  | 'bought_less_after_price_rise'
  | 'price_complaint'
  | 'open_complaint'
  | 'single_visit';

export const PRICE_REASONS: readonly FlagReason[] = [
  'mostly_promotions',
  'discounted_spend',
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
  visitsRecent: number;
  spendRecent: number;
  visitsBefore: number;
  spendBefore: number;
}

export interface Judgement {
  status: Status;
  reasons: FlagReason[];
  usualGap: number | null;
  daysSinceLast: number;
  /** per month, for the sentence "visits down from 2.1 to 0.8 a month" */
  visitsPerMonth: { before: number; recent: number };
  spendPerMonth: { before: number; recent: number };
}

const RECENT_MONTHS = 6;
const BEFORE_MONTHS = 12;

export function judge(n: CustomerNumbers, s: ChurnSettings = DEFAULT_CHURN): Judgement {
  const usualGap = usualGapDays(n.visits, n.firstDay, n.lastDay, n.shopGapDays);
  const daysSinceLast = n.asOfDay - n.lastDay;
  const reasons: FlagReason[] = [];
  const visitsPerMonth = { before: n.visitsBefore / BEFORE_MONTHS, recent: n.visitsRecent / RECENT_MONTHS };
  const spendPerMonth = { before: n.spendBefore / BEFORE_MONTHS, recent: n.spendRecent / RECENT_MONTHS };
  const base = { usualGap, daysSinceLast, visitsPerMonth, spendPerMonth };
  if (n.visits < 2) return { status: 'active', reasons: ['single_visit'], ...base };

  const overdue = usualGap !== null && daysSinceLast > Math.max(s.overdueFactor * usualGap, s.minDaysSilent);
  const lowAlive = n.pAlive < s.pAliveBelow;
  if (overdue) reasons.push('overdue');
  if (lowAlive) reasons.push('low_p_alive');
  if (n.pNoReturn90 >= s.lapsedAbove) return { status: 'lapsed', reasons, ...base };

  if (n.visitsRecent > 0 && n.visitsBefore >= s.minVisitsBefore) {
    // Shrink the earlier rate toward the customer's long-run monthly rate (weight: 6 months).
    const months = Math.max(1, (n.asOfDay - n.firstDay) / 30.44);
    const longRun = n.visits / months;
    const shrunk = (n.visitsBefore + longRun * RECENT_MONTHS) / (BEFORE_MONTHS + RECENT_MONTHS);
    const visitsDown = visitsPerMonth.recent <= (1 - s.dropAtLeast) * shrunk;
    const spendDown =
      spendPerMonth.before > 0 &&
      spendPerMonth.recent <= (1 - s.dropAtLeast) * spendPerMonth.before &&
      n.visitsBefore >= s.minVisitsBefore;
    if (visitsDown) reasons.push('visits_down');
    if (spendDown) reasons.push('spend_down');
    if (visitsDown || spendDown) return { status: 'fading', reasons, ...base };
  }
  return { status: 'active', reasons, ...base };
}

/**
 * Price sensitivity 0–100: how much more often than the shop's customers on average this customer
 * buys on a discount or promotion (0 = no more than usual, 100 = always and only then).
 */
export function priceSensitivity(promoVisits: number, visits: number, shopPromoShare: number): number {
  if (visits === 0) return 0;
  const share = promoVisits / visits;
  if (shopPromoShare >= 1) return 0;
  return Math.round(100 * Math.min(1, Math.max(0, (share - shopPromoShare) / (1 - shopPromoShare))));
}

export interface PriceNumbers {
  visits: number;
  promoVisits: number;
  /** what they paid and the discounts they got, in minor units */
  paidMinor: number;
  discountMinor: number;
  /** the same shares for the whole shop over the same period */
  shopPromoShare: number;
  shopDiscountShare: number;
  /** bought clearly less after a price rise (see main/services/price-changes.ts) */
  boughtLessAfterRise: boolean;
  /** complained, or said they left, about the price or a competitor */
  priceComplaint?: boolean;
}

/**
 * A regular before a price change (bought on two or more days in the window before it, the first
 * of them in its first half, so not someone who only just started) who bought at most half as much
 * after it, or nothing: units of a product, or visits for a shop-wide change. Counting over the
 * whole window means a customer whose visits merely moved to another weekday is not flagged.
 */
export function boughtLessAfterPriceRise(
  before: { amount: number; days: number; sinceFirstHalf: boolean } | undefined,
  after: number,
): boolean {
  return before !== undefined && before.days >= 2 && before.sinceFirstHalf && after <= before.amount / 2;
}

/**
 * Price sensitivity 0–100 with its reasons: 60% from how much more often than the shop's customers
 * they buy on promotion, 40% from how much more of their spending is discounted, plus 30 points
 * when they bought clearly less after a recorded price change, plus 30 when they complained (or
 * said they left) about the price or a competitor (capped at 100).
 */
export function priceProfile(n: PriceNumbers): { score: number; reasons: FlagReason[] } {
  const promo = priceSensitivity(n.promoVisits, n.visits, n.shopPromoShare);
  const gross = n.paidMinor + n.discountMinor;
  const discounted = gross > 0 ? priceSensitivity(n.discountMinor, gross, n.shopDiscountShare) : 0;
  const rise = n.boughtLessAfterRise;
  const score = Math.min(100, Math.round(0.6 * promo + 0.4 * discounted + (rise ? 30 : 0) + (n.priceComplaint ? 30 : 0)));
  const reasons: FlagReason[] = [];
  if (promo >= 50) reasons.push('mostly_promotions');
  if (discounted >= 50) reasons.push('discounted_spend');
  if (rise) reasons.push('bought_less_after_price_rise');
  if (n.priceComplaint) reasons.push('price_complaint');
  return { score, reasons };
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

/** Share of the total value that comes from the best 20% of customers (the 80/20 figure). */
export function top20ShareOf(values: number[], order = rankByValue(values)): number {
  let total = 0;
  for (const v of values) total += v;
  if (!total) return 0;
  let top = 0;
  const n = Math.ceil(values.length * 0.2);
  for (let i = 0; i < n; i++) top += values[order[i]!]!;
  return top / total;
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
    tierKey: number;
    tierMain: number;
    tierOrdinary: number;
  } | null,
): ChurnSettings {
  if (!rules) return DEFAULT_CHURN;
  const { tierKey, tierMain, tierOrdinary, ...rest } = rules;
  return { ...DEFAULT_CHURN, ...rest, tierShares: { key: tierKey, main: tierMain, ordinary: tierOrdinary } };
}

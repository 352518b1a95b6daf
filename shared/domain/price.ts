import { betaCdf, binomialAtMost } from './stats';

/**
 * Price sensitivity: four signals, each judged on its own evidence, so that any one of them, strong
 * enough, flags a customer (docs/lapsed.md).
 *
 * 1. Deals: visits with a promotion ticked or a discount typed ("deal visits"), against the deals
 *    the shop's other customers took in the same weeks. With k deal visits of n, where the shop's
 *    customers took a deal on a share p of their visits in those weeks (each visit weighted by its
 *    week), the customer's own rate θ gets the empirical-Bayes prior Beta(m·p, m·(1 − p)) (m from
 *    the shop, see priorStrength) and so the posterior Beta(m·p + k, m·(1 − p) + n − k): 3 of 4 is
 *    weaker evidence than 30 of 40. The evidence is the posterior chance that θ is "far above" the
 *    shop: θ > p + LIFT·(1 − p) (with the shop at 1 in 10 and LIFT 0.25: above 0.325).
 * 2. Promotion weeks: visits crowded into the weeks the shop ran offers. The same posterior for the
 *    share of their visits in promotion weeks against the share of the shop's visits in those weeks
 *    over the same span (coming when the shop runs offers, staying away between).
 * 3. Bought less after a recorded price rise (boughtLessAfterPriceRise): the evidence is one minus
 *    the conditional (binomial) test of equal rates in the equal windows before and after:
 *    1 − P(X ≤ after | X ~ Bin(before + after, ½)).
 * 4. A price or competitor complaint or leave reason: the customer said it; evidence 1.
 *
 * The score (0–100) is the strongest evidence × 100; price-sensitive when it reaches the owner's
 * threshold (Settings, default 80), the deal and week signals only on `minVisits` visits or more.
 */
export const LIFT = 0.25;

export interface PriceNumbers {
  /** visits in the judged window, of which with a deal, and the shop's same-weeks deal share */
  visits: number;
  dealVisits: number;
  sameWeeksShare: number;
  /** visits in promotion weeks, and the share of the shop's visits in those weeks over the same span */
  promoWeekVisits: number;
  promoWeekShare: number;
  /** empirical-Bayes prior strengths for the two rates (priorStrength) */
  dealPrior: number;
  weekPrior: number;
  /** bought less after a price rise: what they bought in the equal windows (null: no such rise) */
  priceRise: { before: number; after: number } | null;
  priceComplaint: boolean;
}

export type PriceReason = 'mostly_promotions' | 'promotion_weeks' | 'bought_less_after_price_rise' | 'price_complaint';

export interface PriceJudgement {
  score: number;
  sensitive: boolean;
  reasons: PriceReason[];
}

/** Posterior chance that a rate is far above the shop's `p`, given k of n (see 1. above). */
export function farAboveShop(k: number, n: number, p: number, prior: number, lift = LIFT): number {
  if (n <= 0) return 0;
  const q = Math.min(0.99, Math.max(0.01, p));
  const bar = q + lift * (1 - q);
  return 1 - betaCdf(bar, prior * q + k, prior * (1 - q) + (n - k));
}

/** Evidence that a customer bought less after a price rise: 1 − P(X ≤ after), X ~ Bin(before + after, ½). */
export function lessAfterRise(before: number, after: number): number {
  return 1 - binomialAtMost(after, before + after, 0.5);
}

export function priceProfile(n: PriceNumbers, s: { sureAbove: number; minVisits: number }): PriceJudgement {
  const enough = n.visits >= s.minVisits;
  const deals = enough ? farAboveShop(n.dealVisits, n.visits, n.sameWeeksShare, n.dealPrior) : 0;
  const weeks = enough && n.promoWeekShare > 0 ? farAboveShop(n.promoWeekVisits, n.visits, n.promoWeekShare, n.weekPrior) : 0;
  const rise = n.priceRise ? lessAfterRise(n.priceRise.before, n.priceRise.after) : 0;
  const said = n.priceComplaint ? 1 : 0;
  const score = Math.round(100 * Math.max(deals, weeks, rise, said));
  const sure = (x: number) => Math.round(100 * x) >= s.sureAbove;
  const reasons: PriceReason[] = [];
  if (sure(deals)) reasons.push('mostly_promotions');
  if (sure(weeks)) reasons.push('promotion_weeks');
  // Shown for anyone, as before: the owner wants to know even when it is not yet strong evidence.
  if (n.priceRise) reasons.push('bought_less_after_price_rise');
  if (n.priceComplaint) reasons.push('price_complaint');
  return { score, sensitive: score >= s.sureAbove, reasons };
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
 * A week is a promotion week when the shop's customers took a deal on at least 1.5 times their
 * usual share of visits that week (and it had 5 visits or more to tell).
 */
export function promotionWeeks(weeks: { n: number; d: number }[]): boolean[] {
  let n = 0;
  let d = 0;
  for (const w of weeks) {
    n += w.n;
    d += w.d;
  }
  const usual = n ? d / n : 0;
  return weeks.map((w) => usual > 0 && w.n >= 5 && w.d / w.n >= 1.5 * usual);
}

/**
 * Cadence: a customer's usual gap between visits (a visit is a day with a purchase).
 *
 * Usual gap (empirical Bayes): the customer's mean gap shrunk toward the shop-wide typical gap,
 *   usualGap = (n · meanGap + k · shopGap) / (n + k)
 * where n is the customer's number of gaps (visits − 1) and k the prior's weight in gaps
 * (default 2). A customer with two visits is judged half by their one gap, half by the shop; a
 * weekly regular with 50 visits is judged by their own rhythm.
 */
export const DEFAULT_PRIOR_WEIGHT = 2;

export function usualGapDays(
  visits: number,
  firstVisitDay: number,
  lastVisitDay: number,
  shopGapDays: number,
  priorWeight = DEFAULT_PRIOR_WEIGHT,
): number | null {
  if (visits < 1) return null;
  const gaps = visits - 1;
  if (gaps === 0) return Math.round(shopGapDays);
  const meanGap = (lastVisitDay - firstVisitDay) / gaps;
  return Math.max(1, Math.round((gaps * meanGap + priorWeight * shopGapDays) / (gaps + priorWeight)));
}

/** Customers with at least this many visits say what the shop's usual rhythm is. */
export const SHOP_GAP_MIN_VISITS = 3;
/** Of those, the newest this many (by customer id) are asked: the shop's rhythm as it is now, read in a few milliseconds. */
export const SHOP_GAP_SAMPLE = 5000;

/** The visits one customer counts with in the shop's typical gap: days are any day numbers. */
export interface VisitSpan {
  id: number;
  visits: number;
  firstDay: number;
  lastDay: number;
}

/**
 * The shop's typical gap between visits, the prior every usual gap is shrunk toward: the median of
 * the mean gaps of its SHOP_GAP_SAMPLE newest customers with at least SHOP_GAP_MIN_VISITS visits
 * (FALLBACK_SHOP_GAP_DAYS when there are none). The one definition behind the counter, the customer
 * page and the lists: each passes the customers it has (all of them, or only the newest sample).
 */
export function shopGapDays(customers: Iterable<VisitSpan>): number {
  const regulars: VisitSpan[] = [];
  for (const c of customers) if (c.visits >= SHOP_GAP_MIN_VISITS) regulars.push(c);
  if (regulars.length > SHOP_GAP_SAMPLE) regulars.sort((x, y) => y.id - x.id).length = SHOP_GAP_SAMPLE;
  return medianOf(
    regulars.map((c) => (c.lastDay - c.firstDay) / (c.visits - 1)),
    FALLBACK_SHOP_GAP_DAYS,
  );
}

/** The median of the values, or `fallback` when there are none. */
export function medianOf(values: number[], fallback: number): number {
  if (values.length === 0) return fallback;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** With no history at all, assume a monthly shop. */
export const FALLBACK_SHOP_GAP_DAYS = 30;

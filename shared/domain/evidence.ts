/**
 * How much of a customer's model figures their own history supports. BG/NBD gives a customer with
 * one visit P(alive) = 100% (nobody can have left before coming back once) and the expected value
 * of the shop's average customer: true to the model, absurd to an owner looking at one ¥10 visit.
 * So the figures are shown only with what they rest on:
 *
 * - `new`: one visit (or none) — no prediction at all; "new customer — too early to tell", beside
 *   what the shop's new customers usually do.
 * - `few_visits`: the next 12 months are expected to bring clearly more (over ABOVE_BY times) than
 *   the last 12 did, and the customer has fewer than FEW_VISITS visits: the model leans on the
 *   shop's usual customers.
 * - `above_last_year`: clearly more than the last 12 months, from a longer history: the model
 *   expects their usual pace to continue, with spend per visit drawn toward the shop's average.
 * - null: the prediction is within about what the customer spent in the last 12 months.
 */
export type PredictionNote = 'new' | 'few_visits' | 'above_last_year' | null;

/** Below this many visits a customer's own history says little about them (the model leans on the shop's). */
export const FEW_VISITS = 5;

/** "Clearly more" than the last 12 months: a quarter above them (a few percent is noise, not a claim). */
export const ABOVE_BY = 1.25;

export function predictionNote(r: { visits: number; expected_value_12m_minor: number; value_12m_minor: number }): PredictionNote {
  if (r.visits <= 1) return 'new';
  if (r.expected_value_12m_minor <= r.value_12m_minor * ABOVE_BY) return null;
  return r.visits < FEW_VISITS ? 'few_visits' : 'above_last_year';
}

/** Share of the shop's new customers who came back within 90 days; null when fewer than `minimum` to judge by. */
export function newcomerReturnShare(n: { customers: number; returned_90d: number }, minimum = 10): number | null {
  return n.customers >= minimum ? n.returned_90d / n.customers : null;
}

/**
 * Why a lapsed customer can still show a high P(still a customer). The two figures answer two
 * questions of one model (docs/lapsed.md): P(alive) is the chance they have not left for good;
 * lapsed is the chance they will not come in the next 90 days (`p_no_return_90d`). A customer the
 * model takes for a slow one scores high on both. It does so mostly from few visits — too few to
 * tell a slow customer from one who has gone (on CDNOW 99% of the flagged customers with P(alive)
 * of 50% or more had 2 to 4 visits, and 55% of them bought again within 9 months against 35% of the
 * other flagged: the high figure is not noise, but it is not a visit soon either).
 *
 * - `few_visits`: lapsed, P(alive) not below the shop's threshold (no `low_p_alive` reason), fewer
 *   than FEW_VISITS visits;
 * - `slow_pace`: the same with a longer history (the silence is read as a slower pace);
 * - null: not lapsed, or P(alive) is low as well (the two agree).
 */
export type AliveNote = 'few_visits' | 'slow_pace' | null;

export function aliveNote(r: { status: string; reasons: readonly string[]; visits: number }): AliveNote {
  if (r.status !== 'lapsed' || r.reasons.includes('low_p_alive')) return null;
  return r.visits < FEW_VISITS ? 'few_visits' : 'slow_pace';
}

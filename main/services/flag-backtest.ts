import { julianDay } from '../../shared/domain/dates';
import type { ChurnSettings } from '../../shared/domain/churn';
import { dealsBetween } from '../db/queries/analysis';
import type { Db } from '../db/open';
import type { LapsedEntry } from './lapsed';

export interface FlagCheck {
  /** customers the check could judge, how many the list flagged, and how many of those were right */
  judged: number;
  flagged: number;
  precision: number;
  recall: number;
  /** fading only: of the customers who kept buying as before, the share the list called fading */
  steady_called_fading?: number;
}

const ratio = (a: number, b: number) => (b ? a / b : 0);

function check(rows: { flagged: boolean; truth: boolean }[]): FlagCheck {
  const tp = rows.filter((r) => r.flagged && r.truth).length;
  const flagged = rows.filter((r) => r.flagged).length;
  const pos = rows.filter((r) => r.truth).length;
  return { judged: rows.length, flagged, precision: ratio(tp, flagged), recall: ratio(tp, pos) };
}

/**
 * The price-sensitive and fading flags of a past list against what the customers did after it, in
 * the owner's own shop (docs/lapsed.md, "Checking the flags on your own shop"):
 * - price-sensitive: among customers the list judged (enough visits) who came 4 or more times
 *   since, right when they took a promotion or discount on at least half of those visits and at
 *   least twice as often as the shop's customers did since;
 * - fading: among customers the list could call fading (not lapsed, visits in the 6 months before
 *   and in the 12 months before those), right when since the date they came
 *   at most (1 − dropAtLeast) as often as in those 12 months, or spent that much less per visit;
 *   steady when neither fell by even half that much.
 */
export function flagChecks(db: Db, entries: LapsedEntry[], asOf: string, until: string, s: ChurnSettings) {
  const since = new Map(dealsBetween(db, asOf, until).map((r) => [r.customer_id, r]));
  let visits = 0;
  let deals = 0;
  for (const r of since.values()) {
    visits += r.visits;
    deals += r.deals;
  }
  const shopShare = ratio(deals, visits);
  const price = check(
    entries
      .filter((e) => e.price_evidence.visits >= s.minVisitsForPrice && (since.get(e.id)?.visits ?? 0) >= 4)
      .map((e) => {
        const r = since.get(e.id)!;
        const share = r.deals / r.visits;
        return { flagged: e.price_sensitive, truth: share >= 0.5 && share >= 2 * shopShare };
      }),
  );
  const months = (julianDay(until) - julianDay(asOf)) / 30.44;
  const keep = 1 - s.dropAtLeast;
  const fadingRows = entries
    .filter((e) => e.status !== 'lapsed' && e.visits_per_month.recent > 0 && e.visits_per_month.before > 0)
    .map((e) => {
      const r = since.get(e.id);
      const rate = r ? r.visits / months : 0;
      const perVisit = r && r.visits >= 2 ? r.spend / r.visits : null;
      const before = e.visits_per_month.before;
      const beforeSpend = e.spend_per_visit_minor.before;
      const fell = rate <= keep * before || (perVisit !== null && perVisit <= keep * beforeSpend);
      const half = 1 - s.dropAtLeast / 2;
      const steady = rate > half * before && (perVisit === null || perVisit > half * beforeSpend);
      return { flagged: e.status === 'fading', truth: fell, steady };
    });
  const steady = fadingRows.filter((r) => r.steady);
  const fading: FlagCheck = {
    ...check(fadingRows),
    steady_called_fading: ratio(steady.filter((r) => r.flagged).length, steady.length),
  };
  return { price_sensitive: price, fading, shop_deal_share_since: shopShare };
}

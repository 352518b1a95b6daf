import { addDays, julianDay } from '../../../shared/domain/dates';
import { churnSettings, type ChurnSettings } from '../../../shared/domain/churn';
import { flagScores } from '../../../shared/domain/classification';
import { rocAuc } from '../../../shared/domain/roc';
import { dealsBetween, lastSaleDate, visitsBetween } from '../../db/queries/analysis';
import type { Db } from '../../db/open';
import type { Ctx } from '../../ctx';
import { lapsedList, type LapsedEntry } from './lapsed';
import { getSettings } from '../settings';

/**
 * `regulars backtest`: the lapsed list rebuilt as of a past date and scored against what happened
 * next — the lapsed flag beside fixed "no visit for N days" rules (ROC AUC and F1), and the
 * price-sensitive and fading flags against what the customers bought since (docs/lapsed.md).
 */

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
  const s = flagScores(
    rows.map((r) => r.flagged),
    rows.map((r) => r.truth),
  );
  return { judged: rows.length, flagged: s.flagged, precision: s.precision, recall: s.recall };
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

export interface MethodScore {
  name: string;
  flagged: number;
  precision: number;
  recall: number;
  f1: number;
  auc: number;
}

/** A method's flag scored by precision, recall and F1, its ranking by ROC AUC (shared/domain). */
function score(name: string, flags: boolean[], scores: number[], lost: boolean[]): MethodScore {
  return { name, ...flagScores(flags, lost), auc: rocAuc(scores, lost) };
}

/**
 * Is the list right? Rebuild it as of a past date and check it against what happened next: a
 * customer with at least two visits "did not come back" when they have no visit in the horizon.
 * The app's own flag and ranking sit beside simple fixed-day rules.
 */
export function backtest(ctx: Ctx, asOf: string, horizonDays?: number) {
  const last = lastSaleDate(ctx.db) ?? asOf;
  const horizonEnd = horizonDays ? addDays(asOf, horizonDays) : last;
  const settings = churnSettings(getSettings(ctx.db).churn);
  const { entries } = lapsedList(ctx, asOf, settings);
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
  return {
    as_of: asOf,
    horizon_end: horizonEnd,
    customers: judged.length,
    returned: lost.filter((l) => !l).length,
    methods,
    ...flagChecks(ctx.db, entries, asOf, horizonEnd, settings),
  };
}

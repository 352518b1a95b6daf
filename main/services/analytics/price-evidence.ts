import { promotionWeeks } from '../../../shared/domain/price';
import { priorStrength } from '../../../shared/domain/stats';
import type { PriceNumbers } from '../../../shared/domain/price';
import { shopDayVisits, type CustomerWindowRow, type DealWeek, type DealWeeks } from '../../db/queries/customer-windows';
import type { Db } from '../../db/open';

/**
 * The shop's weeks (julian day / 7) since `before` as [week, visits, deal visits, promotion week
 * 0/1] (customers' visits only: walk-ins have no customer to compare), from the shop's days (a few
 * hundred rows), with the shop's deal share and prefix sums. The customers' deal numbers against
 * these weeks come with their windows (db/queries/analysis.ts DEAL_COLUMNS: a ShopWeeks is the
 * DealWeeks they are given).
 */
export interface ShopWeeks extends DealWeeks {
  /** prefix sums over `weeks` of all visits and of visits in promotion weeks */
  all: number[];
  inPromo: number[];
}

export function shopWeeks(db: Db, before: number, asOf: number): ShopWeeks {
  const w0 = Math.floor((before + 1) / 7);
  const span = Math.max(0, Math.floor(asOf / 7) - w0 + 1);
  const wn = new Float64Array(span);
  const wd = new Float64Array(span);
  for (const [day, visits, deals] of shopDayVisits(db, before, asOf)) {
    const w = Math.floor(day / 7) - w0;
    wn[w]! += visits;
    wd[w]! += deals;
  }
  const raw: [number, number, number][] = [];
  for (let i = 0; i < span; i++) if (wn[i]! > 0) raw.push([w0 + i, wn[i]!, wd[i]!]);
  const promo = promotionWeeks(raw.map(([, n, d]) => ({ n, d })));
  const weeks = raw.map(([w, n, d], i): DealWeek => [w, n, d, promo[i] ? 1 : 0]);
  let n = 0;
  let d = 0;
  // prefix sums of all visits and of visits in promotion weeks, for the share over any span of weeks
  const all = [0];
  const inPromo = [0];
  for (const [, vn, vd, p] of weeks) {
    n += vn;
    d += vd;
    all.push(all.at(-1)! + vn);
    inPromo.push(inPromo.at(-1)! + (p ? vn : 0));
  }
  return { weeks, share: n ? d / n : 0, all, inPromo };
}

/** Share of the shop's visits that fell in promotion weeks, from the week of `fromDay` on. */
function promoShareFrom(s: ShopWeeks, fromDay: number): number {
  const w0 = Math.floor(fromDay / 7);
  let lo = 0;
  let hi = s.weeks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s.weeks[mid]![0] < w0) lo = mid + 1;
    else hi = mid;
  }
  const total = s.all.at(-1)! - s.all[lo]!;
  return total ? (s.inPromo.at(-1)! - s.inPromo[lo]!) / total : 0;
}

/**
 * Each customer's price evidence since `before` (docs/lapsed.md, price sensitivity): deal visits
 * against the same weeks' share, visits in promotion weeks against the shop's share over their
 * span, with the shop's empirical-Bayes prior strengths fitted on customers with `minVisits` visits.
 */
export function priceEvidence(
  rows: CustomerWindowRow[],
  weeks: ShopWeeks,
  before: number,
  minVisits: number,
  extra: (r: CustomerWindowRow) => Pick<PriceNumbers, 'priceRise' | 'priceComplaint'>,
): PriceNumbers[] {
  const base = rows.map((r) => {
    const visits = r.visits_recent + r.visits_before;
    return {
      visits,
      dealVisits: r.deal_visits,
      sameWeeksShare: visits ? r.expected_deals / visits : weeks.share,
      promoWeekVisits: r.promo_week_visits,
      promoWeekShare: visits ? promoShareFrom(weeks, Math.max(r.first_day, before + 1)) : 0,
    };
  });
  const judged = base.filter((b) => b.visits >= minVisits);
  const dealPrior = priorStrength(judged.map((b) => ({ k: b.dealVisits, n: b.visits, p: b.sameWeeksShare })));
  const weekPrior = priorStrength(judged.map((b) => ({ k: b.promoWeekVisits, n: b.visits, p: b.promoWeekShare })));
  return base.map((b, i) => ({ ...b, dealPrior, weekPrior, ...extra(rows[i]!) }));
}

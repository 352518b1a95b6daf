import { promotionWeeks } from '../../shared/domain/price';
import { priorStrength } from '../../shared/domain/stats';
import type { PriceNumbers } from '../../shared/domain/price';
import type { CustomerWindowRow } from '../db/queries/analysis';
import { CODE_DAYS, visitDealCodes } from '../db/queries/analysis';
import type { Db } from '../db/open';

/** A customer's visits since `before` against the shop's weeks (see shopWeeks). */
export interface CustomerDeals {
  /** visits with a promotion or a discount */
  dealVisits: number;
  /** the same-weeks expectation of them: each visit weighed by the deal share of the shop's other visits that week */
  expectedDeals: number;
  /** visits in promotion weeks */
  promoWeekVisits: number;
}

/**
 * Adds like SQLite's SUM() over floating-point values (Kahan-Babuska-Neumaier, SQLite 3.43 and
 * later), so the sums are the very numbers the aggregate in SQL gave.
 */
class KbnSum {
  private sum = 0;
  private err = 0;
  add(r: number): void {
    const s = this.sum;
    const t = s + r;
    this.err += Math.abs(s) > Math.abs(r) ? s - t + r : r - t + s;
    this.sum = t;
  }
  get value(): number {
    return Number.isFinite(this.err) ? this.sum + this.err : this.sum;
  }
}

/**
 * The shop's weeks (julian day / 7) since `before` as [week, visits, deal visits, promotion week
 * 0/1] (customers' visits only: walk-ins have no customer to compare), with the shop's deal share
 * and prefix sums, and each customer's deal numbers against those weeks: all from one read of the
 * visits as plain numbers (visitDealCodes), counted by week, then walked by customer.
 */
export function shopWeeks(db: Db, before: number, asOf: number) {
  const codes = visitDealCodes(db, before, asOf);
  const w0 = Math.floor((before + 1) / 7);
  const span = Math.max(0, Math.floor(asOf / 7) - w0 + 1);
  const wn = new Float64Array(span);
  const wd = new Float64Array(span);
  const dayOf = (c: number) => before + (Math.floor(c / 2) % CODE_DAYS);
  for (const c of codes) {
    const w = Math.floor(dayOf(c) / 7) - w0;
    wn[w]! += 1;
    wd[w]! += c % 2;
  }
  const raw: [number, number, number][] = [];
  for (let i = 0; i < span; i++) if (wn[i]! > 0) raw.push([w0 + i, wn[i]!, wd[i]!]);
  const promo = promotionWeeks(raw.map(([, n, d]) => ({ n, d })));
  const weeks = raw.map(([w, n, d], i): [number, number, number, number] => [w, n, d, promo[i] ? 1 : 0]);
  const promoWeek = new Uint8Array(span);
  let n = 0;
  let d = 0;
  // prefix sums of all visits and of visits in promotion weeks, for the share over any span of weeks
  const all = [0];
  const inPromo = [0];
  for (const [w, vn, vd, p] of weeks) {
    promoWeek[w - w0] = p;
    n += vn;
    d += vd;
    all.push(all.at(-1)! + vn);
    inPromo.push(inPromo.at(-1)! + (p ? vn : 0));
  }
  const dealShare = n ? d / n : 0;
  // Codes come ordered by customer: one entry per customer, summed in the order of their days.
  const customers = new Map<number, CustomerDeals>();
  let current = -1;
  let entry: CustomerDeals = { dealVisits: 0, expectedDeals: 0, promoWeekVisits: 0 };
  let expected = new KbnSum();
  for (const c of codes) {
    const id = Math.floor(c / (2 * CODE_DAYS));
    if (id !== current) {
      if (current >= 0) entry.expectedDeals = expected.value;
      current = id;
      entry = { dealVisits: 0, expectedDeals: 0, promoWeekVisits: 0 };
      expected = new KbnSum();
      customers.set(id, entry);
    }
    const deal = c % 2;
    const w = Math.floor(dayOf(c) / 7) - w0;
    entry.dealVisits += deal;
    // the deal share of the shop's other visits that week (its own left out)
    expected.add(wn[w]! > 1 ? (wd[w]! - deal) / (wn[w]! - 1) : dealShare);
    entry.promoWeekVisits += promoWeek[w]!;
  }
  if (current >= 0) entry.expectedDeals = expected.value;
  return { weeks, dealShare, all, inPromo, customers };
}
export type ShopWeeks = ReturnType<typeof shopWeeks>;

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
  const none: CustomerDeals = { dealVisits: 0, expectedDeals: 0, promoWeekVisits: 0 };
  const base = rows.map((r) => {
    const visits = r.visits_recent + r.visits_before;
    const deals = weeks.customers.get(r.customer_id) ?? none;
    return {
      visits,
      dealVisits: deals.dealVisits,
      sameWeeksShare: visits ? deals.expectedDeals / visits : weeks.dealShare,
      promoWeekVisits: deals.promoWeekVisits,
      promoWeekShare: visits ? promoShareFrom(weeks, Math.max(r.first_day, before + 1)) : 0,
    };
  });
  const judged = base.filter((b) => b.visits >= minVisits);
  const dealPrior = priorStrength(judged.map((b) => ({ k: b.dealVisits, n: b.visits, p: b.sameWeeksShare })));
  const weekPrior = priorStrength(judged.map((b) => ({ k: b.promoWeekVisits, n: b.visits, p: b.promoWeekShare })));
  return base.map((b, i) => ({ ...b, dealPrior, weekPrior, ...extra(rows[i]!) }));
}

import type { Db } from '../open';
import { stmt } from '../stmt';
import { julianDay } from '../../../shared/domain/dates';

/**
 * Per-customer visit summary as of a date: visits are days with a non-voided sale (walk-ins have
 * no customer and don't count). Read from `visit_days` (kept by triggers); days as julian day numbers.
 */
export interface VisitSummary {
  customer_id: number;
  first_day: number;
  last_day: number;
  visits: number;
}

export function visitSummaries(db: Db, asOf: string): VisitSummary[] {
  return stmt<[number], VisitSummary>(
    db,
    `SELECT customer_id, MIN(day) AS first_day, MAX(day) AS last_day, COUNT(*) AS visits
     FROM visit_days WHERE day <= ? GROUP BY customer_id`,
  ).all(julianDay(asOf));
}

/** Visit-days per customer strictly after `after` and up to `until` (a holdout period). */
export function visitsBetween(db: Db, after: string, until: string): Map<number, number> {
  const rows = stmt<[number, number], { customer_id: number; n: number }>(
    db,
    'SELECT customer_id, COUNT(*) AS n FROM visit_days WHERE day > ? AND day <= ? GROUP BY customer_id',
  ).all(julianDay(after), julianDay(until));
  return new Map(rows.map((r) => [r.customer_id, r.n]));
}

export function lastSaleDate(db: Db): string | null {
  return stmt<[], { d: string | null }>(db, 'SELECT MAX(business_date) AS d FROM sales WHERE voided_at IS NULL').get()?.d ?? null;
}

/** Everything the lapsed list needs per customer as of a date, in one pass over `visit_days` (days as julian day numbers). */
export interface CustomerWindowRow {
  customer_id: number;
  first_day: number;
  last_day: number;
  visits: number;
  spend: number;
  discount: number;
  value12: number;
  visits_recent: number;
  spend_recent: number;
  visits_before: number;
  spend_before: number;
  promo_visits: number;
  /** sums of squared spend per visit in the recent and before windows (for a test of spend per visit) */
  spend_sq_recent: number;
  spend_sq_before: number;
}

export interface WindowDays {
  asOf: number;
  year: number;
  recent: number;
  before: number;
}

/** A deal visit: a promotion ticked or a discount typed on any of the day's sales. */
const DEAL = '(v.promo_sales > 0 OR v.discount_minor > 0)';

/** Days after `before` a visit code can carry (visitDealCodes). */
export const CODE_DAYS = 2048;

/**
 * Every visit after `after` up to `asOf` as one number, ordered by customer then day:
 * (customer id × CODE_DAYS + days after `after`) × 2 + 1 for a deal visit. A million plain numbers
 * cost a fraction of grouping them by week in SQL (a sort) or of joining each one to its week.
 */
export function visitDealCodes(db: Db, after: number, asOf: number): number[] {
  if (asOf - after >= CODE_DAYS) throw new RangeError(`a window of ${asOf - after} days is too long for a visit code`);
  return stmt<[{ after: number; asOf: number }], number>(
    db,
    `SELECT (v.customer_id * ${CODE_DAYS} + v.day - @after) * 2 + ${DEAL} FROM visit_days v
     WHERE v.day > @after AND v.day <= @asOf ORDER BY v.customer_id, v.day`,
  )
    .pluck(true)
    .all({ after, asOf });
}

const PRICE_COLUMNS = `COALESCE(SUM(v.amount_minor * 1.0 * v.amount_minor) FILTER (WHERE v.day > @recent), 0) AS spend_sq_recent,
       COALESCE(SUM(v.amount_minor * 1.0 * v.amount_minor) FILTER (WHERE v.day > @before AND v.day <= @recent), 0) AS spend_sq_before`;

export function customerWindows(db: Db, w: WindowDays): CustomerWindowRow[] {
  // Every aggregate costs a pass over two million rows: only what the list uses, and FILTER
  // (which skips the rows) rather than arithmetic on every row.
  const params = { asOf: w.asOf, year: w.year, recent: w.recent, before: w.before };
  return stmt<[typeof params], CustomerWindowRow>(
    db,
    `SELECT v.customer_id, MIN(v.day) AS first_day, MAX(v.day) AS last_day, COUNT(*) AS visits,
       SUM(v.amount_minor) AS spend, SUM(v.discount_minor) AS discount,
       COALESCE(SUM(v.amount_minor) FILTER (WHERE v.day > @year), 0) AS value12,
       COUNT(*) FILTER (WHERE v.day > @recent) AS visits_recent,
       COALESCE(SUM(v.amount_minor) FILTER (WHERE v.day > @recent), 0) AS spend_recent,
       COUNT(*) FILTER (WHERE v.day > @before AND v.day <= @recent) AS visits_before,
       COALESCE(SUM(v.amount_minor) FILTER (WHERE v.day > @before AND v.day <= @recent), 0) AS spend_before,
       COUNT(*) FILTER (WHERE v.promo_sales > 0) AS promo_visits,
       ${PRICE_COLUMNS}
     FROM visit_days v WHERE v.day <= @asOf
     GROUP BY v.customer_id`,
  ).all(params);
}

/** Per customer up to a calibration end (julian day): first and last visit day, visits, spend. */
export function calibrationRows(db: Db, end: number) {
  return stmt<[number], { first_day: number; last_day: number; visits: number; spend: number }>(
    db,
    `SELECT MIN(day) AS first_day, MAX(day) AS last_day, COUNT(*) AS visits, SUM(amount_minor) AS spend
     FROM visit_days WHERE day <= ? GROUP BY customer_id`,
  ).all(end);
}

/**
 * Changes whenever the data a fit up to `end` rests on changes: the shop's sales up to that day
 * (count, amount, walk-ins), or which customer they belong to (merges and erasures).
 */
export function calibrationStamp(db: Db, end: number): string {
  const r = stmt<[number], { n: number | null; a: number | null; w: number | null; m: number | null }>(
    db,
    `SELECT SUM(sales) AS n, SUM(amount_minor) AS a, SUM(walk_in_sales) AS w,
       (SELECT MAX(id) FROM audit_log WHERE action IN ('customer.merge', 'customer.erase')) AS m
     FROM shop_days WHERE day <= ?`,
  ).get(end);
  return `${r?.n ?? 0}:${r?.a ?? 0}:${r?.w ?? 0}:${r?.m ?? 0}`;
}

/**
 * The same rows as customerWindows when nothing was sold after `asOf` (a list as of today): the
 * all-time totals come from `visit_totals`, and only the windows of the last 18 months are summed
 * from `visit_days`.
 */
export function customerWindowsNow(db: Db, w: WindowDays): CustomerWindowRow[] {
  const params = { from: w.before, asOf: w.asOf, year: w.year, recent: w.recent, before: w.before };
  // Raw rows merged in one pass (both ordered by customer): a hundred thousand objects fewer to make.
  const windows = stmt<[typeof params], number[]>(
    db,
    `SELECT v.customer_id,
       COALESCE(SUM(v.amount_minor) FILTER (WHERE v.day > @year), 0) AS value12,
       COUNT(*) FILTER (WHERE v.day > @recent) AS visits_recent,
       COALESCE(SUM(v.amount_minor) FILTER (WHERE v.day > @recent), 0) AS spend_recent,
       COUNT(*) FILTER (WHERE v.day > @before AND v.day <= @recent) AS visits_before,
       COALESCE(SUM(v.amount_minor) FILTER (WHERE v.day > @before AND v.day <= @recent), 0) AS spend_before,
       ${PRICE_COLUMNS}
     FROM visit_days v WHERE v.day > @from AND v.day <= @asOf
     GROUP BY v.customer_id ORDER BY v.customer_id`,
  )
    .raw(true)
    .all(params);
  const totals = stmt<[], number[]>(
    db,
    'SELECT customer_id, first_day, last_day, visits, spend_minor, discount_minor, promo_visits FROM visit_totals ORDER BY customer_id',
  )
    .raw(true)
    .all();
  const out: CustomerWindowRow[] = new Array(totals.length);
  let k = 0;
  for (let i = 0; i < totals.length; i++) {
    const t = totals[i]!;
    while (k < windows.length && windows[k]![0]! < t[0]!) k++;
    const x = k < windows.length && windows[k]![0] === t[0] ? windows[k]! : null;
    out[i] = {
      customer_id: t[0]!,
      first_day: t[1]!,
      last_day: t[2]!,
      visits: t[3]!,
      spend: t[4]!,
      discount: t[5]!,
      value12: x ? x[1]! : 0,
      visits_recent: x ? x[2]! : 0,
      spend_recent: x ? x[3]! : 0,
      visits_before: x ? x[4]! : 0,
      spend_before: x ? x[5]! : 0,
      promo_visits: t[6]!,
      spend_sq_recent: x ? x[6]! : 0,
      spend_sq_before: x ? x[7]! : 0,
    };
  }
  return out;
}

/** The last day with any sale (julian day), or null in an empty shop. */
export function lastShopDay(db: Db): number | null {
  return stmt<[], { d: number | null }>(db, 'SELECT MAX(day) AS d FROM shop_days').get()?.d ?? null;
}

/** Name and staff member of the given customers. */
export function customerNames(
  db: Db,
  ids: number[],
): Map<number, { name: string; phone: string | null; staff_id: number | null }> {
  const rows = stmt<[string], { id: number; name: string; phone: string | null; staff_id: number | null }>(
    db,
    'SELECT id, name, phone, staff_id FROM customers WHERE id IN (SELECT value FROM json_each(?))',
  ).all(JSON.stringify(ids));
  return new Map(rows.map((r) => [r.id, { name: r.name, phone: r.phone, staff_id: r.staff_id }]));
}

/** A fit stored for a calibration end, with the stamp of the data it was fitted on. */
export function storedFit(db: Db, calibrationEnd: string): { data_stamp: string; params: string } | undefined {
  return stmt<[string], { data_stamp: string; params: string }>(
    db,
    'SELECT data_stamp, params FROM model_fits WHERE calibration_end = ?',
  ).get(calibrationEnd);
}

export function storeFit(db: Db, calibrationEnd: string, dataStamp: string, params: string, now: number): void {
  stmt(
    db,
    `INSERT INTO model_fits (calibration_end, data_stamp, params, fitted_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (calibration_end) DO UPDATE SET data_stamp = excluded.data_stamp, params = excluded.params, fitted_at = excluded.fitted_at`,
  ).run(calibrationEnd, dataStamp, params, now);
}

/**
 * Per customer as of a day: the month of their first visit, a bitmask of the months they bought
 * in (bit k = month m0 + k; bit 0 also holds every earlier month), and their trailing 12-month
 * value. SUM over the distinct powers of two is their bitwise OR.
 */
export function customerMonths(db: Db, q: { asOf: number; year: number; m0: number }) {
  return stmt<[typeof q], { first_month: number; mask: number; value12: number }>(
    db,
    `SELECT MIN(month) AS first_month, SUM(DISTINCT 1 << MAX(0, month - @m0)) AS mask,
       COALESCE(SUM(amount_minor) FILTER (WHERE day > @year), 0) AS value12
     FROM visit_days WHERE day <= @asOf GROUP BY customer_id`,
  ).all(q);
}

export function shopDaysUpTo(db: Db, day: number) {
  return stmt<[number], { day: number; sales: number; amount_minor: number; items: number }>(
    db,
    'SELECT day, sales, amount_minor, items FROM shop_days WHERE day <= ? ORDER BY day',
  ).all(day);
}

/** Visits after a calibration day (up to `end`) by customers who had visited by then, per month index. */
export function holdoutVisitsByMonth(db: Db, calDay: number, endDay: number): Map<number, number> {
  const rows = stmt<[{ cal: number; end: number }], { month: number; n: number }>(
    db,
    `SELECT v.month, COUNT(*) AS n FROM visit_days v
     WHERE v.day > @cal AND v.day <= @end
       AND EXISTS (SELECT 1 FROM visit_days f WHERE f.customer_id = v.customer_id AND f.day <= @cal)
     GROUP BY v.month`,
  ).all({ cal: calDay, end: endDay });
  return new Map(rows.map((r) => [r.month, r.n]));
}

/** Per customer strictly after `after` and up to `until`: visits, spend, and visits with a promotion or discount. */
export function dealsBetween(db: Db, after: string, until: string) {
  return stmt<[number, number], { customer_id: number; visits: number; spend: number; deals: number }>(
    db,
    `SELECT v.customer_id, COUNT(*) AS visits, SUM(v.amount_minor) AS spend, COUNT(*) FILTER (WHERE ${DEAL}) AS deals
     FROM visit_days v WHERE v.day > ? AND v.day <= ? GROUP BY v.customer_id`,
  ).all(julianDay(after), julianDay(until));
}

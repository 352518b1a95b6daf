import type { Db } from '../open';
import { stmt } from '../stmt';
import { julianDay } from '../../../shared/domain/dates';
import { DEAL } from './customer-windows';

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

/** The newest `limit` customers (by id) with at least `minVisits` visits: their visits and first and last visit day. */
export function visitSpans(
  db: Db,
  minVisits: number,
  limit: number,
): { id: number; visits: number; firstDay: number; lastDay: number }[] {
  return stmt<[number, number], { id: number; visits: number; firstDay: number; lastDay: number }>(
    db,
    `SELECT customer_id AS id, visits, first_day AS firstDay, last_day AS lastDay FROM visit_totals
     WHERE visits >= ? ORDER BY customer_id DESC LIMIT ?`,
  ).all(minVisits, limit);
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
 * (count, amount, walk-ins, the customers' visits, and which days they fell on: a sale voided and
 * another of the same amount recorded on a different day, or for a customer who had no visit that
 * day, moves it), or which customer they belong to (merges and erasures). Read from the shop's days
 * (one row a day), not the two million sales.
 */
export function calibrationStamp(db: Db, end: number): string {
  const r = stmt<[number], Record<'n' | 'a' | 'w' | 'v' | 'd' | 'm', number | null>>(
    db,
    `SELECT SUM(sales) AS n, SUM(amount_minor) AS a, SUM(walk_in_sales) AS w, SUM(visits) AS v, SUM(day * sales) AS d,
       (SELECT MAX(id) FROM audit_log WHERE action IN ('customer.merge', 'customer.erase')) AS m
     FROM shop_days WHERE day <= ?`,
  ).get(end);
  return [r?.n, r?.a, r?.w, r?.v, r?.d, r?.m].map((x) => x ?? 0).join(':');
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

import type { Db } from '../open';
import { stmt } from '../stmt';

/**
 * Per-customer visit summary as of a date: visits are days with a non-voided sale (walk-ins have
 * no customer and don't count). One aggregate over the sales table; days as julian day numbers.
 */
export interface VisitSummary {
  customer_id: number;
  first_day: number;
  last_day: number;
  visits: number;
}

export function visitSummaries(db: Db, asOf: string): VisitSummary[] {
  return stmt<[string], VisitSummary>(
    db,
    `SELECT customer_id, CAST(julianday(MIN(business_date)) AS INTEGER) AS first_day,
            CAST(julianday(MAX(business_date)) AS INTEGER) AS last_day, COUNT(DISTINCT business_date) AS visits
     FROM sales WHERE customer_id IS NOT NULL AND voided_at IS NULL AND business_date <= ?
     GROUP BY customer_id`,
  ).all(asOf);
}

/** Visit-days per customer strictly after `after` and up to `until` (a holdout period). */
export function visitsBetween(db: Db, after: string, until: string): Map<number, number> {
  const rows = stmt<[string, string], { customer_id: number; n: number }>(
    db,
    `SELECT customer_id, COUNT(DISTINCT business_date) AS n FROM sales
     WHERE customer_id IS NOT NULL AND voided_at IS NULL AND business_date > ? AND business_date <= ?
     GROUP BY customer_id`,
  ).all(after, until);
  return new Map(rows.map((r) => [r.customer_id, r.n]));
}

export function lastSaleDate(db: Db): string | null {
  return stmt<[], { d: string | null }>(db, 'SELECT MAX(business_date) AS d FROM sales WHERE voided_at IS NULL').get()?.d ?? null;
}

/** Everything the lapsed list needs per customer as of a date, in one pass over the sales table. */
export interface CustomerWindowRow {
  customer_id: number;
  name: string;
  staff_id: number | null;
  first_day: number;
  last_day: number;
  visits: number;
  value12: number;
  visits_recent: number;
  spend_recent: number;
  visits_before: number;
  spend_before: number;
  promo_visits: number;
}

export function customerWindows(db: Db, w: { asOf: string; year: string; recent: string; before: string }): CustomerWindowRow[] {
  return stmt<[typeof w], CustomerWindowRow>(
    db,
    `SELECT s.customer_id, c.name, c.staff_id,
       CAST(julianday(MIN(s.business_date)) AS INTEGER) AS first_day,
       CAST(julianday(MAX(s.business_date)) AS INTEGER) AS last_day,
       COUNT(DISTINCT s.business_date) AS visits,
       SUM(CASE WHEN s.business_date > @year THEN s.amount_minor ELSE 0 END) AS value12,
       COUNT(DISTINCT CASE WHEN s.business_date > @recent THEN s.business_date END) AS visits_recent,
       SUM(CASE WHEN s.business_date > @recent THEN s.amount_minor ELSE 0 END) AS spend_recent,
       COUNT(DISTINCT CASE WHEN s.business_date > @before AND s.business_date <= @recent THEN s.business_date END) AS visits_before,
       SUM(CASE WHEN s.business_date > @before AND s.business_date <= @recent THEN s.amount_minor ELSE 0 END) AS spend_before,
       COUNT(DISTINCT CASE WHEN s.is_promotion = 1 OR s.discount_minor > 0 THEN s.business_date END) AS promo_visits
     FROM sales s JOIN customers c ON c.id = s.customer_id
     WHERE s.customer_id IS NOT NULL AND s.voided_at IS NULL AND s.business_date <= @asOf AND c.merged_into_id IS NULL
     GROUP BY s.customer_id`,
  ).all(w);
}

/** Changes whenever a sale is recorded or anything is audited (voids, edits, imports, merges). */
export function changeStamp(db: Db): string {
  const r = stmt<[], { s: number | null; a: number | null }>(
    db,
    'SELECT (SELECT MAX(id) FROM sales) AS s, (SELECT MAX(id) FROM audit_log) AS a',
  ).get();
  return `${r?.s ?? 0}:${r?.a ?? 0}`;
}

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

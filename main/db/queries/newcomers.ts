import type { Db } from '../open';
import { stmt } from '../stmt';

/**
 * What the shop's new customers usually do: of the customers whose first visit was 90 to 455 days
 * before `asOfDay` (a year of newcomers who have all had 90 days to come back), how many came back
 * within 90 days of their first visit. Days are julian day numbers; one pass over `visit_totals`
 * and a primary-key probe into `visit_days` per newcomer.
 */
export function newcomerReturns(db: Db, asOfDay: number): { customers: number; returned_90d: number } {
  return stmt<{ from: number; to: number }, { customers: number; returned_90d: number }>(
    db,
    `SELECT COUNT(*) AS customers,
       COALESCE(SUM(EXISTS (SELECT 1 FROM visit_days v
                            WHERE v.customer_id = t.customer_id AND v.day > t.first_day AND v.day <= t.first_day + 90)), 0) AS returned_90d
     FROM visit_totals t
     JOIN customers c ON c.id = t.customer_id AND c.merged_into_id IS NULL
     WHERE t.first_day BETWEEN @from AND @to`,
  ).get({ from: asOfDay - 455, to: asOfDay - 90 })!;
}

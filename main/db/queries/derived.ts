import type { Db } from '../open';
import { stmt } from '../stmt';
import { refreshAllStats } from './customers';

/**
 * The derived data kept from `sales` (visit_days, visit_totals, shop_days, the customers' totals,
 * the `sales` version): kept row by row by triggers (migrations 3, 5, 13, 19), which a bulk write may
 * pause for its own transaction and replace by the same sums at once (migration 18). An import's
 * flip adds its staged sales (import-staging.ts `addStagedSalesDerived`); the demo fills an empty shop.
 */

/** The julian day and the month number (year × 12 + month − 1) of a `YYYY-MM-DD` column, as the triggers compute them. */
export const dayOf = (col: string) => `CAST(julianday(${col}) AS INTEGER)`;
export const monthOf = (col: string) => `CAST(substr(${col}, 1, 4) AS INTEGER) * 12 + CAST(substr(${col}, 6, 2) AS INTEGER) - 1`;

/** Each shop day's customers' visits and deal visits (migration 19), counted from `visit_days` as it stands. */
export const SHOP_DAY_VISITS_SQL = `UPDATE shop_days SET visits = x.visits, deal_visits = x.deal_visits
      FROM (SELECT day, COUNT(*) AS visits, SUM(promo_sales > 0) AS deal_visits FROM visit_days GROUP BY day) x
      WHERE shop_days.day = x.day;`;

/** Pauses (or resumes) the per-row derived-data triggers; only inside the bulk write's own transaction (migration 18). */
export function pauseDerived(db: Db, paused: boolean): void {
  stmt(db, 'UPDATE derived_pause SET paused = ? WHERE id = 1').run(paused ? 1 : 0);
}

/**
 * The derived data of sales written with the triggers paused into a shop that had none (the demo
 * shop), written while still paused: visit days, visit totals and shop days from the sales in a few GROUP BYs, the customers'
 * totals recomputed, one new version of `sales`. The same sums as the triggers.
 */
export function fillDerivedFromSales(db: Db): void {
  const left = stmt<[], { n: number }>(
    db,
    'SELECT (SELECT COUNT(*) FROM visit_days) + (SELECT COUNT(*) FROM visit_totals) + (SELECT COUNT(*) FROM shop_days) AS n',
  ).get()!.n;
  if (left > 0) throw new Error('fillDerivedFromSales: the derived tables are not empty');
  db.exec(`
    INSERT INTO visit_days (customer_id, day, month, sales, amount_minor, discount_minor, items, promo_sales)
      SELECT customer_id, ${dayOf('business_date')}, ${monthOf('business_date')},
             COUNT(*), SUM(amount_minor), SUM(discount_minor), SUM(items), SUM(is_promotion = 1 OR discount_minor > 0)
      FROM sales WHERE customer_id IS NOT NULL AND voided_at IS NULL GROUP BY customer_id, business_date;
    INSERT INTO visit_totals (customer_id, first_day, last_day, visits, spend_minor, discount_minor, promo_visits)
      SELECT customer_id, MIN(day), MAX(day), COUNT(*), SUM(amount_minor), SUM(discount_minor), SUM(promo_sales > 0)
      FROM visit_days GROUP BY customer_id;
    INSERT INTO shop_days (day, sales, amount_minor, items, walk_in_sales)
      SELECT ${dayOf('business_date')}, COUNT(*), SUM(amount_minor), SUM(items), SUM(customer_id IS NULL)
      FROM sales WHERE voided_at IS NULL GROUP BY business_date;
    ${SHOP_DAY_VISITS_SQL}
    UPDATE table_versions SET version = version + 1 WHERE name = 'sales';
  `);
  refreshAllStats(db);
}

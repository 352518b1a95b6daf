import type { Db } from '../open';
import { stmt } from '../stmt';
import { inMain } from '../pending';
import { refreshAllStats } from './customers';
import { DERIVED_TRIGGERS as DERIVED_AT_20 } from '../migrations/0020-derived-unpause';
import { MERGED_INTO } from '../migrations/0024-merged-insert-triggers';

/**
 * The derived data kept from `sales` (visit_days, visit_totals, shop_days, the customers' totals,
 * the `sales` version): kept row by row by triggers (migrations 3, 5, 13, 19; merged by 24), which a bulk write may
 * take away for its own transaction and replace by the same sums at once (suspendDerivedTriggers). An import's
 * flip adds its staged sales (import-sums.ts `addStagedSalesDerived`); the demo fills an empty shop.
 */

/** The julian day and the month number (year × 12 + month − 1) of a `YYYY-MM-DD` column, as the triggers compute them. */
export const dayOf = (col: string) => `CAST(julianday(${col}) AS INTEGER)`;
export const monthOf = (col: string) => `CAST(substr(${col}, 1, 4) AS INTEGER) * 12 + CAST(substr(${col}, 6, 2) AS INTEGER) - 1`;

/** Each shop day's customers' visits and deal visits (migration 19), counted from `visit_days` as it stands. */
export const SHOP_DAY_VISITS_SQL = `UPDATE shop_days SET visits = x.visits, deal_visits = x.deal_visits
      FROM (SELECT day, COUNT(*) AS visits, SUM(promo_sales > 0) AS deal_visits FROM visit_days GROUP BY day) x
      WHERE shop_days.day = x.day;`;

/**
 * The per-row triggers that keep the derived data on an insert or update of `sales` and
 * `visit_days`, as the shop has them now: migration 20's, with the insert triggers migration 24
 * merged into one per table.
 */
export const DERIVED_TRIGGERS: readonly string[] = [...new Set(DERIVED_AT_20.map((n) => MERGED_INTO[n] ?? n))];

/**
 * Takes the per-row derived-data triggers away for a bulk write that adds the same sums itself
 * set-based (an import's flip, the demo shop), inside that write's own transaction; the returned
 * function creates them again, from their own SQL, before it commits. DDL is transactional in
 * SQLite: no other connection ever sees the shop without them, and a rollback or a crash puts them
 * back. Dropped rather than paused (migration 18's `derived_pause`, removed by migration 20): a
 * paused trigger still fires for every row and looks the pause up, which cost a million-row flip
 * into the bench shop 6 of its 13 seconds with the write lock held.
 */
export function suspendDerivedTriggers(db: Db): () => void {
  if (!db.inTransaction) throw new Error('suspendDerivedTriggers: only inside the bulk write’s own transaction');
  const triggers = stmt<[string], { name: string; sql: string }>(
    db,
    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (SELECT value FROM json_each(?))",
  ).all(JSON.stringify(DERIVED_TRIGGERS));
  if (triggers.length !== DERIVED_TRIGGERS.length) throw new Error('suspendDerivedTriggers: a derived-data trigger is missing');
  for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
  return () => {
    for (const t of triggers) db.exec(inMain(t.sql));
  };
}

/**
 * The derived data of sales written without the triggers (suspendDerivedTriggers) into a shop that
 * had none (the demo shop), written before they come back: visit days, visit totals and shop days
 * from the sales in a few GROUP BYs, the customers' totals recomputed, one new version of `sales`.
 * The same sums as the triggers.
 */
export function fillDerivedFromSales(db: Db): void {
  const left = stmt<[], { n: number }>(
    db,
    'SELECT (SELECT COUNT(*) FROM visit_days) + (SELECT COUNT(*) FROM visit_totals) + (SELECT COUNT(*) FROM shop_days) AS n',
  ).get()!.n;
  if (left > 0) throw new Error('fillDerivedFromSales: the derived tables are not empty');
  db.exec(`
    INSERT INTO main.visit_days (customer_id, day, month, sales, amount_minor, discount_minor, items, promo_sales)
      SELECT customer_id, ${dayOf('business_date')}, ${monthOf('business_date')},
             COUNT(*), SUM(amount_minor), SUM(discount_minor), SUM(items), SUM(is_promotion = 1 OR discount_minor > 0)
      FROM sales WHERE customer_id IS NOT NULL AND voided_at IS NULL GROUP BY customer_id, business_date;
    INSERT INTO main.visit_totals (customer_id, first_day, last_day, visits, spend_minor, discount_minor, promo_visits)
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

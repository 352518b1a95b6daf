import type { Db } from '../open';
import { stmt } from '../stmt';
import { monthOf } from './derived';
import type { FileDay, NewCustomerTotals } from '../../../shared/domain/visit-sums';
import { NEW_CUSTOMER_KEY, table } from './import-tables';

/**
 * An import's sales summed before its flip (groupStagedSales), and what the flip adds to the shop's
 * derived data from those sums (addStagedSalesDerived): temporary tables of the import's own
 * connection, beside its staging tables (import-staging.ts).
 */

/** The import's temporary tables on its own connection (groupStagedSales): its sales by customer and day, and by day. */
const groupedTables = (id: number) => ({
  /** the staged sales themselves (import-staging.ts): new customers' visit days are grouped from them as they are placed */
  sales: table(id, 'sales'),
  days: table(id, 'cdays'),
  totals: table(id, 'ctotals'),
  shop: table(id, 'sdays'),
  flip: table(id, 'days'),
});

declare const made: unique symbol;
/**
 * The sums groupStagedSales made, which the flip's statements read: only groupStagedSales makes
 * one, so a flip cannot be written to use sums that were never made.
 */
export interface GroupedSales {
  readonly [made]: true;
  readonly tables: ReturnType<typeof groupedTables>;
}

/**
 * The import's sums, in temporary tables of its own connection, before the flip, so its transaction
 * (which holds the write lock the counter's sales wait for) only joins them to the shop's visit
 * days instead of grouping a million rows: the days of the shop's own customers in the file, grouped
 * from the staged sales along the staging table's key (customer, day: no sort), and the file's days
 * and new customers' totals as the import summed them before staging (shared/domain/visit-sums.ts).
 * The new customers' days are grouped as they are placed (placeNewCustomersDerived), not here:
 * written once instead of twice. Reads the staging tables only: no lock. Dropped by dropGroupedSales.
 */
export function groupStagedSales(
  db: Db,
  id: number,
  sums: { days: readonly FileDay[]; newCustomers: readonly NewCustomerTotals[] },
): GroupedSales {
  const s = table(id, 'sales');
  const t = groupedTables(id);
  dropGroupedSales(db, id);
  db.exec(`
    CREATE TABLE ${t.days} AS
      SELECT customer_id, day, ${monthOf('first_date')} AS month, sales, amount_minor, discount_minor, items,
             promo_sales, first_at, last_at, first_date, last_date
      FROM (SELECT customer_id, day, COUNT(*) AS sales, SUM(amount_minor) AS amount_minor,
                   SUM(discount_minor) AS discount_minor, SUM(items) AS items,
                   SUM(is_promotion = 1 OR discount_minor > 0) AS promo_sales,
                   MIN(occurred_at) AS first_at, MAX(occurred_at) AS last_at,
                   MIN(business_date) AS first_date, MAX(business_date) AS last_date
            FROM ${s} WHERE cust > 0 AND cust < ${NEW_CUSTOMER_KEY} GROUP BY cust, day);
    CREATE TABLE ${t.shop} (
      day INTEGER PRIMARY KEY, sales INTEGER NOT NULL, amount_minor INTEGER NOT NULL, items INTEGER NOT NULL,
      walk_in_sales INTEGER NOT NULL, visits INTEGER NOT NULL, deal_visits INTEGER NOT NULL);
    -- the file's new customers' totals (every day of theirs is a new visit), written with them (flipCustomers)
    CREATE TABLE ${t.totals} (
      customer_seq INTEGER PRIMARY KEY, visits INTEGER NOT NULL, sales INTEGER NOT NULL, amount_minor INTEGER NOT NULL,
      first_at INTEGER, last_at INTEGER, first_date TEXT, last_date TEXT,
      discount_minor INTEGER NOT NULL, promo_visits INTEGER NOT NULL, first_day INTEGER NOT NULL, last_day INTEGER NOT NULL);
  `);
  const day = stmt(db, `INSERT INTO ${t.shop} VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const customer = stmt(db, `INSERT INTO ${t.totals} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  // deferred: temporary tables only, no lock on the shop's file (see inChunks)
  db.transaction(() => {
    for (const d of sums.days) day.run(d.day, d.sales, d.amountMinor, d.items, d.walkInSales, d.visits, d.dealVisits);
    for (const c of sums.newCustomers)
      customer.run(
        c.seq,
        c.visits,
        c.sales,
        c.amountMinor,
        c.firstAt,
        c.lastAt,
        c.firstDate,
        c.lastDate,
        c.discountMinor,
        c.promoVisits,
        c.firstDay,
        c.lastDay,
      );
  }).deferred();
  return { tables: t } as GroupedSales;
}

export function dropGroupedSales(db: Db, id: number): void {
  const t = groupedTables(id);
  db.exec(
    `DROP TABLE IF EXISTS ${t.days}; DROP TABLE IF EXISTS ${t.shop}; DROP TABLE IF EXISTS ${t.flip}; DROP TABLE IF EXISTS ${t.totals};`,
  );
}

/**
 * What the per-row triggers would have done for every staged sale, in set-based statements over
 * the sums groupStagedSales made (the same sums as migrations 3, 5, 13 and 19, row for row): the
 * customers' visit days, their visit totals and the totals on their rows, the shop's days, and one
 * new version of `sales` for the cache. A visit day the shop already had gets the file's sales
 * added; only a new day is a new visit, and a day becomes a promotion visit when its first
 * promotion sale arrives. Imported sales are never voided.
 */
export function addStagedSalesDerived(db: Db, grouped: GroupedSales, base: number): void {
  const t = grouped.tables;
  db.exec(`DROP TABLE IF EXISTS ${t.flip}`);
  stmt(
    db,
    `CREATE TABLE ${t.flip} AS
     SELECT g.customer_id, g.day, g.month, g.sales, g.amount_minor, g.discount_minor, g.items, g.promo_sales,
            g.first_at, g.last_at, g.first_date, g.last_date,
            v.customer_id IS NOT NULL AS existed, COALESCE(v.promo_sales, 0) AS old_promo
     FROM (SELECT customer_id, day, month, sales, amount_minor, discount_minor, items, promo_sales, first_at, last_at,
                  first_date, last_date
           FROM ${t.days}) g
     LEFT JOIN visit_days v ON v.customer_id = g.customer_id AND v.day = g.day`,
  ).run();
  // The file's new customers' days and totals were placed before (placeNewCustomersDerived).
  db.exec(`
    INSERT INTO main.visit_days (customer_id, day, month, sales, amount_minor, discount_minor, items, promo_sales)
      SELECT customer_id, day, month, sales, amount_minor, discount_minor, items, promo_sales FROM ${t.flip} WHERE true
      ON CONFLICT (customer_id, day) DO UPDATE SET
        sales = sales + excluded.sales, amount_minor = amount_minor + excluded.amount_minor,
        discount_minor = discount_minor + excluded.discount_minor, items = items + excluded.items,
        promo_sales = promo_sales + excluded.promo_sales;

    INSERT INTO main.visit_totals (customer_id, first_day, last_day, visits, spend_minor, discount_minor, promo_visits)
      SELECT customer_id, MIN(day), MAX(day), SUM(NOT existed), SUM(amount_minor), SUM(discount_minor),
             SUM(promo_sales > 0 AND old_promo = 0)
      FROM ${t.flip} WHERE true GROUP BY customer_id
      ON CONFLICT (customer_id) DO UPDATE SET
        first_day = MIN(first_day, excluded.first_day), last_day = MAX(last_day, excluded.last_day),
        visits = visits + excluded.visits, spend_minor = spend_minor + excluded.spend_minor,
        discount_minor = discount_minor + excluded.discount_minor, promo_visits = promo_visits + excluded.promo_visits;

    -- the customers the shop already had (ids up to the base); the file's new ones got theirs with their rows
    UPDATE main.customers SET
        visits = visits + a.new_days,
        sales_count = sales_count + a.sales,
        total_minor = total_minor + a.amount_minor,
        first_visit_at = MIN(COALESCE(first_visit_at, a.first_at), a.first_at),
        last_visit_at = MAX(COALESCE(last_visit_at, a.last_at), a.last_at),
        first_visit_date = MIN(COALESCE(first_visit_date, a.first_date), a.first_date),
        last_visit_date = MAX(COALESCE(last_visit_date, a.last_date), a.last_date)
      FROM (SELECT customer_id, SUM(NOT existed) AS new_days, SUM(sales) AS sales, SUM(amount_minor) AS amount_minor,
                   MIN(first_at) AS first_at, MAX(last_at) AS last_at, MIN(first_date) AS first_date, MAX(last_date) AS last_date
            FROM ${t.flip} WHERE customer_id <= ${Math.trunc(base)} GROUP BY customer_id) a
      WHERE customers.id = a.customer_id;

    -- The file's days; a customer's day the shop already had is no new visit, and no new deal visit
    -- if it already was one (migration 19).
    INSERT INTO shop_days (day, sales, amount_minor, items, walk_in_sales, visits, deal_visits)
      SELECT s.day, s.sales, s.amount_minor, s.items, s.walk_in_sales,
             s.visits - COALESCE(e.visits, 0), s.deal_visits - COALESCE(e.deal_visits, 0)
      FROM ${t.shop} s
      LEFT JOIN (SELECT day, COUNT(*) AS visits, SUM(promo_sales > 0 AND old_promo > 0) AS deal_visits
                 FROM ${t.flip} WHERE existed GROUP BY day) e ON e.day = s.day
      WHERE true
      ON CONFLICT (day) DO UPDATE SET
        sales = sales + excluded.sales, amount_minor = amount_minor + excluded.amount_minor,
        items = items + excluded.items, walk_in_sales = walk_in_sales + excluded.walk_in_sales,
        visits = visits + excluded.visits, deal_visits = deal_visits + excluded.deal_visits;

    UPDATE table_versions SET version = version + 1 WHERE name = 'sales';
  `);
}

/**
 * New customers `lo` to `hi` (staging `seq`; placed as `base + seq`): their visit days grouped from
 * their staged sales (the same sums as migration 3's triggers), their totals as the import summed
 * them (visit-sums.ts), written under the pending import beside their rows (the visit-day triggers
 * leave a pending import's customers alone, migration 23).
 */
export function placeNewCustomersDerived(db: Db, grouped: GroupedSales, base: number, lo: number, hi: number): void {
  const t = grouped.tables;
  // along the staging table's key (customer, day, seq): grouped without a sort
  stmt(
    db,
    `INSERT INTO main.visit_days (customer_id, day, month, sales, amount_minor, discount_minor, items, promo_sales)
     SELECT @base + customer_seq, day, ${monthOf('MIN(business_date)')}, COUNT(*), SUM(amount_minor), SUM(discount_minor),
            SUM(items), SUM(is_promotion = 1 OR discount_minor > 0)
     FROM ${t.sales} WHERE cust BETWEEN @from AND @to GROUP BY cust, day ORDER BY cust, day`,
  ).run({ base, from: NEW_CUSTOMER_KEY + lo, to: NEW_CUSTOMER_KEY + hi });
  stmt(
    db,
    `INSERT INTO main.visit_totals (customer_id, first_day, last_day, visits, spend_minor, discount_minor, promo_visits)
     SELECT @base + customer_seq, first_day, last_day, visits, amount_minor, discount_minor, promo_visits
     FROM ${t.totals} WHERE customer_seq BETWEEN @lo AND @hi`,
  ).run({ base, lo, hi });
}

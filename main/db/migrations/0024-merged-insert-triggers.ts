import type { Database } from 'better-sqlite3';

export const version = 24;

/**
 * One trigger per table for what an insert into `sales` or `visit_days` adds to the derived data,
 * instead of three each (issue 13: import speed). SQLite runs every row trigger as a sub-program of
 * its own and tests its WHEN inside it: an import's placing, whose rows all fail those WHENs, paid
 * three sub-programs per sale and three per visit day, and for each visit day three look-ups of
 * whether its customer is a pending import's. Merged, each row pays one of each; an in-process
 * import of 1,000,000 rows placed them about 1 s faster (docs/architecture.md, Measured).
 *
 * The bodies are the ones they replace (migrations 3, 5, 13, 19 and 23), one after another; a
 * condition that was the trigger's own (a voided sale adds no day, no shop day and no totals; a
 * walk-in's sale no visit day) is now its statements' own. The order in which they run changes
 * no result: each adds to its own rows and columns.
 */
export const MERGED = {
  sales_insert_derived: ['sales_days_insert', 'sales_customer_totals_insert', 'sales_version_insert'],
  visit_days_insert_derived: ['visit_days_totals_insert', 'visit_days_customer_visits_insert', 'visit_days_shop_insert'],
} as const;

/** Each trigger migration 24 replaces, and the one it is merged into. */
export const MERGED_INTO: Readonly<Record<string, keyof typeof MERGED>> = Object.fromEntries(
  Object.entries(MERGED).flatMap(([into, olds]) => olds.map((old) => [old, into as keyof typeof MERGED])),
);

export function up(db: Database): void {
  for (const old of Object.keys(MERGED_INTO)) {
    const had = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?").get(old);
    if (!had) throw new Error(`migration 24: trigger ${old} is missing`);
    db.exec(`DROP TRIGGER main."${old}"`);
  }
  db.exec(`
    CREATE TRIGGER main.sales_insert_derived AFTER INSERT ON sales
    WHEN NEW.import_id IS NULL
    BEGIN
      INSERT INTO visit_days (customer_id, day, month, sales, amount_minor, discount_minor, items, promo_sales)
        SELECT NEW.customer_id, CAST(julianday(NEW.business_date) AS INTEGER), CAST(substr(NEW.business_date, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.business_date, 6, 2) AS INTEGER) - 1, 1, NEW.amount_minor, NEW.discount_minor, NEW.items,
               NEW.is_promotion = 1 OR NEW.discount_minor > 0
        WHERE NEW.customer_id IS NOT NULL AND NEW.voided_at IS NULL
        ON CONFLICT (customer_id, day) DO UPDATE SET
          sales = sales + 1, amount_minor = amount_minor + excluded.amount_minor, discount_minor = discount_minor + excluded.discount_minor,
          items = items + excluded.items, promo_sales = promo_sales + excluded.promo_sales;
      INSERT INTO shop_days (day, sales, amount_minor, items, walk_in_sales)
        SELECT CAST(julianday(NEW.business_date) AS INTEGER), 1, NEW.amount_minor, NEW.items, NEW.customer_id IS NULL
        WHERE NEW.voided_at IS NULL
        ON CONFLICT (day) DO UPDATE SET
          sales = sales + 1, amount_minor = amount_minor + excluded.amount_minor, items = items + excluded.items,
          walk_in_sales = walk_in_sales + excluded.walk_in_sales;
      UPDATE customers SET
        sales_count = sales_count + 1,
        total_minor = total_minor + NEW.amount_minor,
        first_visit_at = MIN(COALESCE(first_visit_at, NEW.occurred_at), NEW.occurred_at),
        last_visit_at = MAX(COALESCE(last_visit_at, NEW.occurred_at), NEW.occurred_at),
        first_visit_date = MIN(COALESCE(first_visit_date, NEW.business_date), NEW.business_date),
        last_visit_date = MAX(COALESCE(last_visit_date, NEW.business_date), NEW.business_date)
        WHERE id = NEW.customer_id AND NEW.voided_at IS NULL;
      UPDATE table_versions SET version = version + 1 WHERE name = 'sales';
    END;

    CREATE TRIGGER main.visit_days_insert_derived AFTER INSERT ON visit_days
    WHEN NOT EXISTS (SELECT 1 FROM customers c JOIN imports i ON i.id = c.import_id WHERE c.id = NEW.customer_id AND i.state = 'pending')
    BEGIN
      INSERT INTO visit_totals (customer_id, first_day, last_day, visits, spend_minor, discount_minor, promo_visits)
        VALUES (NEW.customer_id, NEW.day, NEW.day, 1, NEW.amount_minor, NEW.discount_minor, NEW.promo_sales > 0)
        ON CONFLICT (customer_id) DO UPDATE SET
          first_day = MIN(first_day, excluded.first_day), last_day = MAX(last_day, excluded.last_day), visits = visits + 1,
          spend_minor = spend_minor + excluded.spend_minor, discount_minor = discount_minor + excluded.discount_minor,
          promo_visits = promo_visits + excluded.promo_visits;
      UPDATE customers SET visits = visits + 1 WHERE id = NEW.customer_id;
      INSERT INTO shop_days (day, sales, amount_minor, items, walk_in_sales, visits, deal_visits)
        VALUES (NEW.day, 0, 0, 0, 0, 1, NEW.promo_sales > 0)
        ON CONFLICT (day) DO UPDATE SET visits = visits + 1, deal_visits = deal_visits + excluded.deal_visits;
    END;
  `);
}

import type { Database } from 'better-sqlite3';

export const version = 3;

/**
 * Aggregates the lapsed list and the Insights dashboard read instead of the two-million-row sales
 * table, kept exact by triggers on every write to `sales` (record, void, merge, edit, erase):
 *
 * - `visit_days`: one row per customer and day with a non-voided sale (a "visit"), with the day's
 *   sales, amount, discount, items and promotion sales. Clustered by customer, so a per-customer
 *   GROUP BY reads it in order without sorting.
 * - `shop_days`: the whole shop per day, walk-ins included (revenue, units and sales per month).
 *
 * Also: the owner's recorded price changes (a date and a note) and the stored BG/NBD / Gamma-Gamma
 * fits (refitted when the data they were fitted on changes).
 *
 * Days are julian day numbers, `CAST(julianday(business_date) AS INTEGER)`, as the queries use.
 * Only SQL that SQLite 3.40 understands (UPSERT is 3.24).
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE visit_days (
      customer_id INTEGER NOT NULL REFERENCES customers(id),
      day INTEGER NOT NULL,
      -- months since year 0 (year × 12 + month − 1), for monthly figures without date functions per row
      month INTEGER NOT NULL,
      sales INTEGER NOT NULL,
      amount_minor INTEGER NOT NULL,
      discount_minor INTEGER NOT NULL,
      items INTEGER NOT NULL,
      promo_sales INTEGER NOT NULL,
      PRIMARY KEY (customer_id, day)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE shop_days (
      day INTEGER PRIMARY KEY,
      sales INTEGER NOT NULL,
      amount_minor INTEGER NOT NULL,
      items INTEGER NOT NULL,
      walk_in_sales INTEGER NOT NULL
    ) STRICT;

    INSERT INTO visit_days
      SELECT customer_id, CAST(julianday(business_date) AS INTEGER), CAST(substr(business_date, 1, 4) AS INTEGER) * 12 + CAST(substr(business_date, 6, 2) AS INTEGER) - 1, COUNT(*), SUM(amount_minor), SUM(discount_minor), SUM(items),
             SUM(is_promotion = 1 OR discount_minor > 0)
      FROM sales WHERE customer_id IS NOT NULL AND voided_at IS NULL
      GROUP BY customer_id, business_date;

    INSERT INTO shop_days
      SELECT CAST(julianday(business_date) AS INTEGER), COUNT(*), SUM(amount_minor), SUM(items), SUM(customer_id IS NULL)
      FROM sales WHERE voided_at IS NULL
      GROUP BY business_date;

    CREATE TRIGGER sales_days_insert AFTER INSERT ON sales WHEN NEW.voided_at IS NULL
    BEGIN
      INSERT INTO visit_days (customer_id, day, month, sales, amount_minor, discount_minor, items, promo_sales)
        SELECT NEW.customer_id, CAST(julianday(NEW.business_date) AS INTEGER), CAST(substr(NEW.business_date, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.business_date, 6, 2) AS INTEGER) - 1, 1, NEW.amount_minor, NEW.discount_minor, NEW.items,
               NEW.is_promotion = 1 OR NEW.discount_minor > 0
        WHERE NEW.customer_id IS NOT NULL
        ON CONFLICT (customer_id, day) DO UPDATE SET
          sales = sales + 1, amount_minor = amount_minor + excluded.amount_minor, discount_minor = discount_minor + excluded.discount_minor,
          items = items + excluded.items, promo_sales = promo_sales + excluded.promo_sales;
      INSERT INTO shop_days (day, sales, amount_minor, items, walk_in_sales)
        VALUES (CAST(julianday(NEW.business_date) AS INTEGER), 1, NEW.amount_minor, NEW.items, NEW.customer_id IS NULL)
        ON CONFLICT (day) DO UPDATE SET
          sales = sales + 1, amount_minor = amount_minor + excluded.amount_minor, items = items + excluded.items,
          walk_in_sales = walk_in_sales + excluded.walk_in_sales;
    END;

    -- A change to any counted column takes the old sale out and puts the new one in.
    CREATE TRIGGER sales_days_update
    AFTER UPDATE OF customer_id, business_date, amount_minor, discount_minor, items, is_promotion, voided_at ON sales
    BEGIN
      UPDATE visit_days SET
        sales = sales - 1, amount_minor = amount_minor - OLD.amount_minor, discount_minor = discount_minor - OLD.discount_minor,
        items = items - OLD.items, promo_sales = promo_sales - (OLD.is_promotion = 1 OR OLD.discount_minor > 0)
        WHERE OLD.voided_at IS NULL AND customer_id = OLD.customer_id AND day = CAST(julianday(OLD.business_date) AS INTEGER);
      DELETE FROM visit_days
        WHERE OLD.voided_at IS NULL AND customer_id = OLD.customer_id AND day = CAST(julianday(OLD.business_date) AS INTEGER) AND sales <= 0;
      UPDATE shop_days SET
        sales = sales - 1, amount_minor = amount_minor - OLD.amount_minor, items = items - OLD.items,
        walk_in_sales = walk_in_sales - (OLD.customer_id IS NULL)
        WHERE OLD.voided_at IS NULL AND day = CAST(julianday(OLD.business_date) AS INTEGER);
      DELETE FROM shop_days WHERE OLD.voided_at IS NULL AND day = CAST(julianday(OLD.business_date) AS INTEGER) AND sales <= 0;

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
    END;

    CREATE TRIGGER sales_days_delete AFTER DELETE ON sales WHEN OLD.voided_at IS NULL
    BEGIN
      UPDATE visit_days SET
        sales = sales - 1, amount_minor = amount_minor - OLD.amount_minor, discount_minor = discount_minor - OLD.discount_minor,
        items = items - OLD.items, promo_sales = promo_sales - (OLD.is_promotion = 1 OR OLD.discount_minor > 0)
        WHERE customer_id = OLD.customer_id AND day = CAST(julianday(OLD.business_date) AS INTEGER);
      DELETE FROM visit_days WHERE customer_id = OLD.customer_id AND day = CAST(julianday(OLD.business_date) AS INTEGER) AND sales <= 0;
      UPDATE shop_days SET
        sales = sales - 1, amount_minor = amount_minor - OLD.amount_minor, items = items - OLD.items,
        walk_in_sales = walk_in_sales - (OLD.customer_id IS NULL)
        WHERE day = CAST(julianday(OLD.business_date) AS INTEGER);
      DELETE FROM shop_days WHERE day = CAST(julianday(OLD.business_date) AS INTEGER) AND sales <= 0;
    END;

    CREATE TABLE price_changes (
      id INTEGER PRIMARY KEY,
      changed_on TEXT NOT NULL,
      note TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX price_changes_date ON price_changes(changed_on);

    CREATE TABLE model_fits (
      calibration_end TEXT PRIMARY KEY,
      data_stamp TEXT NOT NULL,
      params TEXT NOT NULL,
      fitted_at INTEGER NOT NULL
    ) STRICT;
  `);
}

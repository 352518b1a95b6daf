import type { Database } from 'better-sqlite3';

export const version = 5;

/**
 * Each customer's visit totals up to now — first and last visit day, visits, what they paid, the
 * discounts they got, visits with a promotion — kept by triggers on `visit_days` (which triggers on
 * `sales` keep in turn). The lapsed list as of today reads these 100,000 rows instead of
 * aggregating two million visit days; lists as of a past date still aggregate `visit_days`.
 * Only SQL that SQLite 3.40 understands.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE visit_totals (
      customer_id INTEGER PRIMARY KEY REFERENCES customers(id),
      first_day INTEGER NOT NULL,
      last_day INTEGER NOT NULL,
      visits INTEGER NOT NULL,
      spend_minor INTEGER NOT NULL,
      discount_minor INTEGER NOT NULL,
      promo_visits INTEGER NOT NULL
    ) STRICT;

    INSERT INTO visit_totals
      SELECT customer_id, MIN(day), MAX(day), COUNT(*), SUM(amount_minor), SUM(discount_minor), SUM(promo_sales > 0)
      FROM visit_days GROUP BY customer_id;

    -- The few customers the owner let go, without reading the whole customer table.
    CREATE INDEX customers_let_go ON customers(id) WHERE let_go_at IS NOT NULL;

    CREATE TRIGGER visit_days_totals_insert AFTER INSERT ON visit_days
    BEGIN
      INSERT INTO visit_totals (customer_id, first_day, last_day, visits, spend_minor, discount_minor, promo_visits)
        VALUES (NEW.customer_id, NEW.day, NEW.day, 1, NEW.amount_minor, NEW.discount_minor, NEW.promo_sales > 0)
        ON CONFLICT (customer_id) DO UPDATE SET
          first_day = MIN(first_day, excluded.first_day), last_day = MAX(last_day, excluded.last_day), visits = visits + 1,
          spend_minor = spend_minor + excluded.spend_minor, discount_minor = discount_minor + excluded.discount_minor,
          promo_visits = promo_visits + excluded.promo_visits;
    END;

    CREATE TRIGGER visit_days_totals_update AFTER UPDATE ON visit_days
    BEGIN
      UPDATE visit_totals SET
        spend_minor = spend_minor + NEW.amount_minor - OLD.amount_minor,
        discount_minor = discount_minor + NEW.discount_minor - OLD.discount_minor,
        promo_visits = promo_visits + (NEW.promo_sales > 0) - (OLD.promo_sales > 0)
        WHERE customer_id = NEW.customer_id;
    END;

    CREATE TRIGGER visit_days_totals_delete AFTER DELETE ON visit_days
    BEGIN
      UPDATE visit_totals SET
        visits = visits - 1,
        spend_minor = spend_minor - OLD.amount_minor,
        discount_minor = discount_minor - OLD.discount_minor,
        promo_visits = promo_visits - (OLD.promo_sales > 0),
        first_day = COALESCE((SELECT MIN(day) FROM visit_days WHERE customer_id = OLD.customer_id), first_day),
        last_day = COALESCE((SELECT MAX(day) FROM visit_days WHERE customer_id = OLD.customer_id), last_day)
        WHERE customer_id = OLD.customer_id;
      DELETE FROM visit_totals WHERE customer_id = OLD.customer_id AND visits <= 0;
    END;
  `);
}

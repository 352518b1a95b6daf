import type { Database } from 'better-sqlite3';

export const version = 13;

/**
 * Derived data kept by the database itself, whoever writes (the app, an import, the command line):
 *
 * - `table_versions`: one counter per table that derived results (the lapsed list, Insights, the
 *   shop's usual gap…) read. Triggers bump it on every insert, update and delete, so a cached
 *   result stays right exactly as long as the versions of the tables it read are unchanged
 *   (main/services/cache.ts). The tables SQLite keeps from `sales` (`visit_days`, `shop_days`,
 *   `visit_totals`) and the customers' totals below change only with `sales`: the `sales` counter
 *   stands for them, and an update that changes a customer's totals does not bump `customers`
 *   (the totals triggers change only totals; an edit, a merge or a let-go changes none).
 * - The customers' totals (`visits`, `sales_count`, `total_minor`, first and last visit) are kept by
 *   triggers on `sales` and `visit_days` (a visit is a `visit_days` row) instead of being refreshed
 *   by hand after each write. A removed sale recomputes the first or last visit only when it was
 *   that sale (an indexed MIN/MAX over the customer's sales).
 *
 * Tables that do not exist are skipped (a migration never depends on another helper's numbering).
 * Only SQL that SQLite 3.40 understands.
 */
const VERSIONED = [
  'sales',
  'sale_lines',
  'customers',
  'customer_tags',
  'consents',
  'complaints',
  'winback_cases',
  'case_events',
  'tasks',
  'contact_attempts',
  'offers',
  'settings',
  'staff',
  'price_changes',
  'products',
  'product_prices',
];

const TOTALS = ['visits', 'sales_count', 'total_minor', 'first_visit_at', 'last_visit_at', 'first_visit_date', 'last_visit_date'];

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** `customers`: an update that changes a total is the totals triggers' (the `sales` version covers it). */
const ONLY_NOT_TOTALS = TOTALS.map((c) => `OLD.${c} IS NEW.${c}`).join(' AND ');

function bumpTriggers(table: string): string {
  const bump = `UPDATE table_versions SET version = version + 1 WHERE name = ${literal(table)};`;
  return ['INSERT', 'DELETE', 'UPDATE']
    .map((event) => {
      const when = event === 'UPDATE' && table === 'customers' ? ` WHEN ${ONLY_NOT_TOTALS}` : '';
      return `CREATE TRIGGER ${quote(`${table}_version_${event.toLowerCase()}`)} AFTER ${event} ON ${quote(table)}${when}
         BEGIN ${bump} END;`;
    })
    .join('\n');
}

/** A sale out of its customer's totals: counts and sums down, first/last visit again if it was that sale. */
const SALE_OUT = `UPDATE customers SET
    sales_count = sales_count - 1,
    total_minor = total_minor - OLD.amount_minor,
    first_visit_at = CASE WHEN first_visit_at = OLD.occurred_at
      THEN (SELECT MIN(occurred_at) FROM sales WHERE customer_id = OLD.customer_id AND voided_at IS NULL) ELSE first_visit_at END,
    last_visit_at = CASE WHEN last_visit_at = OLD.occurred_at
      THEN (SELECT MAX(occurred_at) FROM sales WHERE customer_id = OLD.customer_id AND voided_at IS NULL) ELSE last_visit_at END,
    first_visit_date = CASE WHEN first_visit_date = OLD.business_date
      THEN (SELECT MIN(business_date) FROM sales WHERE customer_id = OLD.customer_id AND voided_at IS NULL) ELSE first_visit_date END,
    last_visit_date = CASE WHEN last_visit_date = OLD.business_date
      THEN (SELECT MAX(business_date) FROM sales WHERE customer_id = OLD.customer_id AND voided_at IS NULL) ELSE last_visit_date END
  WHERE id = OLD.customer_id`;

/** A sale into its customer's totals. */
const SALE_IN = `UPDATE customers SET
    sales_count = sales_count + 1,
    total_minor = total_minor + NEW.amount_minor,
    first_visit_at = MIN(COALESCE(first_visit_at, NEW.occurred_at), NEW.occurred_at),
    last_visit_at = MAX(COALESCE(last_visit_at, NEW.occurred_at), NEW.occurred_at),
    first_visit_date = MIN(COALESCE(first_visit_date, NEW.business_date), NEW.business_date),
    last_visit_date = MAX(COALESCE(last_visit_date, NEW.business_date), NEW.business_date)
  WHERE id = NEW.customer_id`;

export function up(db: Database): void {
  const exists = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name),
  );
  const tables = VERSIONED.filter((t) => exists.has(t));
  db.exec(`
    CREATE TABLE table_versions (
      name TEXT PRIMARY KEY,
      version INTEGER NOT NULL DEFAULT 0
    ) STRICT, WITHOUT ROWID;
    INSERT INTO table_versions (name, version) VALUES ${tables.map((t) => `(${literal(t)}, 0)`).join(', ')};
    ${tables.map(bumpTriggers).join('\n')}

    CREATE TRIGGER sales_customer_totals_insert AFTER INSERT ON sales
    WHEN NEW.customer_id IS NOT NULL AND NEW.voided_at IS NULL
    BEGIN ${SALE_IN}; END;

    CREATE TRIGGER sales_customer_totals_update
    AFTER UPDATE OF customer_id, occurred_at, business_date, amount_minor, voided_at ON sales
    BEGIN
      ${SALE_OUT} AND OLD.voided_at IS NULL;
      ${SALE_IN} AND NEW.voided_at IS NULL;
    END;

    CREATE TRIGGER sales_customer_totals_delete AFTER DELETE ON sales
    WHEN OLD.customer_id IS NOT NULL AND OLD.voided_at IS NULL
    BEGIN ${SALE_OUT}; END;

    -- A visit is a customer's day with a purchase: a row of visit_days.
    CREATE TRIGGER visit_days_customer_visits_insert AFTER INSERT ON visit_days
    BEGIN UPDATE customers SET visits = visits + 1 WHERE id = NEW.customer_id; END;
    CREATE TRIGGER visit_days_customer_visits_delete AFTER DELETE ON visit_days
    BEGIN UPDATE customers SET visits = visits - 1 WHERE id = OLD.customer_id; END;

    -- From here on the triggers keep them; start from totals that are right.
    UPDATE customers
      SET (visits, sales_count, total_minor, first_visit_at, last_visit_at, first_visit_date, last_visit_date) = (
        SELECT COUNT(DISTINCT business_date), COUNT(*), COALESCE(SUM(amount_minor), 0), MIN(occurred_at), MAX(occurred_at),
               MIN(business_date), MAX(business_date)
        FROM sales WHERE sales.customer_id = customers.id AND voided_at IS NULL);
  `);
}

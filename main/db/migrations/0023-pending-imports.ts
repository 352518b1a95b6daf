import type { Database } from 'better-sqlite3';

export const version = 23;

/**
 * An import writes its new customers, their sales and their visit days into the shop's own tables
 * in short transactions while it runs, under its import's id; the rows stay out of sight until the
 * import is `done` (issue 13: the one transaction that used to move a whole file in held the write
 * lock for seconds, and a sale at the counter waited for it). What hides them:
 * - every connection the app opens reads `customers`, `sales`, `visit_days`, `visit_totals`,
 *   `staff` and `payment_methods` through temporary views of the same names that leave out the
 *   rows of a pending import (db/pending.ts);
 * - the triggers below, which keep the derived data and the tables' versions, skip those rows:
 *   a pending import's sales add nothing to the shop's days or its customers' totals, and a dead
 *   import's rows are taken away again without taking anything from them. The import adds its sums
 *   when it is done (db/queries/import-sums.ts).
 * Staff and payment methods an import names for the first time carry its id too, so a dead
 * import's are taken away with its other rows. The two partial indexes find an import's rows.
 */
// Lookups by primary key only: an IN (SELECT …) would be built again for every row a trigger sees.
/** True when `row`'s import (its `import_id`) is not pending. */
const shown = (row: 'NEW' | 'OLD') =>
  `${row}.import_id IS NULL OR NOT EXISTS (SELECT 1 FROM imports i WHERE i.id = ${row}.import_id AND i.state = 'pending')`;
/** True when the customer of visit day `row` is not one a pending import is writing. */
const customerShown = (row: 'NEW' | 'OLD') =>
  `NOT EXISTS (SELECT 1 FROM customers c JOIN imports i ON i.id = c.import_id WHERE c.id = ${row}.customer_id AND i.state = 'pending')`;

/** Each trigger and the condition it gets: an imported sale's own sums come from its import, never from these. */
export const CONDITIONS: Readonly<Record<string, string>> = {
  sales_days_insert: 'NEW.import_id IS NULL',
  sales_customer_totals_insert: 'NEW.import_id IS NULL',
  sales_version_insert: 'NEW.import_id IS NULL',
  customers_version_insert: 'NEW.import_id IS NULL',
  sales_days_delete: shown('OLD'),
  sales_customer_totals_delete: shown('OLD'),
  sales_version_delete: shown('OLD'),
  customers_version_delete: shown('OLD'),
  visit_days_totals_insert: customerShown('NEW'),
  visit_days_customer_visits_insert: customerShown('NEW'),
  visit_days_shop_insert: customerShown('NEW'),
  visit_days_totals_delete: customerShown('OLD'),
  visit_days_customer_visits_delete: customerShown('OLD'),
  visit_days_shop_delete: customerShown('OLD'),
  // an erase or a merge meanwhile moves a pending sale of a customer the file names (the import then fails as a whole)
  sales_days_update: shown('OLD'),
  sales_customer_totals_update: shown('OLD'),
};

/** The triggers that look a customer's first and last sale up again: a pending import's sales are not theirs yet. */
const LOOKUPS = ['sales_customer_totals_update', 'sales_customer_totals_delete'];
const LOOKUP = 'FROM sales WHERE customer_id = OLD.customer_id AND voided_at IS NULL)';
const LOOKUP_SHOWN = `FROM sales WHERE customer_id = OLD.customer_id AND voided_at IS NULL
        AND (import_id IS NULL OR import_id NOT IN (SELECT id FROM imports WHERE state = 'pending')))`;

/** A trigger's SQL with `cond` added to its WHEN (or as a WHEN of its own). */
export function withCondition(sql: string, cond: string): string {
  const begin = /\bBEGIN\b/i.exec(sql);
  if (!begin) throw new Error('migration 23: a trigger without BEGIN');
  const head = sql.slice(0, begin.index);
  const body = sql.slice(begin.index);
  const when = /\bWHEN\b([\s\S]*)$/i.exec(head);
  if (when) return `${head.slice(0, when.index)}WHEN (${when[1]!.trim()}) AND (${cond})\n    ${body}`;
  return `${head.trimEnd()}\n    WHEN ${cond}\n    ${body}`;
}

export function up(db: Database): void {
  db.exec(`
    ALTER TABLE staff ADD COLUMN import_id INTEGER REFERENCES imports(id);
    ALTER TABLE payment_methods ADD COLUMN import_id INTEGER REFERENCES imports(id);
    CREATE INDEX customers_import ON customers(import_id) WHERE import_id IS NOT NULL;
    CREATE INDEX sales_import ON sales(import_id) WHERE import_id IS NOT NULL;
  `);
  const sqlOf = db.prepare<[string], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?");
  for (const [name, cond] of Object.entries(CONDITIONS)) {
    const row = sqlOf.get(name);
    if (!row) throw new Error(`migration 23: trigger ${name} is missing`);
    let sql = withCondition(row.sql, cond);
    if (LOOKUPS.includes(name)) {
      if (sql.split(LOOKUP).length !== 5) throw new Error(`migration 23: trigger ${name} has not its four lookups`);
      sql = sql.replaceAll(LOOKUP, LOOKUP_SHOWN);
    }
    db.exec(`DROP TRIGGER "${name}"`);
    db.exec(sql);
  }
}

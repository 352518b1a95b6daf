import type { Db } from './open';

/**
 * The rows of an import that is still running stay out of sight (migration 23): the import writes
 * its new customers, their sales, visit days and totals, and the staff and payment methods it
 * names first, into the shop's tables in short transactions (services/import/place.ts), and they
 * only count once the import is `done`, in its last short transaction (the flip).
 *
 * Every connection the app opens (openDb) reads these tables through temporary views of the same
 * names, which take precedence over the tables for a name without a schema: every query of the app
 * sees the shop without a pending import's rows, with no condition of its own to forget. A write
 * names the table itself (`main.sales`): a view cannot be written. The triggers live in `main` and
 * see the tables (migration 23 makes them skip a pending import's rows).
 *
 * While no import is pending (nearly always) each view's condition is worked out once per
 * statement (whether one is pending) and the rows' own columns are never looked at (SQLite plans a
 * table lookup beside an index that would have covered a query, and defers it until a column is
 * needed, which here is never: whilePending). The lapsed list and the dashboard, timed cold with
 * and without the views, showed no difference (docs/architecture.md, Imports).
 */
export const HIDDEN_TABLES = ['customers', 'sales', 'visit_days', 'visit_totals', 'staff', 'payment_methods'] as const;

const PENDING = "SELECT id FROM main.imports WHERE state = 'pending'";
/**
 * `shown` only while an import is pending. A CASE, not `NOT EXISTS (…) OR shown`: with the OR, a
 * counter search for one letter walked its few thousand index entries eight times slower (p95
 * 17 ms against 2.4 ms on the 100k-customer shop), each row's own condition worked out although
 * none was pending; the CASE works out whether one is once per statement, and nothing per row.
 */
const whilePending = (shown: string) => `CASE WHEN EXISTS (${PENDING}) THEN ${shown} ELSE 1 END`;
const byImport = whilePending(`import_id IS NULL OR import_id NOT IN (${PENDING})`);
const byCustomer = whilePending(`customer_id NOT IN (SELECT id FROM main.customers WHERE import_id IN (${PENDING}))`);

const SHOWN: Record<(typeof HIDDEN_TABLES)[number], string> = {
  customers: byImport,
  sales: byImport,
  staff: byImport,
  payment_methods: byImport,
  visit_days: byCustomer,
  visit_totals: byCustomer,
};

/** The first schema version whose tables carry what the views look at. */
export const PENDING_VERSION = 23;

/**
 * Runs `run` with the connection's views taken away, and puts them back: SQLite's VACUUM INTO
 * creates the copy's indexes from their SQL, whose table names would find the views first.
 */
export function withoutPendingViews<T>(db: Db, run: () => T): T {
  const had = db.prepare("SELECT COUNT(*) AS n FROM temp.sqlite_master WHERE type = 'view'").get() as { n: number };
  if (had.n === 0) return run();
  for (const t of HIDDEN_TABLES) db.exec(`DROP VIEW IF EXISTS temp.${t}`);
  try {
    return run();
  } finally {
    hidePendingImports(db);
  }
}

/** Creates the connection's views (once; a database older than migration 23 gets none). */
export function hidePendingImports(db: Db): void {
  if ((db.pragma('user_version', { simple: true }) as number) < PENDING_VERSION) return;
  for (const t of HIDDEN_TABLES) db.exec(`CREATE TEMP VIEW IF NOT EXISTS ${t} AS SELECT * FROM main.${t} WHERE ${SHOWN[t]}`);
}

/**
 * A trigger's or index's SQL as `sqlite_master` keeps it, made to create it in `main` again: its
 * table's name alone would find the connection's view of that name first (a bulk write takes the
 * sales indexes and the derived-data triggers away and puts them back, db/queries/derived.ts and
 * imports.ts).
 */
export function inMain(sql: string): string {
  // the schema's text keeps no schema name: the same text as before once created
  const out = sql.replace(/^CREATE (UNIQUE INDEX|INDEX|TRIGGER)\s+("?)(\w+)\2/, 'CREATE $1 main.$2$3$2');
  if (out === sql) throw new Error(`inMain: not a CREATE INDEX or TRIGGER: ${sql.slice(0, 40)}`);
  return out;
}

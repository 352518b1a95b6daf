import type { Db } from '../open';
import { stmt } from '../stmt';
import { pendingImports } from './imports';
import { NEW_CUSTOMER_KEY, PARTS, PREFIX, table, tableName, type Part } from './import-tables';

/**
 * An import's staging tables: the rows of a file wait here, written in short chunks, until the one
 * transaction that moves them into the shop's tables (the flip). They are temporary tables of the
 * import's own connection (`temp.import_stage_<id>_*`): no other connection can see them, writing
 * them takes no lock on the shop's file and adds nothing to its WAL, and a process that dies takes
 * them with it. Versions before this one staged in the shop's file (`main`); recovery still drops
 * such tables left by a dead import (legacyStages).
 */
/**
 * The staging tables' pages stay in memory up to this size (a million sales rows take about
 * 100 MB); beyond it SQLite spills them to a temporary file of its own, deleted when closed.
 */
const STAGE_CACHE_KIB = 262_144;
/** The connection's temp cache size before its import's staging, given back by dropStage. */
const cacheBefore = new WeakMap<Db, number>();

export function createStage(db: Db, id: number): void {
  db.exec(`
    CREATE TEMP TABLE ${table(id, 'customers')} (
      seq INTEGER PRIMARY KEY, name TEXT NOT NULL, phone TEXT, phone_rev TEXT, member_code TEXT, member_code_key TEXT,
      name_key TEXT NOT NULL, name_pinyin TEXT NOT NULL, name_initials TEXT NOT NULL, name_given TEXT NOT NULL,
      birthday TEXT, notes TEXT NOT NULL, external_id TEXT, tags TEXT, consent TEXT, consent_source TEXT NOT NULL
    ) STRICT;
    CREATE TEMP TABLE ${table(id, 'updates')} (
      seq INTEGER PRIMARY KEY, customer_id INTEGER, customer_seq INTEGER, tags TEXT, consent TEXT
    ) STRICT;
    -- Kept in customer and day order (cust: 0 a walk-in, then the shop's customers by id, then the
    -- file's new ones), the order they are staged in: the sums group the customers' days along the
    -- key without sorting a million rows, and the flip inserts the sales in that order too.
    CREATE TEMP TABLE ${table(id, 'sales')} (
      seq INTEGER NOT NULL, customer_id INTEGER, customer_seq INTEGER, occurred_at INTEGER NOT NULL,
      business_date TEXT NOT NULL, amount_minor INTEGER NOT NULL, items INTEGER NOT NULL, discount_minor INTEGER NOT NULL,
      is_promotion INTEGER NOT NULL, payment_method_id INTEGER, staff_id INTEGER, note TEXT NOT NULL,
      cust INTEGER NOT NULL, day INTEGER NOT NULL, time_known INTEGER NOT NULL, PRIMARY KEY (cust, day, seq)
    ) STRICT, WITHOUT ROWID;
    CREATE TEMP TABLE ${table(id, 'names')} (kind TEXT NOT NULL, key INTEGER NOT NULL, name TEXT NOT NULL, id INTEGER, PRIMARY KEY (kind, key)) STRICT;
  `);
  if (!cacheBefore.has(db)) cacheBefore.set(db, db.pragma('temp.cache_size', { simple: true }) as number);
  db.pragma(`temp.cache_size = -${STAGE_CACHE_KIB}`);
}

/** Drops an import's staging tables (temporary: no lock on the shop's file) and gives their memory back. */
export function dropStage(db: Db, id: number): void {
  for (const part of PARTS) db.exec(`DROP TABLE IF EXISTS ${table(id, part)}`);
  const before = cacheBefore.get(db);
  if (before !== undefined) {
    db.pragma(`temp.cache_size = ${Math.trunc(before)}`);
    cacheBefore.delete(db);
  }
}

/** Deletes up to `limit` rows of a staging table an older version left in the shop's file (none if it is gone); returns how many. */
export function deleteLegacyStagedRows(db: Db, id: number, part: Part, limit: number): number {
  const name = tableName(id, part);
  const exists = stmt<[string], { n: number }>(
    db,
    "SELECT COUNT(*) AS n FROM main.sqlite_master WHERE type = 'table' AND name = ?",
  ).get(name)!.n;
  if (!exists) return 0;
  return db
    .prepare(`DELETE FROM ${table(id, part, 'main')} WHERE rowid IN (SELECT rowid FROM ${table(id, part, 'main')} LIMIT ?)`)
    .run(limit).changes;
}

export function dropLegacyStage(db: Db, id: number): void {
  for (const part of PARTS) db.exec(`DROP TABLE IF EXISTS ${table(id, part, 'main')}`);
}

/**
 * Staging tables in the shop's file (written by a version before temp staging) whose import is not
 * pending: a dead import's, or left by a kill between its flip and their drop.
 */
export function legacyStages(db: Db): number[] {
  const names = stmt<[], { name: string }>(
    db,
    `SELECT name FROM main.sqlite_master WHERE type = 'table' AND name LIKE '${PREFIX}%'`,
  ).all();
  const ids = new Set(names.map((n) => Number(/^import_stage_(\d+)_/.exec(n.name)?.[1])).filter((n) => Number.isInteger(n)));
  const pending = new Set(pendingImports(db).map((p) => p.id));
  return [...ids].filter((id) => !pending.has(id));
}

/** The columns of each part's staged rows, after `seq`. */
export const STAGE_COLUMNS = {
  customers: [
    'name',
    'phone',
    'phone_rev',
    'member_code',
    'member_code_key',
    'name_key',
    'name_pinyin',
    'name_initials',
    'name_given',
    'birthday',
    'notes',
    'external_id',
    'tags',
    'consent',
    'consent_source',
  ],
  updates: ['customer_id', 'customer_seq', 'tags', 'consent'],
  sales: [
    'customer_id',
    'customer_seq',
    'occurred_at',
    'business_date',
    'amount_minor',
    'items',
    'discount_minor',
    'is_promotion',
    'payment_method_id',
    'staff_id',
    'note',
    'cust',
    'day',
    'time_known',
  ],
} as const;
export type StagePart = keyof typeof STAGE_COLUMNS;

/** Rows bound per INSERT statement: a few dozen rows a call costs far less than one call a row or a JSON text SQLite parses again. */
const ROWS_PER_INSERT = 32;

/**
 * Writes one chunk: `cells` holds its rows one after another, each `[seq, ...columns]` in
 * STAGE_COLUMNS order (flat: a million rows are not a million small arrays), bound
 * ROWS_PER_INSERT rows at a time.
 */
export function stageRows(db: Db, id: number, part: StagePart, cells: readonly unknown[]): void {
  const cols = STAGE_COLUMNS[part];
  const width = cols.length + 1;
  if (cells.length % width !== 0) throw new Error(`stageRows: ${cells.length} cells are not rows of ${width}`);
  const one = `(${new Array(width).fill('?').join(', ')})`;
  const sql = (n: number) =>
    `INSERT INTO ${table(id, part)} (seq, ${cols.join(', ')}) VALUES ${new Array(n).fill(one).join(', ')}`;
  const full = stmt(db, sql(ROWS_PER_INSERT));
  const step = ROWS_PER_INSERT * width;
  let i = 0;
  for (; i + step <= cells.length; i += step) full.run(cells.slice(i, i + step));
  if (i < cells.length) db.prepare(sql((cells.length - i) / width)).run(cells.slice(i));
}

export function stageName(db: Db, id: number, kind: 'payment' | 'staff', key: number, name: string): void {
  stmt(db, `INSERT INTO ${table(id, 'names')} (kind, key, name) VALUES (?, ?, ?)`).run(kind, key, name);
}

export function stagedNames(db: Db, id: number): { kind: 'payment' | 'staff'; key: number; name: string }[] {
  return stmt<[], { kind: 'payment' | 'staff'; key: number; name: string }>(
    db,
    `SELECT kind, key, name FROM ${table(id, 'names')} ORDER BY kind, key DESC`,
  ).all();
}

export function resolveName(db: Db, id: number, kind: string, key: number, realId: number): void {
  stmt(db, `UPDATE ${table(id, 'names')} SET id = ? WHERE kind = ? AND key = ?`).run(realId, kind, key);
}

export function stagedUpdates(
  db: Db,
  id: number,
): { customer_id: number | null; customer_seq: number | null; tags: string | null; consent: string | null }[] {
  return stmt<[], { customer_id: number | null; customer_seq: number | null; tags: string | null; consent: string | null }>(
    db,
    `SELECT customer_id, customer_seq, tags, consent FROM ${table(id, 'updates')} ORDER BY seq`,
  ).all();
}

/** How many customers the import staged as new. */
export function stagedCustomerCount(db: Db, id: number): number {
  return stmt<[], { n: number }>(db, `SELECT COUNT(*) AS n FROM ${table(id, 'customers')}`).get()!.n;
}

/** The flip's part for the new customers (placed before it): their tags, consents and audit entries, in a few statements. */
export function flipCustomerExtras(db: Db, id: number, base: number, now: number): void {
  const c = table(id, 'customers');
  db.prepare(
    `INSERT INTO tags (name) SELECT DISTINCT j.value FROM ${c}, json_each(${c}.tags) j WHERE ${c}.tags IS NOT NULL
              ON CONFLICT(name) DO NOTHING`,
  ).run();
  db.prepare(
    `INSERT OR IGNORE INTO customer_tags (customer_id, tag_id)
     SELECT ? + s.seq, t.id FROM ${c} s, json_each(s.tags) j JOIN tags t ON t.name = j.value WHERE s.tags IS NOT NULL`,
  ).run(base);
  for (const target of [
    'consents (customer_id, channel, is_granted, changed_at, source)',
    'consent_events (customer_id, channel, is_granted, changed_at, source, note)',
  ])
    db.prepare(
      `INSERT INTO ${target}
       SELECT @base + s.seq, j.key, j.value, @now, s.consent_source${target.startsWith('consent_events') ? ", ''" : ''}
       FROM ${c} s, json_each(s.consent) j WHERE s.consent IS NOT NULL`,
    ).run({ base, now });
  db.prepare(
    `INSERT INTO audit_log (at, action, entity, entity_id, detail) SELECT ?, 'customer.create', 'customer', ? + seq, '{}' FROM ${c}`,
  ).run(now, base);
}

/**
 * How many of the shop's customers the staged sales name are no longer the ones the file was
 * matched to: erased, merged into another, or erased and their id given to a customer created
 * since (`createdAt`: each one's created_at when the file was matched; SQLite gives the highest id
 * again once it is deleted). The flip's set-based stand-in for the per-row foreign key checks, and
 * stricter: a merged-away row, or a new customer under an old id, still exists. Walks the staging
 * table's key over the shop's customers only, one lookup per customer.
 */
export function changedCustomers(db: Db, id: number, createdAt: ReadonlyMap<number, number>): number {
  const named = stmt<[], [id: number, created: number | null, merged: number | null]>(
    db,
    `SELECT s.id, c.created_at, c.merged_into_id
     FROM (SELECT DISTINCT cust AS id FROM ${table(id, 'sales')} WHERE cust > 0 AND cust < ${NEW_CUSTOMER_KEY}) s
     LEFT JOIN main.customers c ON c.id = s.id`,
  )
    .raw(true)
    .all();
  let changed = 0;
  for (const [customer, created, merged] of named)
    if (!stillMatched(customer, created === null ? undefined : { created_at: created, merged_into_id: merged }, createdAt))
      changed++;
  return changed;
}

/**
 * Whether shop customer `id`, as its row reads now (undefined: erased), is still the customer the
 * file was matched to: there, not merged away, and created when it was then (not a newcomer given
 * the id again).
 */
export function stillMatched(
  id: number,
  row: { created_at: number; merged_into_id: number | null } | undefined,
  createdAt: ReadonlyMap<number, number>,
): boolean {
  return row !== undefined && row.merged_into_id === null && row.created_at === createdAt.get(id);
}

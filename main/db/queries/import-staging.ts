import type { Db } from '../open';
import { stmt } from '../stmt';
import { dayOf, monthOf } from './derived';
import type { Holder } from '../in-use';

/**
 * An import's staging tables: the rows of a file wait here, written in short chunks, until the one
 * transaction that moves them into the shop's tables (the flip). They are temporary tables of the
 * import's own connection (`temp.import_stage_<id>_*`): no other connection can see them, writing
 * them takes no lock on the shop's file and adds nothing to its WAL, and a process that dies takes
 * them with it. Versions before this one staged in the shop's file (`main`); recovery still drops
 * such tables left by a dead import (legacyStages).
 */
const PREFIX = 'import_stage_';

type Part = 'customers' | 'updates' | 'sales' | 'names';
const table = (id: number, part: Part, schema: 'temp' | 'main' = 'temp') => `${schema}."${PREFIX}${Math.trunc(id)}_${part}"`;

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
    CREATE TEMP TABLE ${table(id, 'sales')} (
      seq INTEGER PRIMARY KEY, customer_id INTEGER, customer_seq INTEGER, occurred_at INTEGER NOT NULL,
      business_date TEXT NOT NULL, amount_minor INTEGER NOT NULL, items INTEGER NOT NULL, discount_minor INTEGER NOT NULL,
      is_promotion INTEGER NOT NULL, payment_method_id INTEGER, staff_id INTEGER, note TEXT NOT NULL
    ) STRICT;
    CREATE TEMP TABLE ${table(id, 'names')} (kind TEXT NOT NULL, key INTEGER NOT NULL, name TEXT NOT NULL, id INTEGER, PRIMARY KEY (kind, key)) STRICT;
  `);
  if (!cacheBefore.has(db)) cacheBefore.set(db, db.pragma('temp.cache_size', { simple: true }) as number);
  db.pragma(`temp.cache_size = -${STAGE_CACHE_KIB}`);
}

/** Drops an import's staging tables (temporary: no lock on the shop's file) and gives their memory back. */
export function dropStage(db: Db, id: number): void {
  for (const part of ['customers', 'updates', 'sales', 'names'] as const) db.exec(`DROP TABLE IF EXISTS ${table(id, part)}`);
  const before = cacheBefore.get(db);
  if (before !== undefined) {
    db.pragma(`temp.cache_size = ${Math.trunc(before)}`);
    cacheBefore.delete(db);
  }
}

/** Deletes up to `limit` rows of a staging table an older version left in the shop's file (none if it is gone); returns how many. */
export function deleteLegacyStagedRows(db: Db, id: number, part: Part, limit: number): number {
  const name = table(id, part, 'main').slice(6, -1);
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
  for (const part of ['customers', 'updates', 'sales', 'names'] as const)
    db.exec(`DROP TABLE IF EXISTS ${table(id, part, 'main')}`);
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
  ],
} as const;
export type StagePart = keyof typeof STAGE_COLUMNS;

/** Rows bound per INSERT statement: a few dozen rows a call costs far less than one call a row or a JSON text SQLite parses again. */
const ROWS_PER_INSERT = 32;

/**
 * Writes one chunk: `rows` are arrays `[seq, ...columns]` in STAGE_COLUMNS order, bound
 * ROWS_PER_INSERT at a time.
 */
export function stageRows(db: Db, id: number, part: StagePart, rows: readonly (readonly unknown[])[]): void {
  const cols = STAGE_COLUMNS[part];
  const one = `(${new Array(cols.length + 1).fill('?').join(', ')})`;
  const sql = (n: number) =>
    `INSERT INTO ${table(id, part)} (seq, ${cols.join(', ')}) VALUES ${new Array(n).fill(one).join(', ')}`;
  const full = stmt(db, sql(ROWS_PER_INSERT));
  const params: unknown[] = [];
  let i = 0;
  for (; i + ROWS_PER_INSERT <= rows.length; i += ROWS_PER_INSERT) {
    params.length = 0;
    for (let k = i; k < i + ROWS_PER_INSERT; k++) for (const v of rows[k]!) params.push(v);
    full.run(params);
  }
  if (i < rows.length) db.prepare(sql(rows.length - i)).run(rows.slice(i).flat());
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

/** The id the flip gives staged customer `seq`: just past every id the shop has (the flip holds the write lock). */
export function customerBase(db: Db): number {
  return stmt<[], { m: number | null }>(db, 'SELECT MAX(id) AS m FROM customers').get()?.m ?? 0;
}

/** The flip's part for new customers: their rows, tags, consents and audit entries, in a few statements. */
export function flipCustomers(
  db: Db,
  id: number,
  importId: number,
  base: number,
  now: number,
  grouped: GroupedSales | null,
): number {
  const c = table(id, 'customers');
  // With the file's sales summed (groupStagedSales), a new customer is written with their totals
  // at once, rather than written and then updated (and their totals' index entries twice).
  const t = grouped?.tables.totals ?? null;
  const n = db
    .prepare(
      `INSERT INTO customers (id, name, phone, phone_rev, member_code, member_code_key, name_key, name_pinyin, name_initials,
         name_given, birthday, notes, external_id, created_at, updated_at, import_id
         ${t ? ', visits, sales_count, total_minor, first_visit_at, last_visit_at, first_visit_date, last_visit_date' : ''})
       SELECT @base + seq, name, phone, phone_rev, member_code, member_code_key, name_key, name_pinyin, name_initials,
         name_given, birthday, notes, external_id, @now, @now, @importId
         ${t ? ', COALESCE(t.visits, 0), COALESCE(t.sales, 0), COALESCE(t.amount_minor, 0), t.first_at, t.last_at, t.first_date, t.last_date' : ''}
       FROM ${c} ${t ? `LEFT JOIN ${t} t ON t.customer_seq = seq` : ''} ORDER BY seq`,
    )
    .run({ base, now, importId }).changes;
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
  return n;
}

/** The flip's part for sales: every staged sale in one statement, in the order it was staged. */
export function flipSales(db: Db, id: number, importId: number, base: number, now: number): number {
  const s = table(id, 'sales');
  const n = table(id, 'names');
  const named = (col: string, kind: string) =>
    `CASE WHEN s.${col} < 0 THEN (SELECT id FROM ${n} WHERE kind = '${kind}' AND key = s.${col}) ELSE s.${col} END`;
  return db
    .prepare(
      `INSERT INTO sales (customer_id, occurred_at, business_date, amount_minor, items, discount_minor, is_promotion,
         payment_method_id, staff_id, note, created_at, import_id)
       SELECT COALESCE(s.customer_id, @base + s.customer_seq), s.occurred_at, s.business_date, s.amount_minor, s.items,
         s.discount_minor, s.is_promotion, ${named('payment_method_id', 'payment')}, ${named('staff_id', 'staff')}, s.note, @now, @importId
       FROM ${s} s ORDER BY s.seq`,
    )
    .run({ base, now, importId }).changes;
}

/** The import's temporary tables on its own connection (groupStagedSales): its sales by customer and day, and by day. */
const groupedTables = (id: number) => ({
  days: `temp."${PREFIX}${Math.trunc(id)}_cdays"`,
  totals: `temp."${PREFIX}${Math.trunc(id)}_ctotals"`,
  shop: `temp."${PREFIX}${Math.trunc(id)}_sdays"`,
  flip: `temp."${PREFIX}${Math.trunc(id)}_days"`,
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
 * The staged sales summed by customer and day and by day, into temporary tables of the import's
 * own connection: before the flip, so its transaction (which holds the write lock the counter's
 * sales wait for) only joins these sums to the shop's visit days instead of grouping a million
 * rows. Reads the staging tables only: no lock. Dropped by dropGroupedSales.
 */
export function groupStagedSales(db: Db, id: number): GroupedSales {
  const s = table(id, 'sales');
  const t = groupedTables(id);
  dropGroupedSales(db, id);
  db.exec(`
    CREATE TEMP TABLE ${t.days.slice(5)} AS
      SELECT customer_id, customer_seq, day, MIN(month) AS month, COUNT(*) AS sales, SUM(amount_minor) AS amount_minor,
             SUM(discount_minor) AS discount_minor, SUM(items) AS items, SUM(promo) AS promo_sales,
             MIN(occurred_at) AS first_at, MAX(occurred_at) AS last_at,
             MIN(business_date) AS first_date, MAX(business_date) AS last_date
      FROM (SELECT customer_id, customer_seq, ${dayOf('business_date')} AS day, ${monthOf('business_date')} AS month,
                   amount_minor, discount_minor, items, is_promotion = 1 OR discount_minor > 0 AS promo,
                   occurred_at, business_date
            FROM ${s} WHERE customer_id IS NOT NULL OR customer_seq IS NOT NULL)
      GROUP BY customer_id, customer_seq, day;
    CREATE TEMP TABLE ${t.shop.slice(5)} AS
      SELECT d.day, d.sales, d.amount_minor, d.items, d.walk_in_sales,
             COALESCE(v.visits, 0) AS visits, COALESCE(v.deal_visits, 0) AS deal_visits
      FROM (SELECT ${dayOf('business_date')} AS day, COUNT(*) AS sales, SUM(amount_minor) AS amount_minor, SUM(items) AS items,
                   SUM(customer_id IS NULL AND customer_seq IS NULL) AS walk_in_sales
            FROM ${s} GROUP BY day) d
      LEFT JOIN (SELECT day, COUNT(*) AS visits, SUM(promo_sales > 0) AS deal_visits FROM ${t.days} GROUP BY day) v
        ON v.day = d.day;
    -- the file's new customers' totals (every day of theirs is a new visit), written with them (flipCustomers)
    CREATE TEMP TABLE ${t.totals.slice(5)} (
      customer_seq INTEGER PRIMARY KEY, visits INTEGER NOT NULL, sales INTEGER NOT NULL, amount_minor INTEGER NOT NULL,
      first_at INTEGER, last_at INTEGER, first_date TEXT, last_date TEXT);
    INSERT INTO ${t.totals} (customer_seq, visits, sales, amount_minor, first_at, last_at, first_date, last_date)
      SELECT customer_seq, COUNT(*), SUM(sales), SUM(amount_minor), MIN(first_at), MAX(last_at), MIN(first_date), MAX(last_date)
      FROM ${t.days} WHERE customer_id IS NULL GROUP BY customer_seq;
  `);
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
    `CREATE TEMP TABLE ${t.flip.slice(5)} AS
     SELECT g.customer_id, g.day, g.month, g.sales, g.amount_minor, g.discount_minor, g.items, g.promo_sales,
            g.first_at, g.last_at, g.first_date, g.last_date,
            v.customer_id IS NOT NULL AS existed, COALESCE(v.promo_sales, 0) AS old_promo
     FROM (SELECT COALESCE(customer_id, @base + customer_seq) AS customer_id, day, month, sales, amount_minor,
                  discount_minor, items, promo_sales, first_at, last_at, first_date, last_date
           FROM ${t.days}) g
     LEFT JOIN visit_days v ON v.customer_id = g.customer_id AND v.day = g.day`,
  ).run({ base });
  db.exec(`
    INSERT INTO visit_days (customer_id, day, month, sales, amount_minor, discount_minor, items, promo_sales)
      SELECT customer_id, day, month, sales, amount_minor, discount_minor, items, promo_sales FROM ${t.flip} WHERE true
      ON CONFLICT (customer_id, day) DO UPDATE SET
        sales = sales + excluded.sales, amount_minor = amount_minor + excluded.amount_minor,
        discount_minor = discount_minor + excluded.discount_minor, items = items + excluded.items,
        promo_sales = promo_sales + excluded.promo_sales;

    INSERT INTO visit_totals (customer_id, first_day, last_day, visits, spend_minor, discount_minor, promo_visits)
      SELECT customer_id, MIN(day), MAX(day), SUM(NOT existed), SUM(amount_minor), SUM(discount_minor),
             SUM(promo_sales > 0 AND old_promo = 0)
      FROM ${t.flip} WHERE true GROUP BY customer_id
      ON CONFLICT (customer_id) DO UPDATE SET
        first_day = MIN(first_day, excluded.first_day), last_day = MAX(last_day, excluded.last_day),
        visits = visits + excluded.visits, spend_minor = spend_minor + excluded.spend_minor,
        discount_minor = discount_minor + excluded.discount_minor, promo_visits = promo_visits + excluded.promo_visits;

    -- the customers the shop already had (ids up to the base); the file's new ones got theirs with their rows
    UPDATE customers SET
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

// --- the import's row ---------------------------------------------------------------------------

export interface PendingImport {
  id: number;
  owner: Holder | null;
}

export function pendingImports(db: Db): PendingImport[] {
  return stmt<[], { id: number; owner: string | null }>(db, "SELECT id, owner FROM imports WHERE state = 'pending'")
    .all()
    .map((r) => ({ id: r.id, owner: r.owner ? (JSON.parse(r.owner) as Holder) : null }));
}

export function setImportOwner(db: Db, id: number, owner: Holder): void {
  stmt(db, "UPDATE imports SET state = 'pending', owner = ? WHERE id = ?").run(JSON.stringify(owner), id);
}

export function setImportState(db: Db, id: number, state: 'done' | 'failed'): void {
  stmt(db, 'UPDATE imports SET state = ? WHERE id = ?').run(state, id);
}

/** Removes a pending import's row (a cancelled or failed one); a done import is never removed here. */
export function deleteImport(db: Db, id: number): void {
  stmt(db, "DELETE FROM imports WHERE id = ? AND state = 'pending'").run(id);
}

/** About how many sales the shop has (the highest rowid: no count over two million rows). */
export function salesEstimate(db: Db): number {
  return stmt<[], { n: number }>(db, 'SELECT COALESCE(MAX(rowid), 0) AS n FROM sales').get()!.n;
}

import type { Db } from '../open';
import { stmt } from '../stmt';
import { inMain } from '../pending';
import type { ImportKind, Mapping } from '../../../shared/schemas/import';
import type { Holder } from '../in-use';

export function findImportBySha(db: Db, sha: string, kind: ImportKind) {
  return stmt<[string, string], { id: number; created_at: number; file_name: string }>(
    db,
    "SELECT id, created_at, file_name FROM imports WHERE file_sha256 = ? AND kind = ? AND state = 'done' ORDER BY id DESC LIMIT 1",
  ).get(sha, kind);
}

export interface CommittedImportRow {
  id: number;
  kind: ImportKind;
  file_name: string;
  rows_total: number;
  rows_imported: number;
  rows_skipped: number;
  created_at: number;
  /** `failed`: its process died before the flip (found at a start-up, nothing of it in the shop) */
  state: 'done' | 'failed';
}

/** The newest imports the database records: committed ones, and those whose process died before the flip. */
export function recentImports(db: Db, limit: number): CommittedImportRow[] {
  return stmt<[number], CommittedImportRow>(
    db,
    `SELECT id, kind, file_name, rows_total, rows_imported, rows_skipped, created_at, state
       FROM imports WHERE state <> 'pending' ORDER BY created_at DESC, id DESC LIMIT ?`,
  ).all(limit);
}

export interface ImportRow {
  kind: ImportKind;
  fileName: string;
  sha: string;
  encoding: string;
  rowsTotal: number;
  mapping: Mapping;
  options: object;
  now: number;
}

export function insertImport(db: Db, r: ImportRow): number {
  return Number(
    stmt(
      db,
      `INSERT INTO imports (kind, file_name, file_sha256, encoding, rows_total, rows_imported, rows_skipped, mapping, options, created_at)
       VALUES (@kind, @fileName, @sha, @encoding, @rowsTotal, 0, 0, @mapping, @options, @now)`,
    ).run({ ...r, mapping: JSON.stringify(r.mapping), options: JSON.stringify(r.options) }).lastInsertRowid,
  );
}

export function finishImport(db: Db, id: number, imported: number, skipped: number, created: number, updated: number): void {
  stmt(
    db,
    'UPDATE imports SET rows_imported = ?, rows_skipped = ?, customers_created = ?, customers_updated = ? WHERE id = ?',
  ).run(imported, skipped, created, updated, id);
}

export function rememberedMapping(db: Db, key: string): Mapping | undefined {
  const r = stmt<[string], { mapping: string }>(db, 'SELECT mapping FROM import_mappings WHERE source_key = ?').get(key);
  return r ? (JSON.parse(r.mapping) as Mapping) : undefined;
}

export function rememberMapping(db: Db, key: string, kind: ImportKind, mapping: Mapping, now: number): void {
  stmt(
    db,
    `INSERT INTO import_mappings (source_key, kind, mapping, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(source_key) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at`,
  ).run(key, kind, JSON.stringify(mapping), now);
}

/**
 * Lookup maps for matching import rows to live customers, and when each was created: the flip
 * tells a customer the file was matched to from a later one given the same id (an id is used
 * again when the highest one is erased) by that time (import-staging.ts changedCustomers).
 */
export function customerKeys(db: Db) {
  const rows = stmt<
    [],
    { id: number; phone: string | null; member_code_key: string | null; external_id: string | null; created_at: number }
  >(db, 'SELECT id, phone, member_code_key, external_id, created_at FROM customers WHERE merged_into_id IS NULL').all();
  const byPhone = new Map<string, number>();
  const byCode = new Map<string, number>();
  const byExternal = new Map<string, number>();
  const createdAt = new Map<number, number>();
  for (const r of rows) {
    if (r.phone) byPhone.set(r.phone, r.id);
    if (r.member_code_key) byCode.set(r.member_code_key, r.id);
    if (r.external_id) byExternal.set(r.external_id, r.id);
    createdAt.set(r.id, r.created_at);
  }
  return { byPhone, byCode, byExternal, createdAt };
}

/**
 * For a bulk load into an empty shop (the demo shop): drops the sales table's indexes and returns a
 * function that rebuilds them exactly as they were (their SQL is read from the schema). Both happen
 * inside the load's one transaction, so a crash rolls the indexes back too. Building an index once
 * by sorting is several times faster than updating it for every row of millions.
 */
export function suspendSalesIndexes(db: Db): () => void {
  const indexes = db
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('sales', 'sale_lines') AND sql IS NOT NULL",
    )
    .all() as { name: string; sql: string }[];
  for (const i of indexes) db.exec(`DROP INDEX "${i.name.replace(/"/g, '""')}"`);
  return () => {
    for (const i of indexes) db.exec(inMain(i.sql));
  };
}

// --- a staged import's row (services/import/write.ts) -------------------------------------------

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
export function importExists(db: Db, id: number): boolean {
  return stmt<[number], { n: number }>(db, 'SELECT COUNT(*) AS n FROM imports WHERE id = ?').get(id)!.n === 1;
}

export function deleteImport(db: Db, id: number): void {
  stmt(db, "DELETE FROM imports WHERE id = ? AND state = 'pending'").run(id);
}

import type { Db } from '../open';
import { stmt } from '../stmt';

/**
 * Every table's change counter (migration 13: triggers bump them on each insert, update and
 * delete). One tiny read, done before a cached result is reused.
 */
export function tableVersions(db: Db): Map<string, number> {
  return new Map(
    stmt<[], { name: string; version: number }>(db, 'SELECT name, version FROM table_versions')
      .all()
      .map((r) => [r.name, r.version]),
  );
}

/** A new version of each of `tables`, for a write their triggers do not count (an import's flip shows the rows it placed). */
export function bumpVersions(db: Db, tables: readonly string[]): void {
  stmt(db, 'UPDATE table_versions SET version = version + 1 WHERE name IN (SELECT value FROM json_each(?))').run(
    JSON.stringify(tables),
  );
}

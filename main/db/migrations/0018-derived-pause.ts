import type { Database } from 'better-sqlite3';

export const version = 18;

/**
 * An import's flip adds its derived data in a few set-based statements instead of row by row
 * (issue 13: the flip holds the write lock, and the counter waits for it).
 *
 * `derived_pause` is one row. While `paused` is 1 — only ever inside one bulk write's own
 * transaction (an import's flip, the demo shop), set and cleared there, so no other write and no
 * crash ever sees it set — the triggers below skip
 * their work, and the flip does the same sums for all of its rows at once
 * (db/queries/import-staging.ts `addStagedSalesDerived`). Every other write keeps the triggers: a
 * sale at the counter pays one lookup of this row per trigger.
 */
export const PAUSABLE = [
  'sales_days_insert',
  'sales_customer_totals_insert',
  'sales_version_insert',
  'visit_days_totals_insert',
  'visit_days_totals_update',
  'visit_days_customer_visits_insert',
] as const;

const NOT_PAUSED = 'NOT (SELECT paused FROM derived_pause WHERE id = 1)';

/** A trigger's SQL with "skip while paused" added to its WHEN (or a WHEN of its own). */
export function pausable(sql: string): string {
  const begin = /\bBEGIN\b/i.exec(sql);
  if (!begin) throw new Error('a trigger without BEGIN');
  const head = sql.slice(0, begin.index);
  const body = sql.slice(begin.index);
  const when = /\bWHEN\b([\s\S]*)$/i.exec(head);
  if (when) return `${head.slice(0, when.index)}WHEN (${when[1]!.trim()}) AND ${NOT_PAUSED}\n    ${body}`;
  return `${head.trimEnd()}\n    WHEN ${NOT_PAUSED}\n    ${body}`;
}

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE derived_pause (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1))
    ) STRICT;
    INSERT INTO derived_pause (id, paused) VALUES (1, 0);
  `);
  const sqlOf = db.prepare<[string], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?");
  for (const name of PAUSABLE) {
    const row = sqlOf.get(name);
    if (!row) throw new Error(`migration 18: trigger ${name} is missing`);
    db.exec(`DROP TRIGGER "${name}"`);
    db.exec(pausable(row.sql));
  }
}

import type { Database } from 'better-sqlite3';
import { PAUSABLE as PAUSABLE_18 } from './0018-derived-pause';
import { PAUSABLE as PAUSABLE_19 } from './0019-shop-day-visits';

export const version = 20;

/**
 * The derived-data triggers lose migration 18's pause, and `derived_pause` goes. A bulk write (an
 * import's flip, the demo shop) now drops these triggers inside its own transaction and creates
 * them again before it commits (db/queries/derived.ts `suspendDerivedTriggers`), so nothing has
 * set the pause since; its WHEN clause still made every sale at the counter look that row up once
 * per trigger. Each trigger gets back the text it had before migration 18 (`unpaused` undoes
 * migration 18's `pausable` exactly).
 */
/** The per-row triggers that keep the derived data on an insert or update of `sales` and `visit_days`. */
export const DERIVED_TRIGGERS: readonly string[] = [...PAUSABLE_18, ...PAUSABLE_19];

const NOT_PAUSED = 'NOT (SELECT paused FROM derived_pause WHERE id = 1)';

/** A trigger's SQL without the pause `pausable` added: its own WHEN as it was, or no WHEN. */
export function unpaused(sql: string): string {
  const alone = `\n    WHEN ${NOT_PAUSED}\n    `;
  let out: string;
  if (sql.includes(alone)) out = sql.replace(alone, '\n    ');
  else {
    const m = /\bWHEN \(([\s\S]*)\) AND NOT \(SELECT paused FROM derived_pause WHERE id = 1\)\n {4}/.exec(sql);
    if (!m) throw new Error('migration 20: a trigger without the pause');
    out = `${sql.slice(0, m.index)}WHEN ${m[1]}\n    ${sql.slice(m.index + m[0].length)}`;
  }
  if (out.includes('derived_pause')) throw new Error('migration 20: the pause is still there');
  return out;
}

export function up(db: Database): void {
  const sqlOf = db.prepare<[string], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?");
  for (const name of DERIVED_TRIGGERS) {
    const row = sqlOf.get(name);
    if (!row) throw new Error(`migration 20: trigger ${name} is missing`);
    db.exec(`DROP TRIGGER "${name}"`);
    db.exec(unpaused(row.sql));
  }
  db.exec('DROP TABLE derived_pause');
}

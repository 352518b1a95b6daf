import type { Database } from 'better-sqlite3';

export const version = 14;

/**
 * Imports written in short chunks (issue 13): an import's row in `imports` exists from its first
 * chunk on, as `pending`, and becomes `done` in the one transaction that makes the file's rows part
 * of the shop (the flip). Until then the rows wait in the import's own staging tables
 * (`import_stage_<id>_*`, made and dropped by main/db/queries/import-staging.ts), which no query of
 * the app reads. `owner` names the process writing it (pid, start, host), so a start-up knows a
 * dead import (its process gone) from one another process is still writing; a dead import is
 * marked `failed` and its staging tables dropped.
 *
 * Only SQL that SQLite 3.40 understands.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE imports ADD COLUMN state TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('pending', 'done', 'failed'));
    ALTER TABLE imports ADD COLUMN owner TEXT;
    CREATE INDEX imports_pending ON imports(id) WHERE state = 'pending';
  `);
}

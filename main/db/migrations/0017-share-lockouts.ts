import type { Database } from 'better-sqlite3';

export const version = 17;

/**
 * Sharing, kept across a restart (issue 18):
 * - `share_lockouts`: pairing and PIN lockouts (key: `pair:<address>`, `pin:staff:<id>`,
 *   `pin-device:device:<id>`), so quitting and reopening the app does not hand a guesser fresh tries;
 * - `main_till`: one row, whether the main till's own window asks for a PIN too (off: the window is
 *   the owner's). Who signed in there is kept only while the app runs: after a restart, a PIN again.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE share_lockouts (
      key TEXT PRIMARY KEY,
      failures INTEGER NOT NULL,
      locked_until INTEGER NOT NULL,
      locks INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE main_till (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      require_pin INTEGER NOT NULL DEFAULT 0 CHECK (require_pin IN (0, 1))
    ) STRICT;
    INSERT INTO main_till (id) VALUES (1);
  `);
}

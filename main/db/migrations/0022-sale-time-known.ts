import type { Database } from 'better-sqlite3';

export const version = 22;

/**
 * Whether a sale's time of day is known. A sale imported from a file with a date and no time is
 * placed at noon of its day (so that it falls on that day in the shop's time zone), and the
 * customer's page showed that invented 12:00 as if the till had rung it up then. Such sales are
 * now stored with `time_known = 0` and shown by their day alone. Every sale before this version
 * keeps 1: which imported sales had no time was not recorded.
 */
export function up(db: Database): void {
  db.exec('ALTER TABLE sales ADD COLUMN time_known INTEGER NOT NULL DEFAULT 1 CHECK (time_known IN (0, 1))');
}

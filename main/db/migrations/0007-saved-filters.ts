import type { Database } from 'better-sqlite3';

export const version = 7;

/** Customer filters the owner names on the Customers screen, usable again there and as export segments. */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE saved_filters (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      query TEXT NOT NULL DEFAULT '',
      tag TEXT,
      consent TEXT CHECK (consent IN ('sms', 'phone', 'wechat', 'email', 'none')),
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX saved_filters_name ON saved_filters(name COLLATE NOCASE);
  `);
}

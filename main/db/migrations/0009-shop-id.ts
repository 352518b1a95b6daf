import type { Database } from 'better-sqlite3';
import { randomBytes } from 'node:crypto';

export const version = 9;

/**
 * A random id for this shop, named in its backup files: two shops (or two PCs, each with its own
 * `regulars.db`) sharing one backup folder, say a USB stick, then never rotate away or offer to
 * restore each other's backups. A restored backup brings its own (the same shop's) id back.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE shop_identity (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      shop_id TEXT NOT NULL CHECK (length(shop_id) = 12),
      created_at INTEGER NOT NULL
    ) STRICT;
  `);
  db.prepare('INSERT INTO shop_identity (id, shop_id, created_at) VALUES (1, ?, ?)').run(
    randomBytes(6).toString('hex'),
    Date.now(),
  );
}

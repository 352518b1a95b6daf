import type { Database } from 'better-sqlite3';

export const version = 16;

/**
 * Sharing the shop on its own network (issue 18):
 * - `devices`: each paired device, its token stored only as a SHA-256, who is signed in on it, when
 *   it was last seen and whether (and why) it was revoked;
 * - staff get a role (cashier or owner) and a PIN hash (scrypt with its own salt) for signing in on
 *   another device;
 * - the activity log names the device and the staff member behind each entry (null: this computer);
 * - `sale_keys`: the idempotency key of each sale that came with one, so a retried save returns the
 *   first sale and never saves twice (key and sale id only: nothing about the customer).
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE devices (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
      paired_at INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL,
      staff_id INTEGER REFERENCES staff(id),
      signed_in_at INTEGER,
      revoked_at INTEGER,
      revoked_reason TEXT CHECK (revoked_reason IN ('owner', 'idle'))
    ) STRICT;
    ALTER TABLE staff ADD COLUMN role TEXT NOT NULL DEFAULT 'cashier' CHECK (role IN ('cashier', 'owner'));
    ALTER TABLE staff ADD COLUMN pin_hash TEXT;
    ALTER TABLE audit_log ADD COLUMN device TEXT;
    ALTER TABLE audit_log ADD COLUMN staff TEXT;
    CREATE TABLE sale_keys (
      key TEXT PRIMARY KEY,
      sale_id INTEGER NOT NULL REFERENCES sales(id),
      at INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX sale_keys_at ON sale_keys(at);
  `);
}

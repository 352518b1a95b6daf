import type { Database } from 'better-sqlite3';

export const version = 2;

/** Imports (for duplicate-file detection and provenance), remembered column mappings, campaigns, email. */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE imports (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('customers', 'sales')),
      file_name TEXT NOT NULL,
      file_sha256 TEXT NOT NULL,
      encoding TEXT NOT NULL,
      rows_total INTEGER NOT NULL,
      rows_imported INTEGER NOT NULL,
      rows_skipped INTEGER NOT NULL,
      customers_created INTEGER NOT NULL DEFAULT 0,
      customers_updated INTEGER NOT NULL DEFAULT 0,
      mapping TEXT NOT NULL,
      options TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX imports_sha ON imports(file_sha256, kind);

    ALTER TABLE sales ADD COLUMN import_id INTEGER REFERENCES imports(id);
    ALTER TABLE customers ADD COLUMN import_id INTEGER REFERENCES imports(id);
    -- for the email channel of contact exports
    ALTER TABLE customers ADD COLUMN email TEXT;

    CREATE TABLE import_mappings (
      source_key TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      mapping TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE campaigns (
      id INTEGER PRIMARY KEY,
      created_at INTEGER NOT NULL,
      business_date TEXT NOT NULL,
      segment TEXT NOT NULL,
      segment_params TEXT NOT NULL DEFAULT '{}',
      channel TEXT NOT NULL CHECK (channel IN ('sms', 'phone', 'wechat', 'email')),
      format TEXT NOT NULL,
      file_name TEXT NOT NULL,
      matched INTEGER NOT NULL,
      exported INTEGER NOT NULL,
      left_out_no_consent INTEGER NOT NULL,
      left_out_no_contact INTEGER NOT NULL,
      without_consent_reason TEXT
    ) STRICT;

    CREATE TABLE campaign_members (
      campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
      customer_id INTEGER NOT NULL REFERENCES customers(id),
      PRIMARY KEY (campaign_id, customer_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX campaign_members_customer ON campaign_members(customer_id);
  `);
}

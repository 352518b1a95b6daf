import type { Database } from 'better-sqlite3';

export const version = 2;

/** Frozen copy of the compound-surname list as of this migration (migrations never import evolving code). */
const COMPOUND =
  '欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 司徒 夏侯 轩辕 端木 独孤 南宫 西门 百里 呼延 澹台 公冶 太史 申屠 闻人 赫连 钟离'.split(
    ' ',
  );

/** Imports (for duplicate-file detection and provenance), remembered column mappings, campaigns, email, given-name search. */
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
    -- the name without its surname, so the counter finds 李小红 by "小红" through an index
    ALTER TABLE customers ADD COLUMN name_given TEXT NOT NULL DEFAULT '';
    -- Name search indexes carry visits too, so "the regulars whose pinyin starts with z" are
    -- ranked from the index alone, without reading thousands of table rows.
    DROP INDEX customers_name_key;
    DROP INDEX customers_name_pinyin;
    DROP INDEX customers_name_initials;
    CREATE INDEX customers_name_key ON customers(name_key, visits) WHERE merged_into_id IS NULL;
    CREATE INDEX customers_name_pinyin ON customers(name_pinyin, visits) WHERE merged_into_id IS NULL;
    CREATE INDEX customers_name_initials ON customers(name_initials, visits) WHERE merged_into_id IS NULL;
    CREATE INDEX customers_name_given ON customers(name_given, visits) WHERE merged_into_id IS NULL;
    -- Backfill (same rule as nameKeys(): Chinese names drop a one- or two-character surname,
    -- other names their first word).
    UPDATE customers SET name_given = CASE
      WHEN name_key GLOB '*[一-龥]*' THEN
        CASE WHEN substr(name_key, 1, 2) IN (${COMPOUND.map((c) => `'${c}'`).join(', ')}) THEN substr(name_key, 3) ELSE substr(name_key, 2) END
      WHEN instr(name_key, ' ') > 0 THEN substr(name_key, instr(name_key, ' ') + 1)
      ELSE '' END;

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

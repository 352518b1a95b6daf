import type { Database } from 'better-sqlite3';

export const version = 1;

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE staff (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
      left_at INTEGER,
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE payment_methods (
      id INTEGER PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
      sort INTEGER NOT NULL DEFAULT 0
    ) STRICT;

    CREATE TABLE customers (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      phone TEXT,
      phone_rev TEXT,
      member_code TEXT,
      member_code_key TEXT,
      name_key TEXT NOT NULL DEFAULT '',
      name_pinyin TEXT NOT NULL DEFAULT '',
      name_initials TEXT NOT NULL DEFAULT '',
      birthday TEXT,
      notes TEXT NOT NULL DEFAULT '',
      staff_id INTEGER REFERENCES staff(id),
      external_id TEXT,
      merged_into_id INTEGER REFERENCES customers(id),
      visits INTEGER NOT NULL DEFAULT 0,
      sales_count INTEGER NOT NULL DEFAULT 0,
      total_minor INTEGER NOT NULL DEFAULT 0,
      first_visit_at INTEGER,
      last_visit_at INTEGER,
      first_visit_date TEXT,
      last_visit_date TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX customers_phone_live ON customers(phone) WHERE phone IS NOT NULL AND merged_into_id IS NULL;
    CREATE UNIQUE INDEX customers_member_code_live ON customers(member_code_key)
      WHERE member_code_key IS NOT NULL AND merged_into_id IS NULL;
    CREATE INDEX customers_phone_rev ON customers(phone_rev) WHERE merged_into_id IS NULL;
    CREATE INDEX customers_name_key ON customers(name_key) WHERE merged_into_id IS NULL;
    CREATE INDEX customers_name_pinyin ON customers(name_pinyin) WHERE merged_into_id IS NULL;
    CREATE INDEX customers_name_initials ON customers(name_initials) WHERE merged_into_id IS NULL;
    CREATE INDEX customers_last_visit ON customers(last_visit_at) WHERE merged_into_id IS NULL;
    CREATE INDEX customers_total ON customers(total_minor) WHERE merged_into_id IS NULL;
    CREATE INDEX customers_staff ON customers(staff_id);
    CREATE INDEX customers_external ON customers(external_id);

    CREATE TABLE tags (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE
    ) STRICT;

    CREATE TABLE customer_tags (
      customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
      tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
      PRIMARY KEY (customer_id, tag_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX customer_tags_tag ON customer_tags(tag_id, customer_id);

    CREATE TABLE consents (
      customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
      channel TEXT NOT NULL CHECK (channel IN ('sms', 'phone', 'wechat', 'email')),
      is_granted INTEGER NOT NULL CHECK (is_granted IN (0, 1)),
      changed_at INTEGER NOT NULL,
      source TEXT NOT NULL,
      PRIMARY KEY (customer_id, channel)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX consents_channel ON consents(channel, is_granted);

    CREATE TABLE consent_events (
      id INTEGER PRIMARY KEY,
      customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
      channel TEXT NOT NULL CHECK (channel IN ('sms', 'phone', 'wechat', 'email')),
      is_granted INTEGER NOT NULL CHECK (is_granted IN (0, 1)),
      changed_at INTEGER NOT NULL,
      source TEXT NOT NULL,
      note TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX consent_events_customer ON consent_events(customer_id, changed_at);

    CREATE TABLE sales (
      id INTEGER PRIMARY KEY,
      customer_id INTEGER REFERENCES customers(id),
      occurred_at INTEGER NOT NULL,
      business_date TEXT NOT NULL,
      amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
      items INTEGER NOT NULL DEFAULT 1 CHECK (items >= 1),
      discount_minor INTEGER NOT NULL DEFAULT 0 CHECK (discount_minor >= 0),
      is_promotion INTEGER NOT NULL DEFAULT 0 CHECK (is_promotion IN (0, 1)),
      payment_method_id INTEGER REFERENCES payment_methods(id),
      staff_id INTEGER REFERENCES staff(id),
      note TEXT NOT NULL DEFAULT '',
      created_at INTEGER NOT NULL,
      voided_at INTEGER,
      void_reason TEXT,
      voided_by_staff_id INTEGER REFERENCES staff(id)
    ) STRICT;
    CREATE INDEX sales_customer ON sales(customer_id, occurred_at);
    CREATE INDEX sales_occurred ON sales(occurred_at);
    CREATE INDEX sales_business_date ON sales(business_date);

    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      action TEXT NOT NULL,
      entity TEXT NOT NULL,
      entity_id INTEGER,
      detail TEXT NOT NULL DEFAULT '{}'
    ) STRICT;
    CREATE INDEX audit_log_at ON audit_log(at);

    INSERT INTO payment_methods (code, name, sort) VALUES
      ('wechat_pay', '微信支付', 1), ('alipay', '支付宝', 2), ('cash', '现金', 3), ('card', '银行卡', 4);
  `);
}

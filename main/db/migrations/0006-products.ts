import type { Database } from 'better-sqlite3';

export const version = 6;

/**
 * The catalogue: products with their search keys (name, full pinyin, pinyin initials), category,
 * current unit price, optional barcode and SKU, active or retired; and every price change kept as
 * history (old and new price, the day it took effect, who changed it).
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE products (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      name_key TEXT NOT NULL,
      name_pinyin TEXT NOT NULL,
      name_initials TEXT NOT NULL,
      category TEXT NOT NULL DEFAULT '',
      price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
      barcode TEXT,
      sku TEXT,
      is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX products_barcode ON products(barcode) WHERE barcode IS NOT NULL;
    CREATE UNIQUE INDEX products_sku ON products(sku COLLATE NOCASE) WHERE sku IS NOT NULL;
    CREATE INDEX products_name_key ON products(name_key);
    CREATE INDEX products_name_pinyin ON products(name_pinyin);
    CREATE INDEX products_name_initials ON products(name_initials);

    CREATE TABLE product_prices (
      id INTEGER PRIMARY KEY,
      product_id INTEGER NOT NULL REFERENCES products(id),
      old_price_minor INTEGER,
      new_price_minor INTEGER NOT NULL CHECK (new_price_minor >= 0),
      changed_on TEXT NOT NULL,
      changed_at INTEGER NOT NULL,
      staff_id INTEGER REFERENCES staff(id),
      note TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX product_prices_product ON product_prices(product_id, changed_on);
    CREATE INDEX product_prices_date ON product_prices(changed_on);
  `);
}

import type { Database } from 'better-sqlite3';

export const version = 8;

/**
 * Sale lines (product, quantity, unit price at the time, line discount) for sales rung up from the
 * catalogue; product imports (the imports table is rebuilt so its kind may be 'products', the way
 * SQLite's documentation describes: new table, copy, drop, rename — the runner switches foreign
 * keys off around it and checks them before committing); and shop-wide price changes the owner
 * notes may name a category.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE imports_new (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('customers', 'sales', 'products')),
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
    INSERT INTO imports_new SELECT id, kind, file_name, file_sha256, encoding, rows_total, rows_imported, rows_skipped,
      customers_created, customers_updated, mapping, options, created_at FROM imports;
    DROP TABLE imports;
    ALTER TABLE imports_new RENAME TO imports;
    CREATE INDEX imports_sha ON imports(file_sha256, kind);

    ALTER TABLE products ADD COLUMN import_id INTEGER REFERENCES imports(id);
    ALTER TABLE price_changes ADD COLUMN category TEXT;

    -- quantity in thousandths (1.5 kg = 1500) so goods sold by weight stay exact;
    -- line_total_minor = round(quantity × unit price) − line discount, what the line cost the customer.
    -- The sale's day, customer and void state are copied onto its lines (kept by the triggers below),
    -- so "who bought this product in these weeks" reads one index without visiting the sales.
    CREATE TABLE sale_lines (
      id INTEGER PRIMARY KEY,
      sale_id INTEGER NOT NULL REFERENCES sales(id) ON DELETE CASCADE,
      product_id INTEGER NOT NULL REFERENCES products(id),
      business_date TEXT NOT NULL,
      customer_id INTEGER REFERENCES customers(id),
      is_voided INTEGER NOT NULL DEFAULT 0 CHECK (is_voided IN (0, 1)),
      quantity_milli INTEGER NOT NULL CHECK (quantity_milli > 0),
      unit_price_minor INTEGER NOT NULL CHECK (unit_price_minor >= 0),
      line_discount_minor INTEGER NOT NULL DEFAULT 0 CHECK (line_discount_minor >= 0),
      line_total_minor INTEGER NOT NULL CHECK (line_total_minor >= 0)
    ) STRICT;
    CREATE INDEX sale_lines_sale ON sale_lines(sale_id);
    CREATE INDEX sale_lines_product ON sale_lines(product_id, business_date, customer_id, quantity_milli, line_total_minor)
      WHERE is_voided = 0;

    CREATE TRIGGER sale_lines_customer AFTER UPDATE OF customer_id ON sales
    BEGIN
      UPDATE sale_lines SET customer_id = NEW.customer_id WHERE sale_id = NEW.id;
    END;
    CREATE TRIGGER sale_lines_void AFTER UPDATE OF voided_at ON sales
    BEGIN
      UPDATE sale_lines SET is_voided = (NEW.voided_at IS NOT NULL) WHERE sale_id = NEW.id;
    END;
  `);
}

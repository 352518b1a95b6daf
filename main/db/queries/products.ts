import type { Db } from '../open';
import { stmt } from '../stmt';
import type { PriceHistoryEntry, Product } from '../../../shared/schemas/products';

interface ProductRow {
  id: number;
  name: string;
  category: string;
  price_minor: number;
  barcode: string | null;
  sku: string | null;
  is_active: number;
  created_at: number;
}
const toProduct = (r: ProductRow): Product => ({
  id: r.id,
  name: r.name,
  category: r.category,
  priceMinor: r.price_minor,
  barcode: r.barcode,
  sku: r.sku,
  isActive: r.is_active === 1,
  createdAt: r.created_at,
});
const COLS = 'id, name, category, price_minor, barcode, sku, is_active, created_at';

export function getProduct(db: Db, id: number): Product | undefined {
  const r = stmt<[number], ProductRow>(db, `SELECT ${COLS} FROM products WHERE id = ?`).get(id);
  return r && toProduct(r);
}

export function insertProduct(
  db: Db,
  p: {
    name: string;
    keys: { nameKey: string; pinyin: string; initials: string };
    category: string;
    priceMinor: number;
    barcode: string | null;
    sku: string | null;
    now: number;
  },
): number {
  return Number(
    stmt(
      db,
      `INSERT INTO products (name, name_key, name_pinyin, name_initials, category, price_minor, barcode, sku, created_at, updated_at)
       VALUES (@name, @nameKey, @pinyin, @initials, @category, @priceMinor, @barcode, @sku, @now, @now)`,
    ).run({ name: p.name, ...p.keys, category: p.category, priceMinor: p.priceMinor, barcode: p.barcode, sku: p.sku, now: p.now })
      .lastInsertRowid,
  );
}

export function updateProduct(
  db: Db,
  p: {
    id: number;
    name: string;
    keys: { nameKey: string; pinyin: string; initials: string };
    category: string;
    barcode: string | null;
    sku: string | null;
    isActive: boolean;
    now: number;
  },
): void {
  stmt(
    db,
    `UPDATE products SET name = @name, name_key = @nameKey, name_pinyin = @pinyin, name_initials = @initials, category = @category,
       barcode = @barcode, sku = @sku, is_active = @isActive, updated_at = @now WHERE id = @id`,
  ).run({
    id: p.id,
    name: p.name,
    ...p.keys,
    category: p.category,
    barcode: p.barcode,
    sku: p.sku,
    isActive: p.isActive ? 1 : 0,
    now: p.now,
  });
}

export function setPrice(db: Db, id: number, priceMinor: number, now: number): void {
  stmt(db, 'UPDATE products SET price_minor = ?, updated_at = ? WHERE id = ?').run(priceMinor, now, id);
}

/** Another product holding this barcode or SKU (SKU without regard to case). */
export function findByCode(db: Db, field: 'barcode' | 'sku', code: string, exceptId: number | null): number | undefined {
  const sql =
    field === 'barcode'
      ? 'SELECT id FROM products WHERE barcode = ? AND id IS NOT ?'
      : 'SELECT id FROM products WHERE sku = ? COLLATE NOCASE AND id IS NOT ?';
  return stmt<[string, number | null], { id: number }>(db, sql).get(code, exceptId)?.id;
}

/** By barcode or SKU exactly, or by name / full pinyin / pinyin initials prefix; active first, then by name. */
export function searchProducts(db: Db, q: { text: string; includeRetired: boolean; limit: number }): Product[] {
  const text = q.text.normalize('NFKC').toLowerCase().trim();
  const params = { text, end: text + '\uffff', all: q.includeRetired ? 1 : 0, limit: q.limit };
  return stmt<[typeof params], ProductRow>(
    db,
    `SELECT ${COLS} FROM products
     WHERE (@all = 1 OR is_active = 1)
       AND (@text = '' OR barcode = @text OR sku = @text COLLATE NOCASE
            OR (name_key >= @text AND name_key < @end) OR (name_pinyin >= @text AND name_pinyin < @end)
            OR (name_initials >= @text AND name_initials < @end) OR instr(name_key, @text) > 0)
     ORDER BY is_active DESC, (barcode = @text OR sku = @text COLLATE NOCASE) DESC, name_pinyin, id
     LIMIT @limit`,
  )
    .all(params)
    .map(toProduct);
}

export function insertPriceChange(
  db: Db,
  e: {
    productId: number;
    oldPriceMinor: number | null;
    newPriceMinor: number;
    changedOn: string;
    changedAt: number;
    staffId: number | null;
    note: string;
  },
): void {
  stmt(
    db,
    `INSERT INTO product_prices (product_id, old_price_minor, new_price_minor, changed_on, changed_at, staff_id, note)
     VALUES (@productId, @oldPriceMinor, @newPriceMinor, @changedOn, @changedAt, @staffId, @note)`,
  ).run(e);
}

export function priceHistory(db: Db, productId: number): PriceHistoryEntry[] {
  return stmt<[number], PriceHistoryEntry>(
    db,
    `SELECT p.id, p.product_id AS productId, p.old_price_minor AS oldPriceMinor, p.new_price_minor AS newPriceMinor,
       p.changed_on AS changedOn, p.changed_at AS changedAt, p.staff_id AS staffId, s.name AS staffName, p.note
     FROM product_prices p LEFT JOIN staff s ON s.id = p.staff_id
     WHERE p.product_id = ? ORDER BY p.changed_on DESC, p.id DESC`,
  ).all(productId);
}

/** The product's price on a day: the latest change from that day or before (before its history began, its first price). */
export function priceOn(db: Db, productId: number, day: string): number | undefined {
  return stmt<[{ productId: number; day: string }], { p: number }>(
    db,
    `SELECT new_price_minor AS p FROM product_prices WHERE product_id = @productId
     ORDER BY changed_on <= @day DESC, CASE WHEN changed_on <= @day THEN changed_on END DESC, changed_on, id DESC LIMIT 1`,
  ).get({ productId, day })?.p;
}

/** A product with exactly this name key (the newest, if several). */
export function findByName(db: Db, nameKey: string): number | undefined {
  return stmt<[string], { id: number }>(db, 'SELECT id FROM products WHERE name_key = ? ORDER BY id DESC LIMIT 1').get(nameKey)
    ?.id;
}

export function setProductImport(db: Db, id: number, importId: number): void {
  stmt(db, 'UPDATE products SET import_id = ? WHERE id = ?').run(importId, id);
}

/**
 * The demo shop's catalogue writers (main/services/demo): prepared once and run per item, positional
 * like the rest of a bulk write — products (name, name_key, name_pinyin, name_initials, category,
 * price_minor, barcode, sku, created_at, updated_at) and their price history (product_id,
 * old_price_minor, new_price_minor, changed_on, changed_at, note).
 */
export function catalogueWriters(db: Db) {
  return {
    insert: db.prepare(
      `INSERT INTO products (name, name_key, name_pinyin, name_initials, category, price_minor, barcode, sku, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    history: db.prepare(
      `INSERT INTO product_prices (product_id, old_price_minor, new_price_minor, changed_on, changed_at, staff_id, note)
       VALUES (?, ?, ?, ?, ?, NULL, ?)`,
    ),
  };
}

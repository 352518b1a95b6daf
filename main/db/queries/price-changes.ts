import type { PriceChange } from '../../../shared/schemas/prices';
import type { Db } from '../open';
import { stmt } from '../stmt';

/** The owner's noted price changes (for the shop or a category), read straight into the API's shape. */
const COLUMNS = 'id, changed_on AS changedOn, note, category, created_at AS createdAt';

export function allPriceChanges(db: Db): PriceChange[] {
  return stmt<[], PriceChange>(db, `SELECT ${COLUMNS} FROM price_changes ORDER BY changed_on DESC, id DESC`).all();
}

export function getPriceChange(db: Db, id: number): PriceChange | undefined {
  return stmt<[number], PriceChange>(db, `SELECT ${COLUMNS} FROM price_changes WHERE id = ?`).get(id);
}

/** A noted change; an empty category is stored as NULL (the whole shop). */
export function insertPriceChange(db: Db, w: { changedOn: string; note: string; category: string }, now: number): number {
  return Number(
    stmt(db, 'INSERT INTO price_changes (changed_on, note, category, created_at) VALUES (?, ?, ?, ?)').run(
      w.changedOn,
      w.note,
      w.category || null,
      now,
    ).lastInsertRowid,
  );
}

export function deletePriceChangeRow(db: Db, id: number): void {
  stmt(db, 'DELETE FROM price_changes WHERE id = ?').run(id);
}

/** A change to analyse: a product's price (from its history) or one the owner noted for the shop or a category. */
export interface ChangeRow {
  kind: 'product' | 'category' | 'shop';
  source_id: number;
  date: string;
  product_id: number | null;
  product: string | null;
  category: string | null;
  old_price_minor: number | null;
  new_price_minor: number | null;
  note: string;
}

/** Every real change up to a day: product price changes (not a product's first price) and noted ones. */
export function changesUpTo(db: Db, day: string): ChangeRow[] {
  return stmt<[{ day: string }], ChangeRow>(
    db,
    `SELECT 'product' AS kind, pp.id AS source_id, pp.changed_on AS date, p.id AS product_id, p.name AS product,
       p.category AS category, pp.old_price_minor, pp.new_price_minor, pp.note
     FROM product_prices pp JOIN products p ON p.id = pp.product_id
     WHERE pp.old_price_minor IS NOT NULL AND pp.old_price_minor <> pp.new_price_minor AND pp.changed_on <= @day
     UNION ALL
     SELECT CASE WHEN category IS NULL OR category = '' THEN 'shop' ELSE 'category' END, id, changed_on, NULL, NULL,
       NULLIF(category, ''), NULL, NULL, note
     FROM price_changes WHERE changed_on <= @day
     ORDER BY date DESC, kind, source_id DESC`,
  ).all({ day });
}

/** Per customer (null: walk-ins) and side of the change: units in thousandths, revenue, days bought. */
export interface SideRow {
  customer_id: number | null;
  after: number;
  units: number;
  revenue: number;
  days: number;
  first_date: string;
}

/** Lines of one product, or of a category's products, in [from, to), split at `at`. */
export function lineSides(
  db: Db,
  w: { productId: number | null; category: string | null; from: string; at: string; to: string },
): SideRow[] {
  const which =
    w.productId !== null ? 'l.product_id = @productId' : 'l.product_id IN (SELECT id FROM products WHERE category = @category)';
  return stmt<[typeof w], SideRow>(
    db,
    `SELECT l.customer_id, l.business_date >= @at AS after, SUM(l.quantity_milli) AS units,
       SUM(l.line_total_minor) AS revenue, COUNT(DISTINCT l.business_date) AS days,
       MIN(l.business_date) AS first_date
     FROM sale_lines l
     WHERE ${which} AND l.business_date >= @from AND l.business_date < @to AND l.is_voided = 0
     GROUP BY l.customer_id, after`,
  ).all(w);
}

/** Whole-shop sales in [from, to), split at `at`: items count as units (in thousandths, like lines). */
export function shopSides(db: Db, w: { from: string; at: string; to: string }): SideRow[] {
  return stmt<[typeof w], SideRow>(
    db,
    `SELECT customer_id, business_date >= @at AS after, SUM(items) * 1000 AS units, SUM(amount_minor) AS revenue,
       COUNT(DISTINCT business_date) AS days, MIN(business_date) AS first_date
     FROM sales WHERE business_date >= @from AND business_date < @to AND voided_at IS NULL
     GROUP BY customer_id, after`,
  ).all(w);
}

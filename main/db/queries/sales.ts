import type { Db } from '../open';
import { bool, stmt } from '../stmt';
import type { Sale, SaleLine } from '../../../shared/schemas/sale';
import { QTY_SCALE } from '../../../shared/domain/lines';

export interface SaleWrite {
  customerId: number | null;
  occurredAt: number;
  businessDate: string;
  amountMinor: number;
  items: number;
  discountMinor: number;
  isPromotion: boolean;
  paymentMethodId: number | null;
  staffId: number | null;
  note: string;
}

interface SaleRow {
  id: number;
  customer_id: number | null;
  customer_name: string | null;
  occurred_at: number;
  business_date: string;
  amount_minor: number;
  items: number;
  discount_minor: number;
  is_promotion: number;
  payment_method_id: number | null;
  payment_method_name: string | null;
  staff_id: number | null;
  staff_name: string | null;
  note: string;
  voided_at: number | null;
  void_reason: string | null;
  voided_by_staff_id: number | null;
  time_known: number;
}

const toSale = (r: SaleRow): Sale => ({
  id: r.id,
  customerId: r.customer_id,
  customerName: r.customer_name,
  occurredAt: r.occurred_at,
  timeKnown: bool(r.time_known),
  businessDate: r.business_date,
  amountMinor: r.amount_minor,
  items: r.items,
  discountMinor: r.discount_minor,
  isPromotion: bool(r.is_promotion),
  paymentMethodId: r.payment_method_id,
  paymentMethodName: r.payment_method_name,
  staffId: r.staff_id,
  staffName: r.staff_name,
  note: r.note,
  voidedAt: r.voided_at,
  voidReason: r.void_reason,
  voidedByStaffId: r.voided_by_staff_id,
});

const SELECT = `SELECT s.id, s.customer_id, c.name AS customer_name, s.occurred_at, s.business_date, s.amount_minor, s.items,
  s.discount_minor, s.is_promotion, s.payment_method_id, p.name AS payment_method_name, s.staff_id, st.name AS staff_name,
  s.note, s.voided_at, s.void_reason, s.voided_by_staff_id, s.time_known
  FROM sales s
  LEFT JOIN customers c ON c.id = s.customer_id
  LEFT JOIN payment_methods p ON p.id = s.payment_method_id
  LEFT JOIN staff st ON st.id = s.staff_id`;

export function insertSale(db: Db, w: SaleWrite, now: number): number {
  return Number(
    stmt(
      db,
      `INSERT INTO main.sales (customer_id, occurred_at, business_date, amount_minor, items, discount_minor, is_promotion,
         payment_method_id, staff_id, note, created_at)
       VALUES (@customerId, @occurredAt, @businessDate, @amountMinor, @items, @discountMinor, @isPromotion,
         @paymentMethodId, @staffId, @note, @now)`,
    ).run({ ...w, isPromotion: w.isPromotion ? 1 : 0, now }).lastInsertRowid,
  );
}

export function getSale(db: Db, id: number): Sale | undefined {
  const r = stmt<[number], SaleRow>(db, `${SELECT} WHERE s.id = ?`).get(id);
  return r && toSale(r);
}

export function voidSale(db: Db, id: number, at: number, reason: string, staffId: number | null): void {
  stmt(db, 'UPDATE main.sales SET voided_at = ?, void_reason = ?, voided_by_staff_id = ? WHERE id = ? AND voided_at IS NULL').run(
    at,
    reason,
    staffId,
    id,
  );
}

export function salesOfCustomer(db: Db, customerId: number, limit: number): Sale[] {
  return stmt<[number, number], SaleRow>(db, `${SELECT} WHERE s.customer_id = ? ORDER BY s.occurred_at DESC, s.id DESC LIMIT ?`)
    .all(customerId, limit)
    .map(toSale);
}

export function salesOfDay(db: Db, businessDate: string, limit: number): Sale[] {
  return stmt<[string, number], SaleRow>(db, `${SELECT} WHERE s.business_date = ? ORDER BY s.occurred_at DESC, s.id DESC LIMIT ?`)
    .all(businessDate, limit)
    .map(toSale);
}

export function reassignSales(db: Db, fromId: number, toId: number): void {
  stmt(db, 'UPDATE main.sales SET customer_id = ? WHERE customer_id = ?').run(toId, fromId);
}

export function countSales(db: Db): number {
  return stmt<[], { n: number }>(db, 'SELECT COUNT(*) AS n FROM sales').get()!.n;
}

/** The first non-voided sale of the customer at or after an instant. */
export function firstSaleSince(db: Db, customerId: number, at: number): { id: number } | undefined {
  return stmt<[number, number], { id: number }>(
    db,
    'SELECT id FROM sales WHERE customer_id = ? AND voided_at IS NULL AND occurred_at >= ? ORDER BY occurred_at, id LIMIT 1',
  ).get(customerId, at);
}

export interface LineWrite {
  productId: number;
  quantityMilli: number;
  unitPriceMinor: number;
  lineDiscountMinor: number;
  lineTotalMinor: number;
}

export function insertLines(
  db: Db,
  sale: { id: number; businessDate: string; customerId: number | null },
  lines: readonly LineWrite[],
): void {
  const ins = stmt(
    db,
    `INSERT INTO sale_lines (sale_id, product_id, business_date, customer_id, quantity_milli, unit_price_minor,
       line_discount_minor, line_total_minor)
     VALUES (@saleId, @productId, @businessDate, @customerId, @quantityMilli, @unitPriceMinor, @lineDiscountMinor, @lineTotalMinor)`,
  );
  for (const l of lines) ins.run({ saleId: sale.id, businessDate: sale.businessDate, customerId: sale.customerId, ...l });
}

/** The lines of some sales, by sale id (one query for a page of sales). */
export function linesOfSales(db: Db, saleIds: number[]): Map<number, SaleLine[]> {
  const out = new Map<number, SaleLine[]>();
  if (!saleIds.length) return out;
  const rows = stmt<[string], SaleLine & { quantityMilli: number; saleId: number }>(
    db,
    `SELECT l.sale_id AS saleId, l.id, l.product_id AS productId, p.name AS productName, l.quantity_milli AS quantityMilli,
       l.unit_price_minor AS unitPriceMinor, l.line_discount_minor AS lineDiscountMinor, l.line_total_minor AS lineTotalMinor
     FROM sale_lines l JOIN products p ON p.id = l.product_id
     WHERE l.sale_id IN (SELECT value FROM json_each(?)) ORDER BY l.sale_id, l.id`,
  ).all(JSON.stringify(saleIds));
  for (const { quantityMilli, saleId, ...l } of rows) {
    let list = out.get(saleId);
    if (!list) out.set(saleId, (list = []));
    list.push({ ...l, quantity: quantityMilli / QTY_SCALE });
  }
  return out;
}

export function linesOfSale(db: Db, saleId: number): SaleLine[] {
  return linesOfSales(db, [saleId]).get(saleId) ?? [];
}

/**
 * The demo shop's sale writers (main/services/demo/sales.ts): prepared once, run per sale and line,
 * positional — sales (customer_id, occurred_at, business_date, amount_minor, items, discount_minor,
 * is_promotion, payment_method_id, staff_id, note, created_at, voided_at, void_reason,
 * voided_by_staff_id) and sale_lines (sale_id, product_id, business_date, customer_id, is_voided,
 * quantity_milli, unit_price_minor, line_total_minor).
 */
export function saleWriters(db: Db) {
  return {
    sale: db.prepare(
      `INSERT INTO main.sales (customer_id, occurred_at, business_date, amount_minor, items, discount_minor, is_promotion,
         payment_method_id, staff_id, note, created_at, voided_at, void_reason, voided_by_staff_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    line: db.prepare(
      `INSERT INTO sale_lines (sale_id, product_id, business_date, customer_id, is_voided, quantity_milli, unit_price_minor,
         line_discount_minor, line_total_minor)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)`,
    ),
  };
}

import type { Db } from '../open';
import { stmt } from '../stmt';

/** Per customer and month from `fromMonth` (month index) up to a day: what they spent. Ordered by customer. */
export function customerMonthAmounts(db: Db, q: { asOf: number; fromMonth: number }): number[][] {
  return stmt<[typeof q], number[]>(
    db,
    `SELECT customer_id, month, SUM(amount_minor) FROM visit_days
     WHERE day <= @asOf AND month >= @fromMonth GROUP BY customer_id, month`,
  )
    .raw(true)
    .all(q);
}

/** The staff member who looks after each live customer. */
export function customerStaff(db: Db): Map<number, number | null> {
  const rows = stmt<[], number[]>(db, 'SELECT id, staff_id FROM customers WHERE merged_into_id IS NULL').raw(true).all();
  return new Map(rows.map((r) => [r[0]!, r[1] ?? null]));
}

/** Each customer's main category: the one they spent most on in sale lines from `from` to `to` (dates). */
export function mainCategories(db: Db, q: { from: string; to: string }): Map<number, string> {
  const rows = stmt<[typeof q], [number, string, number]>(
    db,
    `SELECT l.customer_id, p.category, SUM(l.line_total_minor)
     FROM sale_lines l JOIN products p ON p.id = l.product_id
     WHERE l.business_date >= @from AND l.business_date <= @to AND l.customer_id IS NOT NULL AND l.is_voided = 0
     GROUP BY l.customer_id, p.category`,
  )
    .raw(true)
    .all(q) as [number, string, number][];
  const best = new Map<number, [string, number]>();
  for (const [c, cat, v] of rows) {
    const cur = best.get(c);
    if (!cur || v > cur[1] || (v === cur[1] && cat < cur[0])) best.set(c, [cat, v]);
  }
  return new Map([...best].map(([c, [cat]]) => [c, cat]));
}

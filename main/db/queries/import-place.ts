import type { Db } from '../open';
import { stmt } from '../stmt';
import type { GroupedSales } from './import-sums';
import { table } from './import-tables';

/**
 * Placing (services/import/place.ts): an import's staged rows written into the shop's own tables
 * under the pending import, a short transaction at a time, out of sight until its flip
 * (db/pending.ts).
 */

/** The highest customer id the shop's file holds, a pending import's customers too (placement: the file's new customers go just past it). */
export function customerBase(db: Db): number {
  return stmt<[], { m: number | null }>(db, 'SELECT MAX(id) AS m FROM main.customers').get()?.m ?? 0;
}

/**
 * New customers `lo` to `hi` (their staging `seq`) written into the shop under the pending
 * import (out of sight until it is done, db/pending.ts), as `base + seq`, with their totals when the
 * file's sales were summed (groupStagedSales): written once, not written and then updated.
 */
export function placeCustomers(
  db: Db,
  id: number,
  importId: number,
  base: number,
  now: number,
  grouped: GroupedSales | null,
  lo: number,
  hi: number,
): number {
  const c = table(id, 'customers');
  const t = grouped?.tables.totals ?? null;
  return stmt(
    db,
    `INSERT INTO main.customers (id, name, phone, phone_rev, member_code, member_code_key, name_key, name_pinyin, name_initials,
         name_given, birthday, notes, external_id, created_at, updated_at, import_id
         ${t ? ', visits, sales_count, total_minor, first_visit_at, last_visit_at, first_visit_date, last_visit_date' : ''})
       SELECT @base + seq, name, phone, phone_rev, member_code, member_code_key, name_key, name_pinyin, name_initials,
         name_given, birthday, notes, external_id, @now, @now, @importId
         ${t ? ', COALESCE(t.visits, 0), COALESCE(t.sales, 0), COALESCE(t.amount_minor, 0), t.first_at, t.last_at, t.first_date, t.last_date' : ''}
       FROM ${c} ${t ? `LEFT JOIN ${t} t ON t.customer_seq = seq` : ''} WHERE seq BETWEEN @lo AND @hi ORDER BY seq`,
  ).run({ base, now, importId, lo, hi }).changes;
}

/** A staged sale's place in the staging table's key (customer, day, seq). */
export type SaleKey = readonly [cust: number, day: number, seq: number];

/**
 * The key of the `n`th staged sale after `after` (null: from the first), or of the last one when
 * fewer are left; null when none is.
 */
export function saleKeyAfter(db: Db, id: number, after: SaleKey | null, n: number): SaleKey | null {
  const s = table(id, 'sales');
  const where = after ? 'WHERE (cust, day, seq) > (?, ?, ?)' : '';
  const args = after ? [...after] : [];
  const at = stmt<unknown[], [number, number, number]>(
    db,
    `SELECT cust, day, seq FROM ${s} ${where} ORDER BY cust, day, seq LIMIT 1 OFFSET ?`,
  )
    .raw(true)
    .get(...args, Math.max(0, n - 1));
  if (at) return at;
  return (
    stmt<unknown[], [number, number, number]>(
      db,
      `SELECT cust, day, seq FROM ${s} ${where} ORDER BY cust DESC, day DESC, seq DESC LIMIT 1`,
    )
      .raw(true)
      .get(...args) ?? null
  );
}

/**
 * The staged sales after `after` up to `to` (their keys) written into the shop under the pending
 * import (out of sight until it is done, db/pending.ts), in the staging table's order: customer
 * by customer, day by day. New customers' ids are `base + seq`; names the file brought are
 * resolved through the staging `names` rows (their ids set by placing's first transaction).
 */
export function placeSales(
  db: Db,
  id: number,
  importId: number,
  base: number,
  now: number,
  after: SaleKey | null,
  to: SaleKey,
): number {
  const s = table(id, 'sales');
  const n = table(id, 'names');
  const named = (col: string, kind: string) =>
    `CASE WHEN s.${col} < 0 THEN (SELECT id FROM ${n} WHERE kind = '${kind}' AND key = s.${col}) ELSE s.${col} END`;
  const from = after ? '(s.cust, s.day, s.seq) > (@c0, @d0, @s0) AND ' : '';
  return stmt(
    db,
    `INSERT INTO main.sales (customer_id, occurred_at, business_date, amount_minor, items, discount_minor, is_promotion,
         payment_method_id, staff_id, note, created_at, import_id, time_known)
       SELECT COALESCE(s.customer_id, @base + s.customer_seq), s.occurred_at, s.business_date, s.amount_minor, s.items,
         s.discount_minor, s.is_promotion, ${named('payment_method_id', 'payment')}, ${named('staff_id', 'staff')}, s.note, @now, @importId,
         s.time_known
       FROM ${s} s WHERE ${from}(s.cust, s.day, s.seq) <= (@c1, @d1, @s1) ORDER BY s.cust, s.day, s.seq`,
  ).run({
    base,
    now,
    importId,
    ...(after ? { c0: after[0], d0: after[1], s0: after[2] } : {}),
    c1: to[0],
    d1: to[1],
    s1: to[2],
  }).changes;
}

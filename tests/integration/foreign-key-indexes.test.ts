import { afterEach, expect, it } from 'vitest';
import { cleanupAll, makeCtx, olderShop } from '../helpers/db';
import { openApp, closeApp } from '../../main/app';
import type { Db } from '../../main/db/open';
import { LATEST_VERSION } from '../../main/db/migrations';

afterEach(cleanupAll);

/** The rows an unfinished import's removal, an erasure or a merge deletes. */
const PARENTS = ['customers', 'sales', 'staff', 'payment_methods'] as const;

/**
 * Columns that refer to a row of `parents` without an index of their own: deleting such a row (an
 * unfinished import's rows and names taken away, an erasure, a merge) makes SQLite read the whole
 * referring table once per deleted row to look for them (migration 25).
 */
function unindexedReferences(db: Db, parents: readonly string[]): string[] {
  const tables = db
    .prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  const out: string[] = [];
  for (const t of tables) {
    const fks = db.prepare(`SELECT "from" AS col, "table" AS parent FROM pragma_foreign_key_list(?)`).all(t) as {
      col: string;
      parent: string;
    }[];
    if (!fks.some((f) => parents.includes(f.parent))) continue;
    // the first column of each index, the primary key's included
    const first = new Set<string>();
    for (const i of db.prepare('SELECT name FROM pragma_index_list(?)').pluck().all(t) as string[])
      first.add(db.prepare('SELECT name FROM pragma_index_info(?) WHERE seqno = 0').pluck().get(i) as string);
    const pk = db.prepare('SELECT name FROM pragma_table_info(?) WHERE pk = 1').pluck().get(t) as string | undefined;
    if (pk) first.add(pk);
    for (const f of fks) if (parents.includes(f.parent) && !first.has(f.col)) out.push(`${t}.${f.col}`);
  }
  return out.sort();
}

it('every column that refers to a customer, a sale, a member of staff or a payment method has an index, so deleting one never reads a whole table per row', () => {
  const { ctx } = makeCtx();
  expect(unindexedReferences(ctx.db, PARENTS)).toEqual([]);
});

it("0025 indexes an older shop's unindexed references to customers, sales, staff and payment methods; the shop checks whole", () => {
  const { file, db: old } = olderShop(25);
  expect(unindexedReferences(old, PARENTS)).toEqual([
    'case_events.staff_id',
    'complaints.staff_id',
    'contact_attempts.customer_id',
    'contact_attempts.staff_id',
    'customers.merged_into_id',
    'devices.staff_id',
    'product_prices.staff_id',
    'sale_keys.sale_id',
    'sale_lines.customer_id',
    'sales.payment_method_id',
    'sales.staff_id',
    'sales.voided_by_staff_id',
    'tasks.customer_id',
    'tasks.staff_id',
    'winback_cases.won_sale_id',
  ]);
  old.close();
  const ctx = openApp({ dbPath: file, clock: { now: () => Date.parse('2026-03-10T02:00:00Z') } });
  try {
    expect(ctx.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(unindexedReferences(ctx.db, PARENTS)).toEqual([]);
    expect(ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    closeApp(ctx);
  }
});

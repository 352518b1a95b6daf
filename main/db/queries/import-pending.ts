import type { Db } from '../open';
import { stmt } from '../stmt';

/**
 * What an import wrote into the shop before its flip, taken away again when it never gets done
 * (services/import/removal.ts removeImportRows). Each call deletes up to `limit` rows and says how
 * many; the triggers leave a pending import's rows out of every total (migration 23).
 */

/** Whether import `id` is still pending (its placed rows may be taken away). */
export function isPending(db: Db, importId: number): boolean {
  return (
    stmt<[number], { n: number }>(db, "SELECT COUNT(*) AS n FROM imports WHERE id = ? AND state = 'pending'").get(importId)!.n > 0
  );
}

export function deletePendingSales(db: Db, importId: number, limit: number): number {
  return stmt(db, 'DELETE FROM main.sales WHERE id IN (SELECT id FROM main.sales WHERE import_id = ? LIMIT ?)').run(
    importId,
    limit,
  ).changes;
}

/** Up to `limit` of the import's new customers, with their visit days and totals (their sales went first). */
export function deletePendingCustomers(db: Db, importId: number, limit: number): number {
  const ids = stmt<[number, number], number>(db, 'SELECT id FROM main.customers WHERE import_id = ? ORDER BY id LIMIT ?')
    .pluck()
    .all(importId, limit);
  if (ids.length === 0) return 0;
  const list = JSON.stringify(ids);
  stmt(db, 'DELETE FROM main.visit_totals WHERE customer_id IN (SELECT value FROM json_each(?))').run(list);
  stmt(db, 'DELETE FROM main.visit_days WHERE customer_id IN (SELECT value FROM json_each(?))').run(list);
  stmt(db, 'DELETE FROM main.customers WHERE id IN (SELECT value FROM json_each(?))').run(list);
  return ids.length;
}

/** The staff and payment methods the import brought. */
export function deletePendingNames(db: Db, importId: number): void {
  stmt(db, 'DELETE FROM main.staff WHERE import_id = ?').run(importId);
  stmt(db, 'DELETE FROM main.payment_methods WHERE import_id = ?').run(importId);
}

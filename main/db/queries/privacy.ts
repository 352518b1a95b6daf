import type { Db } from '../open';
import { stmt } from '../stmt';

/** The customer and every record ever merged into it (directly or through a chain). */
export function idsMergedInto(db: Db, id: number): number[] {
  return stmt<[number], { id: number }>(
    db,
    `WITH RECURSIVE tree(id) AS (SELECT ? UNION SELECT c.id FROM customers c JOIN tree t ON c.merged_into_id = t.id)
     SELECT id FROM tree`,
  )
    .all(id)
    .map((r) => r.id);
}

export function anonymiseSales(db: Db, customerId: number): number {
  // a pending import's sales too (its flip then fails: a customer it names is gone), but it counts
  // those the shop could see (the view leaves the pending ones out, db/pending.ts)
  const seen = stmt<[number], number>(db, 'SELECT COUNT(*) FROM sales WHERE customer_id = ?').pluck().get(customerId)!;
  stmt(db, 'UPDATE main.sales SET customer_id = NULL WHERE customer_id = ?').run(customerId);
  return seen;
}

/** Deletes a customer row; tags, consents and consent history go with it (ON DELETE CASCADE). */
export function deleteCustomer(db: Db, customerId: number): void {
  stmt(db, 'DELETE FROM campaign_members WHERE customer_id = ?').run(customerId);
  stmt(db, 'UPDATE main.customers SET merged_into_id = NULL WHERE merged_into_id = ?').run(customerId);
  stmt(db, 'DELETE FROM main.customers WHERE id = ?').run(customerId);
}

export function purgeUnusedTags(db: Db): void {
  stmt(db, 'DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM customer_tags)').run();
}

export function campaignsOf(db: Db, customerId: number) {
  // the message written for them, when the export carried one (issue 17)
  return stmt<[number], { id: number; created_at: number; segment: string; channel: string; message: string | null }>(
    db,
    `SELECT k.id, k.created_at, k.segment, k.channel, m.message FROM campaign_members m JOIN campaigns k ON k.id = m.campaign_id
     WHERE m.customer_id = ? ORDER BY k.created_at`,
  ).all(customerId);
}

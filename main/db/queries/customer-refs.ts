import type { Db } from '../open';
import { stmt } from '../stmt';

/**
 * What erasure and merge do with each column that references `customers(id)`.
 *
 * - erase `anonymise`: the row stays without its customer (sales keep the shop's totals right);
 *   `delete`: the row is personal data and goes (its case history with it); `derived`: kept by
 *   triggers from `sales`, so it follows the sales; `unlink`: a merged record pointing at an
 *   erased one is erased too (see `idsMergedInto`), the link is cleared first.
 * - merge `move`: the merged record's rows go to the kept customer; `keep`: they stay on the merged
 *   record (its own consent state, copied onto the kept one when newer); `derived`: follows the sales.
 *
 * A new table referencing customers must be added here: until it is, erasure refuses to start
 * (before any backup is taken) and tests/integration/customer-references.test.ts fails.
 */
export const CUSTOMER_REFERENCES: Record<
  string,
  { erase: 'anonymise' | 'delete' | 'derived' | 'unlink'; merge: 'move' | 'keep' | 'derived' }
> = {
  'customers.merged_into_id': { erase: 'unlink', merge: 'keep' },
  'customer_tags.customer_id': { erase: 'delete', merge: 'move' },
  'consents.customer_id': { erase: 'delete', merge: 'keep' },
  'consent_events.customer_id': { erase: 'delete', merge: 'move' },
  'sales.customer_id': { erase: 'anonymise', merge: 'move' },
  'sale_lines.customer_id': { erase: 'derived', merge: 'derived' },
  'visit_days.customer_id': { erase: 'derived', merge: 'derived' },
  'visit_totals.customer_id': { erase: 'derived', merge: 'derived' },
  'campaign_members.customer_id': { erase: 'delete', merge: 'move' },
  'complaints.customer_id': { erase: 'delete', merge: 'move' },
  'winback_cases.customer_id': { erase: 'delete', merge: 'move' },
  'tasks.customer_id': { erase: 'delete', merge: 'move' },
  'contact_attempts.customer_id': { erase: 'delete', merge: 'move' },
  // an erased customer's offers go with their cases (a redeemed one's sale stays, anonymous)
  'offers.customer_id': { erase: 'delete', merge: 'move' },
};

/** Every `table.column` of the live schema with a foreign key to customers, read from the schema itself. */
export function customerReferences(db: Db): string[] {
  const tables = stmt<[], { name: string }>(
    db,
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  ).all();
  const out: string[] = [];
  for (const { name } of tables) {
    const fks = db.pragma(`main.foreign_key_list("${name.replace(/"/g, '""')}")`) as { table: string; from: string }[];
    for (const fk of fks) if (fk.table === 'customers') out.push(`${name}.${fk.from}`);
  }
  return out;
}

/** References the erase and merge rules above do not cover (empty when all is well). */
export function unknownCustomerReferences(db: Db): string[] {
  return customerReferences(db).filter((r) => !Object.hasOwn(CUSTOMER_REFERENCES, r));
}

/** Deletes a customer's complaints, win-back cases and tasks, each with the history of its steps, the calls made and the offers issued. */
export function deleteCareRecords(db: Db, customerId: number): void {
  stmt(db, 'DELETE FROM offers WHERE customer_id = ? OR winback_id IN (SELECT id FROM winback_cases WHERE customer_id = ?)').run(
    customerId,
    customerId,
  );
  stmt(
    db,
    `DELETE FROM contact_attempts WHERE customer_id = ?
       OR complaint_id IN (SELECT id FROM complaints WHERE customer_id = ?)
       OR winback_id IN (SELECT id FROM winback_cases WHERE customer_id = ?)`,
  ).run(customerId, customerId, customerId);
  stmt(
    db,
    "DELETE FROM case_events WHERE kind = 'complaint' AND case_id IN (SELECT id FROM complaints WHERE customer_id = ?)",
  ).run(customerId);
  stmt(
    db,
    "DELETE FROM case_events WHERE kind = 'winback' AND case_id IN (SELECT id FROM winback_cases WHERE customer_id = ?)",
  ).run(customerId);
  stmt(db, "DELETE FROM case_events WHERE kind = 'task' AND case_id IN (SELECT id FROM tasks WHERE customer_id = ?)").run(
    customerId,
  );
  stmt(db, 'DELETE FROM complaints WHERE customer_id = ?').run(customerId);
  stmt(db, 'DELETE FROM winback_cases WHERE customer_id = ?').run(customerId);
  stmt(db, 'DELETE FROM tasks WHERE customer_id = ?').run(customerId);
}

/** A merge moves the merged record's complaints, win-back cases, tasks, calls, offers and campaign memberships to the kept customer. */
export function moveCareRecords(db: Db, fromId: number, toId: number): void {
  stmt(db, 'UPDATE offers SET customer_id = ? WHERE customer_id = ?').run(toId, fromId);
  stmt(db, 'UPDATE contact_attempts SET customer_id = ? WHERE customer_id = ?').run(toId, fromId);
  stmt(db, 'UPDATE complaints SET customer_id = ? WHERE customer_id = ?').run(toId, fromId);
  stmt(db, 'UPDATE winback_cases SET customer_id = ? WHERE customer_id = ?').run(toId, fromId);
  stmt(db, 'UPDATE tasks SET customer_id = ? WHERE customer_id = ?').run(toId, fromId);
  stmt(
    db,
    `INSERT OR IGNORE INTO campaign_members (campaign_id, customer_id, message)
     SELECT campaign_id, ?, message FROM campaign_members WHERE customer_id = ?`,
  ).run(toId, fromId);
  stmt(db, 'DELETE FROM campaign_members WHERE customer_id = ?').run(fromId);
}

import type { Db } from '../open';
import { stmt } from '../stmt';

export interface ContactRow {
  id: number;
  phone: string | null;
  /** the channels with consent granted, comma-separated (null: none) */
  agreed: string | null;
}

/** Phone and the channels each customer agreed to, for the given customers. */
export function contactsOf(db: Db, ids: readonly number[]): Map<number, { phone: string | null; agreed: string[] }> {
  const rows = stmt<[string], ContactRow>(
    db,
    `SELECT c.id, c.phone,
            (SELECT group_concat(channel) FROM consents k WHERE k.customer_id = c.id AND k.is_granted = 1) AS agreed
       FROM customers c WHERE c.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(ids));
  return new Map(rows.map((r) => [r.id, { phone: r.phone, agreed: r.agreed ? r.agreed.split(',').sort() : [] }]));
}

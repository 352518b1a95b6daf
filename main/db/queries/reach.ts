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

export interface AttemptRow {
  id: number;
  customer_id: number;
  winback_id: number | null;
  complaint_id: number | null;
  outcome: string;
  reason: string | null;
  at: number;
  staff_id: number | null;
  note: string;
}

export function insertAttempt(db: Db, a: Omit<AttemptRow, 'id'>): number {
  return Number(
    stmt(
      db,
      `INSERT INTO contact_attempts (customer_id, winback_id, complaint_id, outcome, reason, at, staff_id, note)
       VALUES (@customer_id, @winback_id, @complaint_id, @outcome, @reason, @at, @staff_id, @note)`,
    ).run(a).lastInsertRowid,
  );
}

/** Every attempt for win-back cases or complaints, oldest first (one query for Today). */
export function allAttempts(db: Db): AttemptRow[] {
  return stmt<[], AttemptRow>(db, 'SELECT * FROM contact_attempts ORDER BY at, id').all();
}

export function attemptsFor(db: Db, kind: 'winback' | 'complaint', id: number): AttemptRow[] {
  return stmt<[number], AttemptRow>(
    db,
    `SELECT * FROM contact_attempts WHERE ${kind === 'winback' ? 'winback_id' : 'complaint_id'} = ? ORDER BY at, id`,
  ).all(id);
}

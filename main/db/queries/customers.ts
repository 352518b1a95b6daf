import type { Db } from '../open';
import { bool, stmt } from '../stmt';
import type { Channel } from '../../../shared/schemas/common';

/** A live customer is one not merged into another. */
export interface CustomerRow {
  id: number;
  name: string;
  phone: string | null;
  member_code: string | null;
  birthday: string | null;
  notes: string;
  staff_id: number | null;
  staff_name: string | null;
  /** 0 when the staff member looking after them has left (null: nobody) */
  staff_active: number | null;
  merged_into_id: number | null;
  visits: number;
  sales_count: number;
  total_minor: number;
  first_visit_at: number | null;
  last_visit_at: number | null;
  first_visit_date: string | null;
  last_visit_date: string | null;
  created_at: number;
  updated_at: number;
}

export interface CustomerWrite {
  name: string;
  phone: string | null;
  phoneRev: string | null;
  memberCode: string | null;
  memberCodeKey: string | null;
  nameKey: string;
  pinyin: string;
  initials: string;
  given: string;
  birthday: string | null;
  notes: string;
  staffId: number | null;
  externalId: string | null;
}

const COLS = `c.id, c.name, c.phone, c.member_code, c.birthday, c.notes, c.staff_id, s.name AS staff_name, s.is_active AS staff_active,
  c.merged_into_id, c.visits, c.sales_count, c.total_minor, c.first_visit_at, c.last_visit_at,
  c.first_visit_date, c.last_visit_date, c.created_at, c.updated_at`;

export function insertCustomer(db: Db, w: CustomerWrite, now: number): number {
  return Number(
    stmt(
      db,
      `INSERT INTO main.customers (name, phone, phone_rev, member_code, member_code_key, name_key, name_pinyin, name_initials, name_given,
         birthday, notes, staff_id, external_id, created_at, updated_at)
       VALUES (@name, @phone, @phoneRev, @memberCode, @memberCodeKey, @nameKey, @pinyin, @initials, @given,
         @birthday, @notes, @staffId, @externalId, @now, @now)`,
    ).run({ ...w, now }).lastInsertRowid,
  );
}

export function updateCustomer(db: Db, id: number, w: CustomerWrite, now: number): void {
  stmt(
    db,
    `UPDATE main.customers SET name = @name, phone = @phone, phone_rev = @phoneRev, member_code = @memberCode,
       member_code_key = @memberCodeKey, name_key = @nameKey, name_pinyin = @pinyin, name_initials = @initials, name_given = @given,
       birthday = @birthday, notes = @notes, staff_id = @staffId, external_id = @externalId, updated_at = @now
     WHERE id = @id`,
  ).run({ ...w, id, now });
}

export function getCustomerRow(db: Db, id: number): CustomerRow | undefined {
  return stmt<[number], CustomerRow>(
    db,
    `SELECT ${COLS} FROM customers c LEFT JOIN staff s ON s.id = c.staff_id WHERE c.id = ?`,
  ).get(id);
}

export function getExternalId(db: Db, id: number): string | null {
  return (
    stmt<[number], { external_id: string | null }>(db, 'SELECT external_id FROM customers WHERE id = ?').get(id)?.external_id ??
    null
  );
}

export function findLiveByPhone(db: Db, phone: string): number | undefined {
  return stmt<[string], { id: number }>(db, 'SELECT id FROM customers WHERE phone = ? AND merged_into_id IS NULL').get(phone)?.id;
}

/**
 * Whether a phone or member code (its key) is held by a customer of an import still running: out
 * of sight (db/pending.ts), but the shop's unique indexes already hold it.
 */
export function heldByPendingImport(db: Db, phone: string | null, memberCodeKey: string | null): boolean {
  return (
    stmt<[string | null, string | null], { n: number }>(
      db,
      `SELECT COUNT(*) AS n FROM main.customers c JOIN main.imports i ON i.id = c.import_id
       WHERE i.state = 'pending' AND c.merged_into_id IS NULL AND (c.phone = ? OR c.member_code_key = ?)`,
    ).get(phone, memberCodeKey)!.n > 0
  );
}

export function findLiveByMemberCode(db: Db, key: string): number | undefined {
  return stmt<[string], { id: number }>(db, 'SELECT id FROM customers WHERE member_code_key = ? AND merged_into_id IS NULL').get(
    key,
  )?.id;
}

export function markMerged(db: Db, mergeId: number, keepId: number, now: number): void {
  stmt(
    db,
    `UPDATE main.customers SET merged_into_id = ?, phone = NULL, phone_rev = NULL, member_code_key = NULL, updated_at = ? WHERE id = ?`,
  ).run(keepId, now, mergeId);
}

export function countLiveCustomers(db: Db): number {
  return stmt<[], { n: number }>(db, 'SELECT COUNT(*) AS n FROM customers WHERE merged_into_id IS NULL').get()!.n;
}

/**
 * The per-customer totals kept on the customers row (visits = days with a purchase; voided sales
 * don't count), from scratch. Kept denormalized so the customer list can sort 100,000 customers by
 * last visit or total spent through an index; triggers keep them on every write to sales
 * (migration 13), so this is only for a bulk load that wants to be sure, and for tests.
 */
export const REFRESH_STATS_SQL = `UPDATE main.customers
  SET (visits, sales_count, total_minor, first_visit_at, last_visit_at, first_visit_date, last_visit_date) = (
    SELECT COUNT(DISTINCT business_date), COUNT(*), COALESCE(SUM(amount_minor), 0), MIN(occurred_at), MAX(occurred_at),
           MIN(business_date), MAX(business_date)
    FROM sales WHERE sales.customer_id = customers.id AND voided_at IS NULL)`;

/** Recomputes every customer's totals in one statement (after bulk loads). */
export function refreshAllStats(db: Db): void {
  db.exec(REFRESH_STATS_SQL);
}

// --- tags ---------------------------------------------------------------------------------------

export function tagsOf(db: Db, customerId: number): string[] {
  return stmt<[number], { name: string }>(
    db,
    'SELECT t.name FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.customer_id = ? ORDER BY t.name',
  )
    .all(customerId)
    .map((r) => r.name);
}

export function tagsOfMany(db: Db, ids: number[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (ids.length === 0) return out;
  const rows = stmt<[string], { customer_id: number; name: string }>(
    db,
    `SELECT ct.customer_id, t.name FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id
     WHERE ct.customer_id IN (SELECT value FROM json_each(?)) ORDER BY t.name`,
  ).all(JSON.stringify(ids));
  for (const r of rows) {
    const list = out.get(r.customer_id) ?? [];
    list.push(r.name);
    out.set(r.customer_id, list);
  }
  return out;
}

export function setTags(db: Db, customerId: number, names: string[]): void {
  stmt(db, 'DELETE FROM customer_tags WHERE customer_id = ?').run(customerId);
  for (const name of new Set(names)) {
    stmt(db, 'INSERT INTO tags (name) VALUES (?) ON CONFLICT(name) DO NOTHING').run(name);
    stmt(db, 'INSERT OR IGNORE INTO customer_tags (customer_id, tag_id) SELECT ?, id FROM tags WHERE name = ?').run(
      customerId,
      name,
    );
  }
}

export function moveTags(db: Db, fromId: number, toId: number): void {
  stmt(
    db,
    'INSERT OR IGNORE INTO customer_tags (customer_id, tag_id) SELECT ?, tag_id FROM customer_tags WHERE customer_id = ?',
  ).run(toId, fromId);
  stmt(db, 'DELETE FROM customer_tags WHERE customer_id = ?').run(fromId);
}

export function listTags(db: Db): { name: string; customers: number }[] {
  return stmt<[], { name: string; customers: number }>(
    db,
    `SELECT t.name, COUNT(c.id) AS customers FROM tags t
     LEFT JOIN customer_tags ct ON ct.tag_id = t.id
     LEFT JOIN customers c ON c.id = ct.customer_id AND c.merged_into_id IS NULL
     GROUP BY t.id ORDER BY customers DESC, t.name`,
  ).all();
}

// --- consent ------------------------------------------------------------------------------------

export interface ConsentRow {
  channel: Channel;
  is_granted: number;
  changed_at: number;
  source: string;
}

export function consentsOf(db: Db, customerId: number): ConsentRow[] {
  return stmt<[number], ConsentRow>(db, 'SELECT channel, is_granted, changed_at, source FROM consents WHERE customer_id = ?').all(
    customerId,
  );
}

export function writeConsent(
  db: Db,
  customerId: number,
  channel: Channel,
  granted: boolean,
  at: number,
  source: string,
  note: string,
): void {
  copyConsent(db, customerId, { channel, is_granted: granted ? 1 : 0, changed_at: at, source });
  stmt(
    db,
    'INSERT INTO consent_events (customer_id, channel, is_granted, changed_at, source, note) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(customerId, channel, granted ? 1 : 0, at, source, note);
}

export function copyConsent(db: Db, customerId: number, r: ConsentRow): void {
  stmt(
    db,
    `INSERT INTO consents (customer_id, channel, is_granted, changed_at, source) VALUES (@customerId, @channel, @granted, @at, @source)
     ON CONFLICT(customer_id, channel) DO UPDATE SET is_granted = excluded.is_granted, changed_at = excluded.changed_at, source = excluded.source`,
  ).run({ customerId, channel: r.channel, granted: r.is_granted, at: r.changed_at, source: r.source });
}

export function consentEvents(db: Db, customerId: number) {
  return stmt<[number], { channel: Channel; is_granted: number; changed_at: number; source: string; note: string }>(
    db,
    'SELECT channel, is_granted, changed_at, source, note FROM consent_events WHERE customer_id = ? ORDER BY changed_at DESC, id DESC',
  )
    .all(customerId)
    .map((r) => ({ channel: r.channel, granted: bool(r.is_granted), changedAt: r.changed_at, source: r.source, note: r.note }));
}

export function moveConsentHistory(db: Db, fromId: number, toId: number): void {
  stmt(db, 'UPDATE consent_events SET customer_id = ? WHERE customer_id = ?').run(toId, fromId);
}

/**
 * The demo shop's customer record writers (main/services/demo/generate.ts): prepared once, run per
 * customer, positional — a tag (name), a customer's tag (customer_id, tag_id), the current consent
 * (customer_id, channel, is_granted, changed_at, source) and its history entry (… and note).
 */
export function customerRecordWriters(db: Db) {
  return {
    tag: db.prepare('INSERT INTO tags (name) VALUES (?)'),
    customerTag: db.prepare('INSERT INTO customer_tags (customer_id, tag_id) VALUES (?, ?)'),
    consent: db.prepare('INSERT INTO consents (customer_id, channel, is_granted, changed_at, source) VALUES (?, ?, ?, ?, ?)'),
    consentEvent: db.prepare(
      'INSERT INTO consent_events (customer_id, channel, is_granted, changed_at, source, note) VALUES (?, ?, ?, ?, ?, ?)',
    ),
  };
}

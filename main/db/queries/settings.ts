import type { Db } from '../open';
import { bit, bool, stmt } from '../stmt';
import type { PaymentMethod, Staff } from '../../../shared/schemas/settings';

export function readSettingsRaw(db: Db): Record<string, unknown> {
  const rows = stmt<[], { key: string; value: string }>(db, 'SELECT key, value FROM settings').all();
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
}

export function writeSetting(db: Db, key: string, value: unknown): void {
  stmt(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    JSON.stringify(value),
  );
}

interface StaffRow {
  id: number;
  name: string;
  is_active: number;
  left_at: number | null;
}
const toStaff = (r: StaffRow): Staff => ({ id: r.id, name: r.name, isActive: bool(r.is_active), leftAt: r.left_at });

export function listStaff(db: Db): Staff[] {
  return stmt<[], StaffRow>(db, 'SELECT id, name, is_active, left_at FROM staff ORDER BY is_active DESC, id').all().map(toStaff);
}
export function getStaff(db: Db, id: number): Staff | undefined {
  const r = stmt<[number], StaffRow>(db, 'SELECT id, name, is_active, left_at FROM staff WHERE id = ?').get(id);
  return r && toStaff(r);
}
export function insertStaff(db: Db, name: string, now: number): number {
  return Number(stmt(db, 'INSERT INTO staff (name, created_at) VALUES (?, ?)').run(name, now).lastInsertRowid);
}
export function updateStaff(db: Db, s: Staff): void {
  stmt(db, 'UPDATE staff SET name = @name, is_active = @isActive, left_at = @leftAt WHERE id = @id').run({
    ...s,
    isActive: bit(s.isActive),
  });
}

interface PmRow {
  id: number;
  code: string;
  name: string;
  is_active: number;
}
const toPm = (r: PmRow): PaymentMethod => ({ id: r.id, code: r.code, name: r.name, isActive: bool(r.is_active) });

export function listPaymentMethods(db: Db): PaymentMethod[] {
  return stmt<[], PmRow>(db, 'SELECT id, code, name, is_active FROM payment_methods ORDER BY sort, id').all().map(toPm);
}
export function getPaymentMethod(db: Db, id: number): PaymentMethod | undefined {
  const r = stmt<[number], PmRow>(db, 'SELECT id, code, name, is_active FROM payment_methods WHERE id = ?').get(id);
  return r && toPm(r);
}
export function insertPaymentMethod(db: Db, code: string, name: string): number {
  return Number(
    stmt(
      db,
      'INSERT INTO payment_methods (code, name, sort) VALUES (?, ?, (SELECT COALESCE(MAX(sort), 0) + 1 FROM payment_methods))',
    ).run(code, name).lastInsertRowid,
  );
}
export function updatePaymentMethod(db: Db, p: PaymentMethod): void {
  stmt(db, 'UPDATE payment_methods SET name = @name, is_active = @isActive WHERE id = @id').run({
    id: p.id,
    name: p.name,
    isActive: bit(p.isActive),
  });
}

/** A staff member with their working period (the demo shop): active unless they left at `leftAt`. */
export function insertStaffSpan(db: Db, name: string, leftAt: number | null, createdAt: number): number {
  return Number(
    stmt(db, 'INSERT INTO staff (name, is_active, left_at, created_at) VALUES (?, ?, ?, ?)').run(
      name,
      leftAt === null ? 1 : 0,
      leftAt,
      createdAt,
    ).lastInsertRowid,
  );
}

import type { Db } from '../open';
import { bit, bool, stmt } from '../stmt';
import type { Staff } from '../../../shared/schemas/settings';

/** The shop's staff (the `staff` table). */
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
/** `importId`: named first by an import, out of sight until it is done (db/pending.ts). */
export function insertStaff(db: Db, name: string, now: number, importId: number | null = null): number {
  return Number(
    stmt(db, 'INSERT INTO main.staff (name, created_at, import_id) VALUES (?, ?, ?)').run(name, now, importId).lastInsertRowid,
  );
}
export function updateStaff(db: Db, s: Staff): void {
  stmt(db, 'UPDATE main.staff SET name = @name, is_active = @isActive, left_at = @leftAt WHERE id = @id').run({
    ...s,
    isActive: bit(s.isActive),
  });
}

/** A staff member with their working period (the demo shop): active unless they left at `leftAt`. */
export function insertStaffSpan(db: Db, name: string, leftAt: number | null, createdAt: number): number {
  return Number(
    stmt(db, 'INSERT INTO main.staff (name, is_active, left_at, created_at) VALUES (?, ?, ?, ?)').run(
      name,
      leftAt === null ? 1 : 0,
      leftAt,
      createdAt,
    ).lastInsertRowid,
  );
}

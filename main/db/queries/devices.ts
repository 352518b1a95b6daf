import type { Db } from '../open';
import { bool, stmt } from '../stmt';
import type { DeviceRecord, LockoutRecord, PinRecord, StaffAccess, StaffRole } from '../../../shared/schemas/sharing';

interface DeviceRow {
  id: number;
  name: string;
  token_hash: string;
  paired_at: number;
  last_seen_at: number;
  staff_id: number | null;
  signed_in_at: number | null;
  revoked_at: number | null;
  revoked_reason: string | null;
}

const toDevice = (r: DeviceRow): DeviceRecord => ({
  id: r.id,
  name: r.name,
  tokenHash: r.token_hash,
  pairedAt: r.paired_at,
  lastSeenAt: r.last_seen_at,
  staffId: r.staff_id,
  signedInAt: r.signed_in_at,
  revokedAt: r.revoked_at,
  revokedReason: r.revoked_reason,
});

export function allDevices(db: Db): DeviceRecord[] {
  return stmt<[], DeviceRow>(db, 'SELECT * FROM devices ORDER BY id DESC').all().map(toDevice);
}

export function getDevice(db: Db, id: number): DeviceRecord | undefined {
  const r = stmt<[number], DeviceRow>(db, 'SELECT * FROM devices WHERE id = ?').get(id);
  return r && toDevice(r);
}

export function insertDevice(db: Db, name: string, tokenHash: string, now: number): number {
  return Number(
    stmt(db, 'INSERT INTO devices (name, token_hash, paired_at, last_seen_at) VALUES (?, ?, ?, ?)').run(name, tokenHash, now, now)
      .lastInsertRowid,
  );
}

export function setDeviceStaff(db: Db, id: number, staffId: number | null, now: number): void {
  stmt(db, 'UPDATE devices SET staff_id = ?, signed_in_at = ? WHERE id = ?').run(staffId, staffId === null ? null : now, id);
}

export function revokeDevice(db: Db, id: number, reason: 'owner' | 'idle', now: number): void {
  stmt(
    db,
    'UPDATE devices SET revoked_at = ?, revoked_reason = ?, staff_id = NULL, signed_in_at = NULL WHERE id = ? AND revoked_at IS NULL',
  ).run(now, reason, id);
}

export function touchDevice(db: Db, id: number, at: number): void {
  stmt(db, 'UPDATE devices SET last_seen_at = max(last_seen_at, ?) WHERE id = ?').run(at, id);
}

/** Signs a staff member out of every device (their PIN or role changed, or they left). */
export function signOutStaffEverywhere(db: Db, staffId: number): number {
  return stmt(db, 'UPDATE devices SET staff_id = NULL, signed_in_at = NULL WHERE staff_id = ?').run(staffId).changes;
}

interface AccessRow {
  id: number;
  name: string;
  is_active: number;
  role: StaffRole;
  pin_hash: string | null;
}

export function staffAccess(db: Db): StaffAccess[] {
  return stmt<[], AccessRow>(db, 'SELECT id, name, is_active, role, pin_hash FROM staff ORDER BY is_active DESC, id')
    .all()
    .map((r) => ({ staffId: r.id, name: r.name, isActive: bool(r.is_active), role: r.role, hasPin: r.pin_hash !== null }));
}

export function pinRecord(db: Db, id: number): PinRecord | undefined {
  const r = stmt<[number], AccessRow>(db, 'SELECT id, name, is_active, role, pin_hash FROM staff WHERE id = ?').get(id);
  return r && { staffId: r.id, name: r.name, role: r.role, isActive: bool(r.is_active), pinHash: r.pin_hash };
}

export function setStaffAccess(db: Db, id: number, role: StaffRole, pinHash: string | null): void {
  stmt(db, 'UPDATE main.staff SET role = ?, pin_hash = ? WHERE id = ?').run(role, pinHash, id);
}

/** Pairing and PIN lockouts (issue 18), kept across a restart. */
export function allLockouts(db: Db): LockoutRecord[] {
  return stmt<[], LockoutRecord>(
    db,
    'SELECT key, failures, locked_until AS lockedUntil, locks FROM share_lockouts ORDER BY key',
  ).all();
}

export function putLockout(db: Db, r: LockoutRecord): void {
  stmt(
    db,
    'INSERT OR REPLACE INTO share_lockouts (key, failures, locked_until, locks) VALUES (@key, @failures, @lockedUntil, @locks)',
  ).run(r);
}

export function mainTillRequiresPin(db: Db): boolean {
  return stmt<[], { require_pin: number }>(db, 'SELECT require_pin FROM main_till WHERE id = 1').get()?.require_pin === 1;
}

export function setMainTillRequiresPin(db: Db, on: boolean): void {
  stmt(db, 'UPDATE main_till SET require_pin = ? WHERE id = 1').run(on ? 1 : 0);
}

import { AppError } from '../../shared/api/errors';
import type { DeviceRecord, LockoutRecord, PinRecord, StaffAccess, StaffRole } from '../../shared/schemas/sharing';
import type { Ctx } from '../ctx';
import { audit } from '../db/queries/audit';
import * as q from '../db/queries/devices';
import { hashPin } from '../security/pin';

/**
 * The database side of sharing (issue 18). The process that owns the network listener
 * (main/server/share-host.ts) keeps the devices in memory and calls these — the internal ones
 * (devices.*Record, staff.pinRecord) only from there, never over HTTP or IPC (main/core/roles.ts).
 */

export function listStaffAccess(ctx: Ctx): StaffAccess[] {
  return q.staffAccess(ctx.db);
}

/** Sets a staff member's role and/or PIN; whoever changes is signed out of every device. */
export function setStaffAccess(ctx: Ctx, patch: { id: number; role?: StaffRole; pin?: string | null }): StaffAccess {
  // hashed before the transaction: scrypt takes a moment and the write lock should not wait for it
  const newHash = patch.pin === undefined || patch.pin === null ? null : hashPin(patch.pin);
  return ctx.db.transaction(() => {
    const cur = q.pinRecord(ctx.db, patch.id);
    if (!cur) throw new AppError('NOT_FOUND', { entity: 'staff' });
    const role = patch.role ?? cur.role;
    const pinHash = patch.pin === undefined ? cur.pinHash : newHash;
    q.setStaffAccess(ctx.db, cur.staffId, role, pinHash);
    const signedOut = role !== cur.role || patch.pin !== undefined ? q.signOutStaffEverywhere(ctx.db, cur.staffId) : 0;
    const pin = patch.pin === undefined ? 'kept' : patch.pin === null ? 'removed' : 'set';
    audit(ctx.db, ctx.clock.now(), 'staff.access', 'staff', cur.staffId, { role, pin, signedOut });
    return q.staffAccess(ctx.db).find((s) => s.staffId === cur.staffId)!;
  })();
}

export function pinRecord(ctx: Ctx, id: number): PinRecord {
  const r = q.pinRecord(ctx.db, id);
  if (!r) throw new AppError('NOT_FOUND', { entity: 'staff' });
  return r;
}

export function deviceRecords(ctx: Ctx): DeviceRecord[] {
  return q.allDevices(ctx.db);
}

export function addDevice(ctx: Ctx, d: { name: string; tokenHash: string }): DeviceRecord {
  return ctx.db.transaction(() => {
    const id = q.insertDevice(ctx.db, d.name, d.tokenHash, ctx.clock.now());
    audit(ctx.db, ctx.clock.now(), 'device.pair', 'device', id, { name: d.name });
    return q.getDevice(ctx.db, id)!;
  })();
}

export function updateDevice(
  ctx: Ctx,
  p: { id: number; revoke?: 'owner' | 'idle'; staffId?: number | null; lastSeenAt?: number },
): DeviceRecord {
  return ctx.db.transaction(() => {
    const cur = q.getDevice(ctx.db, p.id);
    if (!cur) throw new AppError('NOT_FOUND', { entity: 'device' });
    const now = ctx.clock.now();
    if (p.lastSeenAt !== undefined) q.touchDevice(ctx.db, cur.id, p.lastSeenAt);
    if (p.staffId !== undefined && cur.revokedAt === null) {
      q.setDeviceStaff(ctx.db, cur.id, p.staffId, now);
      audit(ctx.db, now, p.staffId === null ? 'device.signOut' : 'device.signIn', 'device', cur.id, {
        name: cur.name,
        staffId: p.staffId ?? cur.staffId,
      });
    }
    if (p.revoke && cur.revokedAt === null) {
      q.revokeDevice(ctx.db, cur.id, p.revoke, now);
      audit(ctx.db, now, 'device.revoke', 'device', cur.id, { name: cur.name, reason: p.revoke });
    }
    return q.getDevice(ctx.db, cur.id)!;
  })();
}

/**
 * Asks for a PIN on the main till's own window too (or not). Switching it on needs an active owner
 * with a PIN, or nobody could sign in there to switch it off again.
 */
export function setMainTill(ctx: Ctx, on: boolean): { requirePin: boolean } {
  return ctx.db.transaction(() => {
    if (on && !q.staffAccess(ctx.db).some((s) => s.isActive && s.role === 'owner' && s.hasPin))
      throw new AppError('CONFLICT', { reason: 'no_owner_pin' }, [
        { path: ['requirePin'], message: 'main_till_needs_owner_pin' },
      ]);
    q.setMainTillRequiresPin(ctx.db, on);
    audit(ctx.db, ctx.clock.now(), 'staff.access', 'shop', null, { mainTillPin: on });
    return { requirePin: on };
  })();
}

export function putLockout(ctx: Ctx, r: LockoutRecord): LockoutRecord {
  q.putLockout(ctx.db, r);
  return r;
}

import type { Args, Method, Out } from '../../shared/api/contract';
import type { sharingContract } from '../../shared/api/contract-sharing';
import { AppError } from '../../shared/api/errors';
import type { Device, DeviceRecord, StaffAccess } from '../../shared/schemas/sharing';
import type { Ctx } from '../ctx';
import { allLockouts, mainTillRequiresPin } from '../db/queries/devices';
import {
  addDevice,
  deviceRecords,
  listStaffAccess,
  pinRecord,
  putLockout,
  setMainTill,
  setStaffAccess,
  updateDevice,
} from './sharing';

type SharingMethod = keyof typeof sharingContract & Method;
type Handlers = { [M in SharingMethod]: (a: Args<M>, ctx: Ctx) => Out<M> | Promise<Out<M>> };

/** A device as the owner sees it in Settings → Other devices (never its token hash). */
export function toDevice(d: DeviceRecord, staff: StaffAccess[]): Device {
  const s = d.staffId === null ? undefined : staff.find((x) => x.staffId === d.staffId);
  return {
    id: d.id,
    name: d.name,
    pairedAt: d.pairedAt,
    lastSeenAt: d.lastSeenAt,
    status: d.revokedAt === null ? 'active' : d.revokedReason === 'idle' ? 'expired' : 'revoked',
    revokedAt: d.revokedAt,
    staff: s ? { id: s.staffId, name: s.name, role: s.role } : null,
  };
}

/**
 * Answered only when no share host sits in front of the core (a bare in-process context, as in tests):
 * `regulars serve` and the Electron window both answer these in main/share/host.ts.
 */
const notHere = (): never => {
  throw new AppError('UNKNOWN_METHOD', { reason: 'sharing_not_here' });
};

/**
 * The core's side of the sharing methods (spread into api.ts's handlers). The network ones are
 * answered by main/server/share-host.ts before they reach the core; the rest read and write the
 * devices and staff access here.
 */
export const sharingHandlers = {
  'device.pair': notHere,
  'device.me': notHere,
  'device.staff': notHere,
  'device.signIn': notHere,
  'device.signOut': notHere,
  'sharing.status': () => ({
    enabled: false,
    address: null,
    port: null,
    url: null,
    fingerprint: null,
    interfaceName: null,
    cidr: null,
    pairing: null,
    available: false,
  }),
  'sharing.interfaces': notHere,
  'sharing.start': notHere,
  'sharing.stop': notHere,
  'sharing.pairingCode': notHere,
  'devices.list': (_a, ctx) => {
    const staff = listStaffAccess(ctx);
    return deviceRecords(ctx).map((d) => toDevice(d, staff));
  },
  'devices.revoke': (a, ctx) => toDevice(updateDevice(ctx, { id: a.id, revoke: 'owner' }), listStaffAccess(ctx)),
  'staff.access': (_a, ctx) => listStaffAccess(ctx),
  'staff.setAccess': (a, ctx) => setStaffAccess(ctx, a),
  'devices.records': (_a, ctx) => deviceRecords(ctx),
  'devices.addRecord': (a, ctx) => addDevice(ctx, a),
  'devices.updateRecord': (a, ctx) => updateDevice(ctx, a),
  'staff.pinRecord': (a, ctx) => pinRecord(ctx, a.id),
  'mainTill.get': (_a, ctx) => ({ requirePin: mainTillRequiresPin(ctx.db) }),
  'mainTill.set': (a, ctx) => setMainTill(ctx, a.requirePin),
  'lockouts.records': (_a, ctx) => allLockouts(ctx.db),
  'lockouts.put': (a, ctx) => putLockout(ctx, a),
} satisfies Handlers;

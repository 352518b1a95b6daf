import { z } from 'zod';
import { Id } from '../schemas/common';
import {
  Device,
  DeviceAdd,
  DeviceMe,
  DeviceRecord,
  DeviceRecordPatch,
  LockoutRecord,
  MainTill,
  PairInput,
  Pairing,
  PinRecord,
  ShareInterface,
  ShareStart,
  ShareStatus,
  SignInChoice,
  SignInInput,
  StaffAccess,
  StaffAccessPatch,
} from '../schemas/sharing';

const None = z.strictObject({}).default({});

/**
 * Sharing the shop on its own network (issue 18), spread into the contract (contract.ts). Who may
 * call each is in main/core/roles.ts; the `*Record`/`pinRecord` methods are internal (the host
 * process's own calls into the core, never over HTTP or IPC).
 */
export const sharingContract = {
  'device.pair': { input: PairInput, output: DeviceMe },
  'device.me': { input: None, output: DeviceMe },
  'device.staff': { input: None, output: z.array(SignInChoice) },
  'device.signIn': { input: SignInInput, output: DeviceMe },
  'device.signOut': { input: None, output: DeviceMe },
  'sharing.status': { input: None, output: ShareStatus },
  'sharing.interfaces': { input: None, output: z.array(ShareInterface) },
  'sharing.start': { input: ShareStart, output: ShareStatus },
  'sharing.stop': { input: None, output: ShareStatus },
  'sharing.pairingCode': { input: None, output: Pairing },
  'devices.list': { input: None, output: z.array(Device) },
  'devices.revoke': { input: z.strictObject({ id: Id }), output: Device },
  'staff.access': { input: None, output: z.array(StaffAccess) },
  'staff.setAccess': { input: StaffAccessPatch, output: StaffAccess },
  'devices.records': { input: None, output: z.array(DeviceRecord) },
  'devices.addRecord': { input: DeviceAdd, output: DeviceRecord },
  'devices.updateRecord': { input: DeviceRecordPatch, output: DeviceRecord },
  'staff.pinRecord': { input: z.strictObject({ id: Id }), output: PinRecord },
  'mainTill.get': { input: None, output: MainTill },
  'mainTill.set': { input: MainTill, output: MainTill },
  'lockouts.records': { input: None, output: z.array(LockoutRecord) },
  'lockouts.put': { input: LockoutRecord, output: LockoutRecord },
} as const;

import type { sharingContract } from '../../shared/api/contract-sharing';

/**
 * Lanes of the sharing methods (issue 18), spread into ROUTES (routes.ts). The network methods
 * (device.*, sharing.*, devices.list/revoke) are answered by the process that owns the listener
 * (main/share/host.ts, in `regulars serve` and the Electron main process alike) before they reach
 * the pool; a worker reached without one answers sharing.status with `available: false`.
 */
export const SHARING_ROUTES: Record<keyof typeof sharingContract, 'writer' | 'counter' | 'heavy'> = {
  'device.pair': 'writer',
  'device.me': 'counter',
  'device.staff': 'counter',
  'device.signIn': 'writer',
  'device.signOut': 'writer',
  'sharing.status': 'counter',
  'sharing.interfaces': 'counter',
  'sharing.start': 'writer',
  'sharing.stop': 'writer',
  'sharing.pairingCode': 'writer',
  'devices.list': 'counter',
  'devices.revoke': 'writer',
  'staff.access': 'counter',
  'staff.setAccess': 'writer',
  'devices.records': 'counter',
  'devices.addRecord': 'writer',
  'devices.updateRecord': 'writer',
  'staff.pinRecord': 'counter',
  'mainTill.get': 'counter',
  'mainTill.set': 'writer',
  'lockouts.records': 'counter',
  'lockouts.put': 'writer',
};

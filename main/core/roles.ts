import type { Method } from '../../shared/api/contract';
import type { StaffRole } from '../../shared/schemas/sharing';

/**
 * Who may call each contract method from another device on the shop's network (issue 18,
 * docs/security.md). Checked by the process that owns the listener (main/server/share-host.ts)
 * before a call reaches the core:
 *
 * - `open`: no pairing needed (pairing itself, rate-limited);
 * - `device`: any paired device, even with nobody signed in (who am I, sign in, sign out);
 * - `cashier`: Counter, Today and customers (look up, create, edit contact details, log complaints);
 * - `owner`: everything else — exports, erasure, import, backups and restore, settings, staff,
 *   devices and sharing, the analyses;
 * - `internal`: the host process's own calls into the core, never from HTTP or IPC.
 *
 * The loopback browser mode and the Electron window are the owner's (the main till), unless the
 * owner asks for a PIN there too (main/share/main-till.ts): then the same roles apply there.
 * `Record<Method, Access>` fails to compile when a method has no entry; methods another change
 * is still adding may already be listed (the string index).
 */
export type Access = 'open' | 'device' | StaffRole | 'internal';

export const ACCESS: Record<Method, Access> & Partial<Record<string, Access>> = {
  'shop.status': 'cashier',
  'shop.startEmpty': 'owner',
  'shop.loadDemo': 'owner',
  'settings.get': 'cashier',
  'settings.update': 'owner',
  'staff.list': 'cashier',
  'staff.create': 'owner',
  'staff.update': 'owner',
  'paymentMethods.list': 'cashier',
  'paymentMethods.create': 'owner',
  'paymentMethods.update': 'owner',
  'customers.search': 'cashier',
  'customers.list': 'owner',
  'customers.get': 'cashier',
  'customers.findByPhone': 'cashier',
  'customers.create': 'cashier',
  'customers.update': 'cashier',
  'customers.setConsent': 'cashier',
  'customers.consentHistory': 'cashier',
  'customers.merge': 'owner',
  'customers.sales': 'cashier',
  'customers.insight': 'cashier',
  'tags.list': 'cashier',
  'sales.record': 'cashier',
  'sales.void': 'owner',
  'sales.today': 'cashier',
  'db.integrityCheck': 'owner',
  'import.preview': 'owner',
  'import.start': 'owner',
  'import.status': 'owner',
  'import.cancel': 'owner',
  'import.list': 'owner',
  'exports.preview': 'owner',
  'exports.contacts': 'owner',
  'campaigns.list': 'owner',
  'campaigns.results': 'owner',
  'backups.list': 'owner',
  'backups.create': 'owner',
  'backups.preview': 'owner',
  'backups.restore': 'owner',
  'customers.exportData': 'owner',
  'customers.erase': 'owner',
  'audit.list': 'owner',
  'lapsed.list': 'owner',
  'lapsed.check': 'owner',
  'insights.overview': 'owner',
  'insights.checks': 'owner',
  'insights.failure': 'owner',
  'insights.reports': 'owner',
  'priceChanges.list': 'owner',
  'priceChanges.create': 'owner',
  'priceChanges.delete': 'owner',
  'priceChanges.analysis': 'owner',
  'complaints.open': 'cashier',
  'complaints.list': 'cashier',
  'complaints.get': 'cashier',
  'complaints.step': 'owner',
  'winback.start': 'owner',
  'winback.list': 'owner',
  'winback.get': 'cashier',
  'winback.step': 'owner',
  'filters.list': 'owner',
  'filters.save': 'owner',
  'filters.delete': 'owner',
  'products.list': 'cashier',
  'products.create': 'owner',
  'products.update': 'owner',
  'products.reprice': 'owner',
  'products.history': 'owner',
  'today.list': 'cashier',
  'today.done': 'cashier',
  'reach.contacts': 'cashier',
  'reach.attempt': 'cashier',
  'offers.issue': 'owner',
  'offers.list': 'owner',
  'offers.check': 'cashier',
  'offers.insights': 'owner',
  'model.show': 'owner',
  'model.backtest': 'owner',
  'lapsed.entries': 'owner',
  'customers.resolve': 'cashier',
  'device.pair': 'open',
  'device.me': 'device',
  'device.staff': 'device',
  'device.signIn': 'device',
  'device.signOut': 'device',
  'sharing.status': 'owner',
  'sharing.interfaces': 'owner',
  'sharing.start': 'owner',
  'sharing.stop': 'owner',
  'sharing.pairingCode': 'owner',
  'devices.list': 'owner',
  'devices.revoke': 'owner',
  'staff.access': 'owner',
  'staff.setAccess': 'owner',
  'devices.records': 'internal',
  'devices.addRecord': 'internal',
  'devices.updateRecord': 'internal',
  'staff.pinRecord': 'internal',
  'mainTill.get': 'owner',
  'mainTill.set': 'owner',
  'lockouts.records': 'internal',
  'lockouts.put': 'internal',
};

/** Whether a signed-in staff member's role may call a method of this access. */
export function roleAllows(role: StaffRole, access: Access): boolean {
  if (access === 'cashier' || access === 'device' || access === 'open') return true;
  return access === 'owner' && role === 'owner';
}

import { expect, it } from 'vitest';
import { METHODS } from '../../shared/api/contract';
import { ACCESS, roleAllows } from '../../main/core/roles';
import { checkShareAddress } from '../../main/share/address';
import { Lockout } from '../../main/share/limits';

it('every contract method has an access rule; the internal ones are never open to a device', () => {
  for (const m of METHODS) expect(ACCESS[m], m).toMatch(/^(open|device|cashier|owner|internal)$/);
  expect(METHODS.filter((m) => ACCESS[m] === 'open')).toEqual(['device.pair']);
  expect(METHODS.filter((m) => ACCESS[m] === 'internal').sort()).toEqual([
    'devices.addRecord',
    'devices.records',
    'devices.updateRecord',
    'lockouts.put',
    'lockouts.records',
    'staff.pinRecord',
  ]);
});

it('a cashier has Counter, Today and customers; exports, erasure, import, backups, settings and sharing are the owner’s', () => {
  for (const m of [
    'sales.record',
    'customers.search',
    'customers.create',
    'customers.update',
    'complaints.open',
    'today.list',
  ] as const)
    expect(roleAllows('cashier', ACCESS[m]), m).toBe(true);
  for (const m of [
    'exports.contacts',
    'customers.erase',
    'customers.exportData',
    'import.start',
    'backups.restore',
    'backups.create',
    'settings.update',
    'staff.setAccess',
    'sharing.start',
    'devices.revoke',
    'audit.list',
  ] as const) {
    expect(roleAllows('cashier', ACCESS[m]), m).toBe(false);
    expect(roleAllows('owner', ACCESS[m]), m).toBe(true);
  }
});

it('refuses wildcards and host names as a sharing address', () => {
  expect(checkShareAddress('0.0.0.0')).toEqual({ problem: 'address_wildcard' });
  expect(checkShareAddress('::')).toEqual({ problem: 'address_wildcard' });
  expect(checkShareAddress('[::]')).toEqual({ problem: 'address_wildcard' });
  expect(checkShareAddress('shop.local')).toEqual({ problem: 'address_invalid' });
  expect(checkShareAddress('192.0.2.254')).toEqual({ problem: 'address_not_here' });
});

it('locks a key out after repeated failures, longer each time', () => {
  const l = new Lockout({ maxFailures: 3, lockMs: 60_000, maxLockMs: 300_000 });
  expect([l.fail('a', 0), l.fail('a', 0), l.fail('a', 0)]).toEqual([0, 0, 60]);
  expect(l.retryAfter('a', 59_000)).toBe(1);
  expect(l.retryAfter('a', 60_000)).toBe(0);
  expect([l.fail('a', 60_000), l.fail('a', 60_000), l.fail('a', 60_000)]).toEqual([0, 0, 120]);
  l.succeed('b');
  expect(l.retryAfter('b', 0)).toBe(0);
});

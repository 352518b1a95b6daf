import { afterEach, expect, it } from 'vitest';
import { dispatch } from '../../main/api';
import { ShareHost } from '../../main/share/host';
import { cleanupAll, makeCtx, ok } from '../helpers/db';

afterEach(cleanupAll);

/**
 * The main till's own window (loopback browser mode and the Electron window both call
 * ShareHost.local): the owner's, unless the owner asks for a PIN there too.
 */
it('with a PIN on the main till, its window signs in like a device: role applies, sign out asks again', async () => {
  const { ctx, dir } = makeCtx();
  const owner = await ok<{ id: number }>(ctx, 'staff.create', { name: 'Olga' });
  const cashier = await ok<{ id: number }>(ctx, 'staff.create', { name: 'Ana' });
  await ok(ctx, 'staff.setAccess', { id: owner.id, role: 'owner', pin: '1357' });
  await ok(ctx, 'staff.setAccess', { id: cashier.id, pin: '2468' });
  const start = async () => {
    const host = new ShareHost({
      dispatch: (m, i) => dispatch(m, i, ctx),
      dbPath: `${dir}/shop.db`,
      staticDir: dir,
      clock: ctx.clock,
      log: { error: () => {}, info: () => {} },
    });
    await host.init();
    return host;
  };
  const host = await start();
  // no PIN asked: the owner, and a device's methods are not for this window
  expect(await host.local('customers.list', {})).toMatchObject({ ok: true });
  expect(await host.local('device.me', {})).toMatchObject({ ok: false, error: { detail: { reason: 'not_a_device' } } });

  expect(await host.local('mainTill.set', { requirePin: true })).toEqual({ ok: true, data: { requirePin: true } });
  expect(await host.local('customers.search', { query: 'x' })).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN', detail: { reason: 'sign_in' } },
  });
  expect(await host.local('device.me', {})).toMatchObject({ ok: true, data: { staff: null } });
  expect(await host.local('device.staff', {})).toMatchObject({ ok: true, data: [{ name: 'Olga' }, { name: 'Ana' }] });
  expect(await host.local('device.signIn', { staffId: cashier.id, pin: '0000' })).toMatchObject({
    ok: false,
    error: { code: 'UNAUTHORIZED', issues: [{ path: ['pin'], message: 'pin_wrong' }] },
  });
  expect(await host.local('device.signIn', { staffId: cashier.id, pin: '2468' })).toMatchObject({
    ok: true,
    data: { staff: { name: 'Ana', role: 'cashier' } },
  });
  // a cashier at the main till: the counter yes, the owner's screens no
  expect(await host.local('sales.record', { amountMinor: 500 })).toMatchObject({ ok: true });
  expect(await host.local('customers.list', {})).toMatchObject({ ok: false, error: { detail: { reason: 'role' } } });
  expect(await host.local('mainTill.set', { requirePin: false })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await host.local('device.signOut', {})).toMatchObject({ ok: true, data: { staff: null } });
  expect(await host.local('sales.today', {})).toMatchObject({ ok: false, error: { detail: { reason: 'sign_in' } } });

  // a restart keeps the setting (nobody signed in); the owner signs in and may switch it off
  const again = await start();
  expect(await again.local('device.me', {})).toMatchObject({ ok: true, data: { staff: null } });
  await again.local('device.signIn', { staffId: owner.id, pin: '1357' });
  expect(await again.local('customers.list', {})).toMatchObject({ ok: true });
  expect(await again.local('mainTill.set', { requirePin: false })).toEqual({ ok: true, data: { requirePin: false } });
  expect(await again.local('device.me', {})).toMatchObject({ ok: false, error: { detail: { reason: 'not_a_device' } } });
  const log = ctx.db.prepare("SELECT detail FROM audit_log WHERE action = 'staff.access' ORDER BY id DESC LIMIT 1").get();
  expect(log).toEqual({ detail: JSON.stringify({ mainTillPin: false }) });
});

import { afterEach, expect, it } from 'vitest';
import { dispatch } from '../../main/api';
import { DeviceAuth } from '../../main/share/devices';
import { cleanupAll, makeCtx, ok } from '../helpers/db';
import type { Ctx } from '../../main/ctx';
import type { DeviceRecord } from '../../shared/schemas/sharing';

afterEach(cleanupAll);

/** The host's view of the core, over a real shop file (the pool's role is only to relay). */
const authOn = (ctx: Ctx) =>
  new DeviceAuth((method, input) => dispatch(method, input, ctx), ctx.clock, { error: () => {}, info: () => {} });

it('PIN and pairing lockouts are kept in the shop file: a restart of the app gives no fresh tries', async () => {
  const { ctx, clock } = makeCtx();
  const ana = await ok<{ id: number }>(ctx, 'staff.create', { name: 'Ana' });
  await ok(ctx, 'staff.setAccess', { id: ana.id, pin: '2468' });
  const first = authOn(ctx);
  await first.reload();
  const dev = (await first.add('Till 2', 'x'.repeat(43))) as DeviceRecord;
  for (let i = 0; i < 4; i++) expect(await first.signIn(dev, ana.id, '0000', 'ip')).toMatchObject({ staff: null });
  expect(await first.signIn(dev, ana.id, '0000', 'ip')).toMatchObject({ retryAfter: 300 });
  for (let i = 0; i < 5; i++) first.pairLock.fail('192.0.2.2', clock.now);
  await first.locksSaved();
  expect(ctx.db.prepare('SELECT key, failures, locks FROM share_lockouts ORDER BY key').all()).toEqual([
    { key: 'pair:192.0.2.2', failures: 0, locks: 1 },
    { key: 'pin-device:device:1', failures: 5, locks: 0 },
    { key: 'pin:staff:1', failures: 0, locks: 1 },
  ]);

  // the app quits and opens again: a new host reads the lockouts back, the right PIN still waits
  const again = authOn(ctx);
  await again.reload();
  clock.now += 60_000;
  expect(await again.signIn(dev, ana.id, '2468', 'ip')).toMatchObject({ retryAfter: 240 });
  expect(again.pairLock.retryAfter('192.0.2.2', clock.now)).toBe(240);
  // the device's count of wrong PINs carried over too: five more lock the device itself
  clock.now += 240_000;
  for (let i = 0; i < 4; i++) expect(await again.signIn(dev, ana.id, '0000', 'ip')).toMatchObject({ staff: null });
  expect(await again.signIn(dev, ana.id, '0000', 'ip')).toMatchObject({ retryAfter: 900 });
  // once the time is up, the right PIN signs in, and the failures are cleared in the file too
  clock.now += 3_600_000;
  expect(await again.signIn(dev, ana.id, '2468', 'ip')).toMatchObject({ staff: { name: 'Ana' } });
  const rows = ctx.db.prepare("SELECT failures FROM share_lockouts WHERE key LIKE 'pin%'").all();
  expect(rows).toEqual([{ failures: 0 }, { failures: 0 }]);
});

it('the internal lockout methods are not for the window or another device', async () => {
  const { ctx } = makeCtx();
  const { ACCESS } = await import('../../main/core/roles');
  expect([ACCESS['lockouts.records'], ACCESS['lockouts.put']]).toEqual(['internal', 'internal']);
  expect(await ok(ctx, 'lockouts.records', {})).toEqual([]);
});

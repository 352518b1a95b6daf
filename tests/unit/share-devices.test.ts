import { expect, it } from 'vitest';
import type { Reply } from '../../shared/api/errors';
import type { DeviceRecord, StaffAccess } from '../../shared/schemas/sharing';
import { DEVICE_IDLE_MS, DeviceAuth, SESSION_IDLE_MS, sha256 } from '../../main/share/devices';
import { hashPin } from '../../main/security/pin';

/** devices.addRecord in the core kept in memory: a new paired device, returned as a copy. */
function addDevice(devices: DeviceRecord[], input: Record<string, unknown>, now: number): DeviceRecord {
  const d: DeviceRecord = {
    id: devices.length + 1,
    name: String(input.name),
    tokenHash: String(input.tokenHash),
    pairedAt: now,
    lastSeenAt: now,
    revokedAt: null,
    revokedReason: null,
    staffId: null,
    signedInAt: null,
  };
  devices.push(d);
  return { ...d };
}

/** DeviceAuth against a core kept in memory: what it asks for, and the clock, are the test's. */
function setup() {
  let now = Date.parse('2026-03-10T02:00:00Z');
  const devices: DeviceRecord[] = [];
  const staff: StaffAccess[] = [{ staffId: 1, name: 'Ana', isActive: true, role: 'cashier', hasPin: true }];
  const pinHash = hashPin('1234');
  const calls: { method: string; input: unknown; trusted?: boolean }[] = [];
  const dispatch = async (method: string, input: unknown, meta: { trusted?: boolean } = {}): Promise<Reply> => {
    calls.push({ method, input, trusted: meta.trusted });
    const i = input as Record<string, unknown>;
    if (method === 'devices.records') return { ok: true, data: devices.map((d) => ({ ...d })) };
    if (method === 'staff.access') return { ok: true, data: staff };
    if (method === 'lockouts.records') return { ok: true, data: [] };
    if (method === 'lockouts.put') return { ok: true, data: input };
    if (method === 'staff.pinRecord')
      return { ok: true, data: { staffId: 1, name: 'Ana', role: 'cashier', isActive: true, pinHash } };
    if (method === 'devices.addRecord') return { ok: true, data: addDevice(devices, i, now) };
    if (method === 'devices.updateRecord') {
      const d = devices.find((x) => x.id === i.id)!;
      if (i.revoke) Object.assign(d, { revokedAt: now, revokedReason: i.revoke, staffId: null });
      if (i.staffId !== undefined) Object.assign(d, { staffId: i.staffId, signedInAt: i.staffId === null ? null : now });
      if (typeof i.lastSeenAt === 'number') d.lastSeenAt = Math.max(d.lastSeenAt, i.lastSeenAt);
      return { ok: true, data: { ...d } };
    }
    return { ok: false, error: { code: 'UNKNOWN_METHOD' } };
  };
  const auth = new DeviceAuth(dispatch, { now: () => now }, { error: () => {}, info: () => {} });
  return { auth, devices, calls, advance: (ms: number) => (now += ms) };
}

it('keeps only the SHA-256 of a device token, and asks the core with trusted calls only', async () => {
  const { auth, devices, calls } = setup();
  await auth.reload();
  const token = 'a'.repeat(43);
  await auth.add('Till 2', token);
  expect(devices[0]!.tokenHash).toBe(sha256(token).toString('hex'));
  expect(devices[0]!.tokenHash).not.toContain(token);
  expect(auth.device(token)?.name).toBe('Till 2');
  expect(auth.device('b'.repeat(43))).toBeNull();
  expect(calls.every((c) => c.trusted)).toBe(true);
});

it('signs staff out after 12 hours unused, and expires a device after 30 days unused', async () => {
  const { auth, devices, advance } = setup();
  await auth.reload();
  const token = 'c'.repeat(43);
  const dev = (await auth.add('Phone', token))!;
  const r = await auth.signIn(dev, 1, '1234', '192.0.2.2');
  expect('staff' in r && r.staff?.name).toBe('Ana');
  advance(SESSION_IDLE_MS - 1000);
  expect(await auth.session((await auth.authenticate(token))!)).toMatchObject({ name: 'Ana' });
  advance(SESSION_IDLE_MS + 1000);
  const later = await auth.authenticate(token);
  expect(later?.staffId).toBeNull();
  expect(await auth.session(later!)).toBeNull();
  advance(DEVICE_IDLE_MS + 1000);
  expect(await auth.authenticate(token)).toBeNull();
  expect(devices[0]).toMatchObject({ revokedReason: 'idle' });
  expect(auth.device(token)).toBeNull();
});

it('a wrong PIN signs nobody in; the right one does, until locked out', async () => {
  const { auth } = setup();
  await auth.reload();
  const dev = (await auth.add('Till 3', 'd'.repeat(43)))!;
  for (let i = 0; i < 4; i++) expect(await auth.signIn(dev, 1, '9999', 'x')).toMatchObject({ staff: null });
  expect(await auth.signIn(dev, 1, '9999', 'x')).toMatchObject({ retryAfter: 300 });
  expect(await auth.signIn(dev, 1, '1234', 'x')).toMatchObject({ retryAfter: 300 });
});

it('reloads never finish out of order: a read from before a PIN was set cannot replace the newer list', async () => {
  let hasPin = false;
  let reads = 0;
  let release: () => void = () => {};
  let firstRead: () => void = () => {};
  const firstAsked = new Promise<void>((r) => (firstRead = r));
  const dispatch = async (method: string): Promise<Reply> => {
    if (method === 'devices.records' || method === 'lockouts.records') return { ok: true, data: [] };
    if (method === 'staff.access') {
      const data: StaffAccess[] = [{ staffId: 1, name: 'Ana', isActive: true, role: 'cashier', hasPin }];
      if (reads++ === 0) {
        firstRead();
        // the first read (after the role was changed) is answered late, after the PIN was set
        await new Promise<void>((r) => (release = r));
      }
      return { ok: true, data };
    }
    return { ok: false, error: { code: 'UNKNOWN_METHOD' } };
  };
  const auth = new DeviceAuth(dispatch, { now: () => 0 }, { error: () => {}, info: () => {} });
  const afterRole = auth.reload();
  await firstAsked;
  hasPin = true;
  const afterPin = auth.reload();
  release();
  await Promise.all([afterRole, afterPin]);
  expect(auth.signInChoices()).toEqual([{ id: 1, name: 'Ana' }]);
  expect(reads).toBe(2);
});

it('a device paired while a reload was reading is kept (the reload reads again)', async () => {
  const devices: DeviceRecord[] = [];
  let hold: Promise<void> | null = null;
  let release: () => void = () => {};
  let asked: () => void = () => {};
  const readAsked = new Promise<void>((r) => (asked = r));
  const dispatch = async (method: string, input: unknown): Promise<Reply> => {
    if (method === 'devices.records') {
      const data = devices.map((d) => ({ ...d }));
      if (hold) {
        asked();
        await hold;
      }
      return { ok: true, data };
    }
    if (method === 'staff.access' || method === 'lockouts.records') return { ok: true, data: [] };
    if (method === 'devices.addRecord') return { ok: true, data: addDevice(devices, input as Record<string, unknown>, 0) };
    return { ok: false, error: { code: 'UNKNOWN_METHOD' } };
  };
  const auth = new DeviceAuth(dispatch, { now: () => 0 }, { error: () => {}, info: () => {} });
  hold = new Promise<void>((r) => (release = r));
  const reloading = auth.reload();
  await readAsked; // the reload has read the devices: none yet
  hold = null;
  const token = 'c'.repeat(43);
  await auth.add('Till 3', token);
  release(); // ... and finishes after the pairing
  await reloading;
  expect(auth.device(token)?.name).toBe('Till 3');
});

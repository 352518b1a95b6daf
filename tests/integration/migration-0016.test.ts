import { afterEach, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '../../main/db/open';
import { LATEST_VERSION, migrations } from '../../main/db/migrations';
import { openApp, closeApp } from '../../main/app';
import { dispatch } from '../../main/api';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const clock = { now: () => Date.parse('2026-03-10T02:00:00Z') };

it('0016 gives an older shop no devices, its staff the cashier role without a PIN, and keeps its log and sales', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-m16-'));
  dirs.push(dir);
  const file = path.join(dir, 'shop.db');
  const before = migrations.filter((m) => m.version < 16);
  const old = new Database(file);
  migrate(old, file, before);
  expect(old.pragma('user_version', { simple: true })).toBe(before[before.length - 1]!.version);
  old.prepare("INSERT INTO main.staff (name, created_at) VALUES ('Ana', 0)").run();
  old.prepare("INSERT INTO audit_log (at, action, entity, entity_id, detail) VALUES (1, 'backup', 'shop', NULL, '{}')").run();
  old.close();

  const ctx = openApp({ dbPath: file, clock });
  try {
    expect(ctx.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM devices').get()).toEqual({ n: 0 });
    const access = await dispatch('staff.access', {}, ctx);
    expect(access).toEqual({ ok: true, data: [{ staffId: 1, name: 'Ana', isActive: true, role: 'cashier', hasPin: false }] });
    const log = await dispatch('audit.list', {}, ctx);
    // the entries from before (and the backup taken before the upgrade) name no device: this computer
    const entries = (log.ok ? log.data : []) as { at: number; action: string; device: string | null; staff: string | null }[];
    expect(entries.find((e) => e.at === 1)).toMatchObject({ action: 'backup', device: null, staff: null });
    expect(entries.every((e) => e.device === null && e.staff === null)).toBe(true);
    // a sale with a key is saved once; the same key again returns it
    const a = await dispatch('sales.record', { amountMinor: 500, idempotencyKey: 'key-0001-abc' }, ctx);
    const b = await dispatch('sales.record', { amountMinor: 999, idempotencyKey: 'key-0001-abc' }, ctx);
    expect(a.ok && b.ok && (b.data as { id: number }).id).toBe(a.ok && (a.data as { id: number }).id);
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM sales').get()).toEqual({ n: 1 });
    // a PIN is stored as scrypt with its own salt, never as typed
    await dispatch('staff.setAccess', { id: 1, pin: '2468', role: 'owner' }, ctx);
    const row = ctx.db.prepare('SELECT role, pin_hash FROM staff WHERE id = 1').get() as { role: string; pin_hash: string };
    expect(row.role).toBe('owner');
    expect(row.pin_hash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(row.pin_hash).not.toContain('2468');
  } finally {
    closeApp(ctx);
  }
});

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

it('0017 gives an older shop no lockouts and a main till without a PIN, keeping its devices and staff', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-m17-'));
  dirs.push(dir);
  const file = path.join(dir, 'shop.db');
  const before = migrations.filter((m) => m.version < 17);
  const old = new Database(file);
  migrate(old, file, before);
  old.prepare("INSERT INTO main.staff (name, created_at, role) VALUES ('Ana', 0, 'owner')").run();
  old.prepare("INSERT INTO devices (name, token_hash, paired_at, last_seen_at) VALUES ('Till 2', ?, 1, 1)").run('a'.repeat(64));
  old.close();

  const ctx = openApp({ dbPath: file, clock });
  try {
    expect(ctx.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM share_lockouts').get()).toEqual({ n: 0 });
    expect(ctx.db.prepare('SELECT name FROM devices').all()).toEqual([{ name: 'Till 2' }]);
    expect(await dispatch('mainTill.get', {}, ctx)).toEqual({ ok: true, data: { requirePin: false } });
    // a PIN on the main till needs an owner who has one, or nobody could sign in there
    expect(await dispatch('mainTill.set', { requirePin: true }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', issues: [{ path: ['requirePin'], message: 'main_till_needs_owner_pin' }] },
    });
    await dispatch('staff.setAccess', { id: 1, pin: '2468' }, ctx);
    expect(await dispatch('mainTill.set', { requirePin: true }, ctx)).toEqual({ ok: true, data: { requirePin: true } });
    expect(await dispatch('mainTill.get', {}, ctx)).toEqual({ ok: true, data: { requirePin: true } });
  } finally {
    closeApp(ctx);
  }
});

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

it('0011 gives a version-10 shop an empty attempts table; its open cases take attempts', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-m11-'));
  dirs.push(dir);
  const file = path.join(dir, 'shop.db');
  const v10 = new Database(file);
  migrate(v10, file, migrations.slice(0, 10));
  expect(v10.pragma('user_version', { simple: true })).toBe(10);
  v10.prepare("INSERT INTO main.customers (name, phone, created_at, updated_at) VALUES ('张三', '+8613912345678', 0, 0)").run();
  v10
    .prepare(
      `INSERT INTO winback_cases (customer_id, tier, value_12m_minor, opened_at, opened_on, follow_up_on, decision, updated_at)
       VALUES (1, 'key', 100, 0, '2026-03-01', '2026-03-08', 'at_once', 0)`,
    )
    .run();
  v10.close();

  const ctx = openApp({ dbPath: file, clock });
  try {
    expect(ctx.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM contact_attempts').get()).toEqual({ n: 0 });
    const r = await dispatch(
      'reach.attempt',
      { kind: 'winback_follow_up', ref: 1, outcome: 'reached', reason: 'moved_away' },
      ctx,
    );
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const w = await dispatch('winback.get', { id: 1 }, ctx);
    expect(w.ok && (w.data as { status: string; reason: string })).toMatchObject({ status: 'contacted', reason: 'moved_away' });
  } finally {
    closeApp(ctx);
  }
});

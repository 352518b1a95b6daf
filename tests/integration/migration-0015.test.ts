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

it('0015 keeps an older campaign and its members (no message on record); a merge carries a member’s message', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-m15-'));
  dirs.push(dir);
  const file = path.join(dir, 'shop.db');
  const old = new Database(file);
  const before = migrations.filter((m) => m.version < 15);
  migrate(old, file, before);
  expect(old.pragma('user_version', { simple: true })).toBe(before[before.length - 1]!.version);
  const add = old.prepare('INSERT INTO main.customers (name, phone, created_at, updated_at) VALUES (?, ?, 0, 0)');
  add.run('张三', '+8613912345678');
  add.run('张三（旧卡）', '+8613912345679');
  old
    .prepare(
      `INSERT INTO campaigns (created_at, business_date, segment, channel, format, formats, file_name, matched, exported,
         left_out_no_consent, left_out_no_contact)
       VALUES (0, '2026-03-01', 'all', 'sms', 'csv', '["csv"]', 'old.csv', 1, 1, 0, 0)`,
    )
    .run();
  old.prepare('INSERT INTO campaign_members (campaign_id, customer_id) VALUES (1, 1)').run();
  old.close();

  const ctx = openApp({ dbPath: file, clock });
  try {
    expect(ctx.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    const r = await dispatch('campaigns.results', { id: 1 }, ctx);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(r.ok && (r.data as { members: unknown[] }).members).toEqual([
      expect.objectContaining({ id: 1, name: '张三', message: null, offerCode: null, offerStatus: null }),
    ]);
    // the old card was sent a message in a later campaign; merged into 张三, the message stays on record
    ctx.db.prepare("UPDATE campaign_members SET customer_id = 2, message = '张三您好' WHERE campaign_id = 1").run();
    const m = await dispatch('customers.merge', { keepId: 1, mergeId: 2 }, ctx);
    expect(m.ok, JSON.stringify(m)).toBe(true);
    const after = await dispatch('campaigns.results', { id: 1 }, ctx);
    expect(after.ok && (after.data as { members: unknown[] }).members).toEqual([
      expect.objectContaining({ id: 1, message: '张三您好' }),
    ]);
  } finally {
    closeApp(ctx);
  }
});

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

it('0010 gives a version-9 shop’s campaigns their one format as a list', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-m10-'));
  dirs.push(dir);
  const file = path.join(dir, 'shop.db');
  const v9 = new Database(file);
  migrate(v9, file, migrations.slice(0, 9));
  expect(v9.pragma('user_version', { simple: true })).toBe(9);
  v9.prepare("INSERT INTO main.customers (name, phone, created_at, updated_at) VALUES ('张三', '+8613912345678', 0, 0)").run();
  const add = v9.prepare(
    `INSERT INTO campaigns (created_at, business_date, segment, segment_params, channel, format, file_name, matched, exported,
       left_out_no_consent, left_out_no_contact) VALUES (?, '2026-03-10', 'all', '{}', 'phone', ?, ?, 1, 1, 0, 0)`,
  );
  add.run(clock.now() - 1000, 'csv', 'a.csv');
  add.run(clock.now() - 500, 'vcf', 'a.vcf');
  v9.prepare('INSERT INTO campaign_members (campaign_id, customer_id) VALUES (1, 1), (2, 1)').run();
  v9.close();

  const ctx = openApp({ dbPath: file, clock });
  try {
    expect(ctx.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    const list = await dispatch('campaigns.list', {}, ctx);
    if (!list.ok) throw new Error(JSON.stringify(list.error));
    const rows = (list.data as { id: number; format: string; formats: string[] }[]).map((c) => [c.id, c.format, c.formats]);
    expect(rows).toEqual([
      [2, 'vcf', ['vcf']],
      [1, 'csv', ['csv']],
    ]);
  } finally {
    closeApp(ctx);
  }
});

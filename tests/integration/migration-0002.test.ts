import { afterEach, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '../../main/db/open';
import { migrations } from '../../main/db/migrations';
import { openApp, closeApp } from '../../main/app';
import { dispatch } from '../../main/api';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

it('0002 upgrades a version-1 shop: given names backfilled, imports and campaigns added, data kept', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-m2-'));
  dirs.push(dir);
  const file = path.join(dir, 'shop.db');
  const v1 = new Database(file);
  migrate(v1, file, migrations.slice(0, 1));
  const add = v1.prepare(
    `INSERT INTO main.customers (name, phone, phone_rev, name_key, name_pinyin, name_initials, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 0, 0)`,
  );
  add.run('李小红', '+8613912345678', '8765432193168', '李小红', 'lixiaohong', 'lxh');
  add.run('欧阳锋', null, null, '欧阳锋', 'ouyangfeng', 'oyf');
  add.run('Bob Smith', null, null, 'bob smith', 'bobsmith', 'bs');
  v1.prepare(
    "INSERT INTO main.sales (customer_id, occurred_at, business_date, amount_minor, created_at) VALUES (1, 0, '2026-01-01', 500, 0)",
  ).run();
  expect(v1.pragma('user_version', { simple: true })).toBe(1);
  v1.close();

  const ctx = openApp({ dbPath: file, clock: { now: () => Date.parse('2026-03-10T02:00:00Z') } });
  try {
    expect(ctx.db.pragma('user_version', { simple: true })).toBe(migrations[migrations.length - 1]!.version);
    const given = ctx.db.prepare('SELECT name, name_given FROM customers ORDER BY id').all();
    expect(given).toEqual([
      { name: '李小红', name_given: '小红' },
      { name: '欧阳锋', name_given: '锋' },
      { name: 'Bob Smith', name_given: 'smith' },
    ]);
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM sales WHERE import_id IS NULL').get()).toEqual({ n: 1 });
    const r = await dispatch('customers.search', { query: '小红' }, ctx);
    expect(r.ok && (r.data as { name: string }[]).map((c) => c.name)).toEqual(['李小红']);
    // The old file was backed up before the migration touched it.
    const backups = fs.readdirSync(path.join(dir, 'backups'));
    expect(backups.some((b) => b.includes('before-migration'))).toBe(true);
    const old = new Database(path.join(dir, 'backups', backups[0]!), { readonly: true });
    expect(old.pragma('user_version', { simple: true })).toBe(1);
    old.close();
  } finally {
    closeApp(ctx);
  }
});

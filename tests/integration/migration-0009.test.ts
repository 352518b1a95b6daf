import { afterEach, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '../../main/db/open';
import { LATEST_VERSION, migrations } from '../../main/db/migrations';
import { openApp, closeApp } from '../../main/app';
import { takeBackup } from '../../main/services/backup';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const clock = { now: () => Date.parse('2026-03-10T02:00:00Z') };

/** A version-8 shop with one sale, closed. */
function v8Shop(): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-m9-'));
  dirs.push(dir);
  const file = path.join(dir, 'shop.db');
  const v8 = new Database(file);
  migrate(v8, file, migrations.slice(0, 8));
  v8.prepare(
    "INSERT INTO main.sales (customer_id, occurred_at, business_date, amount_minor, created_at) VALUES (NULL, 0, '2026-01-01', 500, 0)",
  ).run();
  v8.close();
  return { dir, file };
}

it('0009 gives a version-8 shop a random shop id, kept on every later open; its backups are named with it', () => {
  const { dir, file } = v8Shop();
  const ctx = openApp({ dbPath: file, clock });
  let id: string;
  try {
    expect(ctx.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    id = ctx.db.prepare('SELECT shop_id FROM shop_identity WHERE id = 1').pluck().get() as string;
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(ctx.db.prepare('SELECT amount_minor FROM sales').pluck().all()).toEqual([500]);
    // one row only
    expect(() =>
      ctx.db.prepare("INSERT INTO shop_identity (id, shop_id, created_at) VALUES (2, 'abcdefabcdef', 0)").run(),
    ).toThrow(/CHECK/);
    const b = takeBackup(ctx, 'manual');
    expect(path.basename(b.file)).toBe(`shop-${id}-20260310-020000000-manual.db`);
  } finally {
    closeApp(ctx);
  }
  // the copy taken before the migration is the version-8 file, named the old way (it has no id yet)
  const before = fs.readdirSync(path.join(dir, 'backups')).filter((f) => f.includes('before-migration'));
  expect(before).toEqual(['shop-20260310-020000000-before-migration.db']);
  const again = openApp({ dbPath: file, clock });
  try {
    expect(again.db.prepare('SELECT shop_id FROM shop_identity').pluck().all()).toEqual([id]);
  } finally {
    closeApp(again);
  }
  // another shop gets another id
  const other = v8Shop();
  const o = openApp({ dbPath: other.file, clock });
  try {
    expect(o.db.prepare('SELECT shop_id FROM shop_identity').pluck().get()).not.toBe(id);
  } finally {
    closeApp(o);
  }
});

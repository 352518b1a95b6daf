import { afterEach, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LATEST_VERSION, migrate } from '../../main/db/open';
import { migrations } from '../../main/db/migrations';
import { openApp, closeApp } from '../../main/app';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

it('0008 rebuilds imports for product files on a version-7 shop, keeping every import and what points at it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-m8-'));
  dirs.push(dir);
  const file = path.join(dir, 'shop.db');
  const v7 = new Database(file);
  migrate(v7, file, migrations.slice(0, 7));
  v7.prepare(
    `INSERT INTO imports (kind, file_name, file_sha256, encoding, rows_total, rows_imported, rows_skipped, mapping, options, created_at)
     VALUES ('sales', 'till.csv', 'abc', 'utf8', 1, 1, 0, '{}', '{}', 5)`,
  ).run();
  v7.prepare(
    `INSERT INTO main.customers (name, phone, phone_rev, name_key, name_pinyin, name_initials, created_at, updated_at, import_id)
     VALUES ('李小红', NULL, NULL, '李小红', 'lixiaohong', 'lxh', 0, 0, 1)`,
  ).run();
  v7.prepare(
    "INSERT INTO main.sales (customer_id, occurred_at, business_date, amount_minor, created_at, import_id) VALUES (1, 0, '2026-01-01', 500, 0, 1)",
  ).run();
  expect(() =>
    v7
      .prepare(
        `INSERT INTO imports (kind, file_name, file_sha256, encoding, rows_total, rows_imported, rows_skipped, mapping, options, created_at)
         VALUES ('products', 'p.csv', 'x', 'utf8', 0, 0, 0, '{}', '{}', 0)`,
      )
      .run(),
  ).toThrow(/CHECK/);
  v7.close();

  const ctx = openApp({ dbPath: file, clock: { now: () => Date.parse('2026-03-10T02:00:00Z') } });
  try {
    expect(ctx.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(ctx.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(ctx.db.pragma('foreign_key_check')).toEqual([]);
    expect(ctx.db.prepare('SELECT id, kind, file_name FROM imports').all()).toEqual([
      { id: 1, kind: 'sales', file_name: 'till.csv' },
    ]);
    expect(ctx.db.prepare('SELECT import_id FROM sales').get()).toEqual({ import_id: 1 });
    expect(ctx.db.prepare('SELECT import_id FROM customers').get()).toEqual({ import_id: 1 });
    // the rebuilt table still guards its references and now takes product files
    ctx.db
      .prepare(
        `INSERT INTO imports (kind, file_name, file_sha256, encoding, rows_total, rows_imported, rows_skipped, mapping, options, created_at)
         VALUES ('products', 'p.csv', 'x', 'utf8', 0, 0, 0, '{}', '{}', 0)`,
      )
      .run();
    expect(() => ctx.db.prepare('DELETE FROM imports WHERE id = 1').run()).toThrow(/FOREIGN KEY/);
    expect(ctx.db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'sales'").get()).toMatchObject({
      sql: expect.stringContaining('REFERENCES imports(id)'),
    });
  } finally {
    closeApp(ctx);
  }
});

it('a migration that breaks a reference is rolled back and leaves the database as it was', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-m8-'));
  dirs.push(dir);
  const file = path.join(dir, 'shop.db');
  const db = new Database(file);
  migrate(db, file, migrations.slice(0, 7));
  db.prepare(
    "INSERT INTO main.sales (customer_id, occurred_at, business_date, amount_minor, created_at) VALUES (NULL, 0, '2026-01-01', 500, 0)",
  ).run();
  const bad = { version: 8, up: (d: Database.Database) => d.exec('UPDATE main.sales SET staff_id = 999') };
  expect(() => migrate(db, file, [...migrations.slice(0, 7), bad])).toThrow(/broken references/);
  expect(db.pragma('user_version', { simple: true })).toBe(7);
  expect(db.prepare('SELECT staff_id FROM sales').get()).toEqual({ staff_id: null });
  expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  db.close();
});

import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LATEST_VERSION, migrate, openDb, type Db } from '../../main/db/open';
import { migrations, type Migration } from '../../main/db/migrations';
import { openApp, closeApp } from '../../main/app';
import { AppError } from '../../shared/api/errors';
import type { Customer } from '../../shared/schemas/customer';
import type { Sale } from '../../shared/schemas/sale';
import { ok } from '../helpers/db';

const NOW = Date.parse('2026-03-10T10:00:00+08:00');
const clock = { now: () => NOW };

const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  dbs.splice(0).forEach((d) => d.open && d.close());
  dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-'));
  dirs.push(dir);
  return dir;
}
function track(db: Db): Db {
  dbs.push(db);
  return db;
}

const version = (db: Db) => db.pragma('user_version', { simple: true }) as number;
const schema = (db: Db) =>
  db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('openDb', () => {
  it('opens in WAL mode with FULL sync and foreign keys, at the latest schema', () => {
    const file = path.join(tempDir(), 'shop.db');
    const db = track(openDb(file));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(version(db)).toBe(LATEST_VERSION);
    expect(LATEST_VERSION).toBe(migrations[migrations.length - 1]!.version);
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    // Foreign keys are really enforced.
    expect(() =>
      db
        .prepare(
          "INSERT INTO main.sales (customer_id, occurred_at, business_date, amount_minor, created_at) VALUES (999, 0, '2026-01-01', 1, 0)",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('is idempotent: opening a current database again changes nothing and takes no backup', () => {
    const dir = tempDir();
    const file = path.join(dir, 'shop.db');
    const ctx = openApp({ dbPath: file, clock });
    const before = schema(ctx.db);
    closeApp(ctx);
    const again = openApp({ dbPath: file, clock });
    expect(version(again.db)).toBe(LATEST_VERSION);
    expect(schema(again.db)).toEqual(before);
    closeApp(again);
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });

  it('creates and migrates a database for an empty existing file', () => {
    const file = path.join(tempDir(), 'empty.db');
    fs.writeFileSync(file, '');
    const db = track(openDb(file));
    expect(version(db)).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT COUNT(*) AS n FROM customers').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM payment_methods').get()).toEqual({ n: 4 });
  });

  it('creates a missing file in a missing folder', async () => {
    const file = path.join(tempDir(), 'not', 'yet', 'shop.db');
    const ctx = openApp({ dbPath: file, clock });
    try {
      expect(fs.existsSync(file)).toBe(true);
      expect(version(ctx.db)).toBe(LATEST_VERSION);
      expect(await ok(ctx, 'shop.status')).toMatchObject({ customers: 0, sales: 0 });
    } finally {
      closeApp(ctx);
    }
  });

  it('refuses a database from a newer version of the app with DB_FROM_FUTURE and leaves it unchanged', () => {
    const dir = tempDir();
    const file = path.join(dir, 'future.db');
    const future = new Database(file);
    future.exec("CREATE TABLE from_the_future (x TEXT); INSERT INTO from_the_future VALUES ('keep me');");
    future.pragma(`user_version = ${LATEST_VERSION + 1}`);
    future.close();

    let thrown: unknown;
    try {
      track(openDb(file));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('DB_FROM_FUTURE');
    expect((thrown as AppError).detail).toMatchObject({ dbVersion: LATEST_VERSION + 1, appVersion: LATEST_VERSION });

    // openApp refuses it the same way, and takes no backup (nothing was going to be migrated).
    expect(() => openApp({ dbPath: file, clock })).toThrow(expect.objectContaining({ code: 'DB_FROM_FUTURE' }));
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);

    const check = new Database(file, { readonly: true });
    try {
      expect(version(check)).toBe(LATEST_VERSION + 1);
      expect(schema(check)).toEqual([{ type: 'table', name: 'from_the_future', sql: 'CREATE TABLE from_the_future (x TEXT)' }]);
      expect(check.prepare('SELECT x FROM from_the_future').all()).toEqual([{ x: 'keep me' }]);
    } finally {
      check.close();
    }
  });

  it('does not write a single byte to a database from a newer version (not even its journal mode)', () => {
    const file = path.join(tempDir(), 'future.db');
    const future = new Database(file);
    future.exec('CREATE TABLE from_the_future (x TEXT)');
    future.pragma(`user_version = ${LATEST_VERSION + 1}`);
    future.close();
    const before = sha(file);
    expect(() => openDb(file)).toThrow(expect.objectContaining({ code: 'DB_FROM_FUTURE' }));
    expect(sha(file)).toBe(before);
  });
});

describe('upgrading an older shop', () => {
  it('migrates a version-1 shop to the latest version, keeps its data, and backs up the old file first', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'shop.db');
    const v1 = new Database(file);
    migrate(v1, file, migrations.slice(0, 1));
    expect(version(v1)).toBe(1);
    v1.prepare(
      `INSERT INTO main.customers (name, phone, phone_rev, name_key, name_pinyin, name_initials, created_at, updated_at)
       VALUES ('张三', '+8613912345678', '8765432193168', '张三', 'zhangsan', 'zs', 0, 0)`,
    ).run();
    v1.prepare(
      `INSERT INTO main.sales (customer_id, occurred_at, business_date, amount_minor, created_at)
       VALUES (1, ?, '2026-03-01', 12800, 0)`,
    ).run(Date.parse('2026-03-01T10:00:00+08:00'));
    v1.exec(`UPDATE main.customers SET visits = 1, sales_count = 1, total_minor = 12800,
      first_visit_at = ${Date.parse('2026-03-01T10:00:00+08:00')}, last_visit_at = ${Date.parse('2026-03-01T10:00:00+08:00')},
      first_visit_date = '2026-03-01', last_visit_date = '2026-03-01'`);
    v1.close();

    const ctx = openApp({ dbPath: file, clock });
    try {
      expect(version(ctx.db)).toBe(LATEST_VERSION);
      const c = await ok<Customer>(ctx, 'customers.get', { id: 1 });
      expect(c).toMatchObject({ name: '张三', phone: '+8613912345678' });
      expect(c.stats).toMatchObject({ visits: 1, salesCount: 1, totalMinor: 12800 });
      const sales = await ok<Sale[]>(ctx, 'customers.sales', { customerId: 1 });
      expect(sales.map((s) => [s.amountMinor, s.businessDate])).toEqual([[12800, '2026-03-01']]);
      // Search and new writes work on the upgraded file.
      expect((await ok<{ name: string }[]>(ctx, 'customers.search', { query: '5678' })).map((x) => x.name)).toEqual(['张三']);
      await ok(ctx, 'sales.record', { customerId: 1, amountMinor: 100 });
      expect(await ok(ctx, 'db.integrityCheck')).toEqual({ ok: true, messages: ['ok'] });
    } finally {
      closeApp(ctx);
    }

    const backups = fs.readdirSync(path.join(dir, 'backups')).filter((f) => f.includes('before-migration'));
    expect(backups).toHaveLength(1);
    const old = new Database(path.join(dir, 'backups', backups[0]!), { readonly: true });
    try {
      expect(version(old)).toBe(1);
      expect(old.prepare('SELECT name FROM customers').all()).toEqual([{ name: '张三' }]);
      expect(old.prepare('SELECT amount_minor FROM sales').all()).toEqual([{ amount_minor: 12800 }]);
    } finally {
      old.close();
    }

    // Opening again: nothing left to migrate, no second backup.
    const again = openApp({ dbPath: file, clock });
    closeApp(again);
    expect(fs.readdirSync(path.join(dir, 'backups')).filter((f) => f.includes('before-migration'))).toHaveLength(1);
  });

  it('calls beforeMigrate with the old version only for an existing, older database', () => {
    const dir = tempDir();
    const calls: number[] = [];
    const fresh = track(openDb(path.join(dir, 'new.db'), { beforeMigrate: (_d, _f, from) => calls.push(from) }));
    expect(calls).toEqual([]);
    fresh.close();

    const file = path.join(dir, 'old.db');
    const v1 = new Database(file);
    migrate(v1, file, migrations.slice(0, 1));
    v1.close();
    track(openDb(file, { beforeMigrate: (d, f, from) => calls.push(from, version(d), f === file ? 1 : 0) }));
    expect(calls).toEqual([1, 1, 1]);
  });

  it('a migration that fails half way leaves the version and the schema as they were', () => {
    const file = path.join(tempDir(), 'shop.db');
    const db = track(new Database(file));
    migrate(db, file, migrations.slice(0, 1));
    db.prepare("INSERT INTO main.staff (name, created_at) VALUES ('小王', 0)").run();
    const before = schema(db);
    const broken: Migration = {
      version: 2,
      up(d) {
        d.exec('CREATE TABLE half_done (x INTEGER)');
        d.exec("INSERT INTO main.staff (name, created_at) VALUES ('ghost', 0)");
        throw new Error('boom half way');
      },
    };
    expect(() => migrate(db, file, [migrations[0]!, broken])).toThrow('boom half way');
    expect(version(db)).toBe(1);
    expect(schema(db)).toEqual(before);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    expect(db.prepare('SELECT name FROM staff').all()).toEqual([{ name: '小王' }]);
    // The real migration still applies afterwards.
    migrate(db, file, migrations);
    expect(version(db)).toBe(LATEST_VERSION);
  });

  it('runs all pending migrations as one step: a failure at a later one keeps none of the earlier ones', () => {
    const file = path.join(tempDir(), 'shop.db');
    const db = track(new Database(file));
    const broken: Migration = {
      version: 2,
      up(d) {
        d.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, file, [migrations[0]!, broken])).toThrow('boom');
    expect(version(db)).toBe(0);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'customers'").get()).toBeUndefined();
  });

  it('a version-1 shop whose upgrade fails at step 5 stays exactly a version-1 shop (not version 4)', () => {
    const file = path.join(tempDir(), 'shop.db');
    const db = track(new Database(file));
    migrate(db, file, migrations.slice(0, 1));
    db.prepare("INSERT INTO main.staff (name, created_at) VALUES ('小王', 0)").run();
    const before = schema(db);
    const broken: Migration = {
      version: 5,
      up(d) {
        d.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('step 5 failed');
      },
    };
    expect(() => migrate(db, file, [...migrations.slice(0, 4), broken, ...migrations.slice(5)])).toThrow('step 5 failed');
    expect(version(db)).toBe(1);
    expect(schema(db)).toEqual(before);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
    const again = track(new Database(file));
    expect(version(again)).toBe(1);
    expect(schema(again)).toEqual(before);
    migrate(again, file, migrations);
    expect(version(again)).toBe(LATEST_VERSION);
    expect(again.prepare('SELECT name FROM staff').all()).toEqual([{ name: '小王' }]);
  });
});

describe('migrate() from version 1 to a fake version 2, on a copy of a version-1 shop with data', () => {
  /** A version-1 shop file holding one customer with one sale, closed (WAL checkpointed). */
  function v1Shop(): string {
    const file = path.join(tempDir(), 'v1.db');
    const db = new Database(file);
    migrate(db, file, migrations.slice(0, 1));
    db.prepare(
      `INSERT INTO main.customers (name, phone, phone_rev, name_key, name_pinyin, name_initials, created_at, updated_at)
       VALUES ('张三', '+8613912345678', '8765432193168', '张三', 'zhangsan', 'zs', 0, 0)`,
    ).run();
    db.prepare(
      `INSERT INTO main.sales (customer_id, occurred_at, business_date, amount_minor, created_at) VALUES (1, 0, '2026-03-01', 12800, 0)`,
    ).run();
    db.close();
    return file;
  }
  /** A copy beside it, so the original stays a pristine version-1 file. */
  function copyOf(file: string, name: string): string {
    const copy = path.join(path.dirname(file), name);
    fs.copyFileSync(file, copy);
    return copy;
  }
  const data = (db: Db) => ({
    customers: db.prepare('SELECT id, name, phone FROM customers ORDER BY id').all(),
    sales: db.prepare('SELECT customer_id, amount_minor, business_date FROM sales ORDER BY id').all(),
  });
  const V1_DATA = {
    customers: [{ id: 1, name: '张三', phone: '+8613912345678' }],
    sales: [{ customer_id: 1, amount_minor: 12800, business_date: '2026-03-01' }],
  };

  /** Adds a column and fills it from existing rows, as a real migration would. */
  const addNickname: Migration = {
    version: 2,
    up(d) {
      d.exec("ALTER TABLE customers ADD COLUMN nickname TEXT NOT NULL DEFAULT ''");
      d.exec("UPDATE main.customers SET nickname = 'A' || name");
    },
  };
  const failing: Migration = {
    version: 2,
    up(d) {
      d.exec("ALTER TABLE customers ADD COLUMN nickname TEXT NOT NULL DEFAULT ''");
      d.exec('DELETE FROM main.sales');
      throw new Error('migration 2 failed');
    },
  };

  interface Call {
    file: string;
    from: number;
    versionAtCall: number;
    hadNickname: boolean;
  }
  const spy = (calls: Call[]) => (d: Db, file: string, from: number) =>
    calls.push({
      file,
      from,
      versionAtCall: version(d),
      hadNickname: (d.prepare('PRAGMA table_info(customers)').all() as { name: string }[]).some((c) => c.name === 'nickname'),
    });

  it('upgrades the copy, calls beforeMigrate once before changing anything, and keeps the data', () => {
    const original = v1Shop();
    const file = copyOf(original, 'copy.db');
    const calls: Call[] = [];
    const db = track(new Database(file));
    migrate(db, file, [migrations[0]!, addNickname], spy(calls));

    expect(calls).toEqual([{ file, from: 1, versionAtCall: 1, hadNickname: false }]);
    expect(version(db)).toBe(2);
    expect(data(db)).toEqual(V1_DATA);
    expect(db.prepare('SELECT nickname FROM customers').all()).toEqual([{ nickname: 'A张三' }]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    // Nothing left to do: no second call.
    migrate(db, file, [migrations[0]!, addNickname], spy(calls));
    expect(calls).toHaveLength(1);

    // The original file was not touched.
    const orig = track(new Database(original, { readonly: true }));
    expect(version(orig)).toBe(1);
    expect(data(orig)).toEqual(V1_DATA);
  });

  it('does not call beforeMigrate for a new (version 0) database, nor for one already current', () => {
    const calls: Call[] = [];
    const freshFile = path.join(tempDir(), 'fresh.db');
    const fresh = track(new Database(freshFile));
    migrate(fresh, freshFile, [migrations[0]!, addNickname], spy(calls));
    expect(version(fresh)).toBe(2);
    expect(calls).toEqual([]);

    const mem = track(new Database(':memory:'));
    migrate(mem, ':memory:', migrations.slice(0, 1));
    migrate(mem, ':memory:', [migrations[0]!, addNickname], spy(calls));
    expect(version(mem)).toBe(2);
    expect(calls).toEqual([]); // an in-memory database has no file to back up

    const current = copyOf(v1Shop(), 'current.db');
    const db = track(new Database(current));
    migrate(db, current, migrations.slice(0, 1), spy(calls));
    expect(calls).toEqual([]);
  });

  it('a failing version 2 rolls back: user_version stays 1, schema and data as they were', () => {
    const file = copyOf(v1Shop(), 'copy.db');
    const calls: Call[] = [];
    const db = track(new Database(file));
    const before = schema(db);
    expect(() => migrate(db, file, [migrations[0]!, failing], spy(calls))).toThrow('migration 2 failed');
    expect(calls).toHaveLength(1); // the backup hook ran before the attempt
    expect(version(db)).toBe(1);
    expect(schema(db)).toEqual(before);
    expect(data(db)).toEqual(V1_DATA);
    db.close();

    // Reopened from disk, it is still a sound version-1 file that the good migration can upgrade.
    const again = track(new Database(file));
    expect(version(again)).toBe(1);
    expect(data(again)).toEqual(V1_DATA);
    migrate(again, file, [migrations[0]!, addNickname]);
    expect(version(again)).toBe(2);
    expect(data(again)).toEqual(V1_DATA);
  });

  it('refuses a list older than the database with DB_FROM_FUTURE and changes nothing', () => {
    const file = copyOf(v1Shop(), 'copy.db');
    const db = track(new Database(file));
    migrate(db, file, [migrations[0]!, addNickname]);
    expect(() => migrate(db, file, migrations.slice(0, 1))).toThrow(expect.objectContaining({ code: 'DB_FROM_FUTURE' }));
    expect(version(db)).toBe(2);
  });
});

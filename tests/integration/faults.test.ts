import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dispatch } from '../../main/api';
import { openApp, closeApp } from '../../main/app';
import { migrate } from '../../main/db/open';
import { migrations } from '../../main/db/migrations';
import { takeBackup } from '../../main/services/backup';
import { dbFault } from '../../main/db/faults';
import { cleanupAll, makeCtx, ok } from '../helpers/db';
import { messages } from '../../shared/i18n';
import type { Ctx } from '../../main/ctx';

afterEach(cleanupAll);
const CLI = path.resolve(__dirname, '../../dist/cli/index.mjs');
const quiet = { error: () => {}, warn: () => {}, info: () => {} };

const customers = (ctx: Ctx) => ctx.db.prepare('SELECT COUNT(*) FROM customers').pluck().get() as number;

describe('a write the database refuses: a typed error in the owner’s words, nothing half-saved, retry works', () => {
  it('full disk (max_page_count): DB_FULL; earlier sales kept; saving again works once there is room', async () => {
    const { ctx } = makeCtx();
    ctx.log = quiet;
    await ok(ctx, 'sales.record', { amountMinor: 1000 });
    const pages = ctx.db.pragma('page_count', { simple: true }) as number;
    ctx.db.pragma(`max_page_count = ${pages}`);
    let reply;
    let n = 0;
    // fill what room is left, then one more
    do reply = await dispatch('customers.create', { name: `顾客${n++}`, notes: '备注'.repeat(2000) }, ctx);
    while (reply.ok && n < 500);
    expect(reply).toMatchObject({ ok: false, error: { code: 'DB_FULL' } });
    const saved = customers(ctx);
    const again = await dispatch('customers.create', { name: '再试', notes: '备注'.repeat(2000) }, ctx);
    expect(again).toMatchObject({ ok: false, error: { code: 'DB_FULL' } });
    expect(customers(ctx)).toBe(saved);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM sales').pluck().get()).toBe(1);
    ctx.db.pragma('max_page_count = 1073741823');
    await ok(ctx, 'customers.create', { name: '再试', notes: '备注'.repeat(2000) });
    expect(customers(ctx)).toBe(saved + 1);
    expect(ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('locked by another program: DB_BUSY, nothing written; works once the other lets go', async () => {
    const { ctx } = makeCtx();
    ctx.log = quiet;
    ctx.db.pragma('busy_timeout = 50');
    const other = new Database(ctx.dbPath);
    other.exec('BEGIN EXCLUSIVE');
    const r = await dispatch('customers.create', { name: '王芳', phone: '13912345678' }, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'DB_BUSY' } });
    other.exec('COMMIT');
    other.close();
    expect(customers(ctx)).toBe(0);
    await ok(ctx, 'customers.create', { name: '王芳', phone: '13912345678' });
    expect(customers(ctx)).toBe(1);
  });

  it('read-only: DB_READONLY, nothing changed', async () => {
    const { ctx } = makeCtx();
    ctx.log = quiet;
    await ok(ctx, 'customers.create', { name: '已有' });
    ctx.db.pragma('query_only = 1');
    const r = await dispatch('sales.record', { amountMinor: 1000 }, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'DB_READONLY' } });
    // reading still works
    expect((await ok<unknown[]>(ctx, 'customers.search', { query: '已有' })).length).toBe(1);
  });

  it('every fault has its message, with the way out, in both languages', () => {
    for (const code of ['DB_FULL', 'DB_READONLY', 'DB_BUSY', 'DB_DAMAGED'] as const)
      for (const lang of ['en', 'zh-CN'] as const) expect(messages[lang][`error.${code}`]).toBeTruthy();
    expect(messages.en['error.DB_DAMAGED']).toMatch(/backup/i);
    expect(messages['zh-CN']['error.DB_FULL']).toMatch(/重试/);
    expect(dbFault(Object.assign(new Error('x'), { code: 'SQLITE_CORRUPT_INDEX' }))).toBe('DB_DAMAGED');
    expect(dbFault(Object.assign(new Error('x'), { code: 'SQLITE_IOERR_WRITE' }))).toBe('DB_READONLY');
    expect(dbFault(new Error('plain'))).toBeNull();
  });
});

describe('files that cannot be used', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const tmp = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-fault-'));
    dirs.push(d);
    return d;
  };

  it('a file that is not a database: the command line says it is damaged and how to restore, and changes nothing', () => {
    const file = path.join(tmp(), 'shop.db');
    const junk = Buffer.from('这不是数据库 '.repeat(500));
    fs.writeFileSync(file, junk);
    const r = spawnSync(process.execPath, [CLI, 'lapsed', '--db', file], {
      encoding: 'utf8',
      env: { ...process.env, LANG: 'en_US.UTF-8' },
    });
    expect(r.status).toBe(5);
    expect(r.stderr).toContain('damaged');
    expect(r.stderr).toMatch(/restore/i);
    expect(fs.readFileSync(file).equals(junk)).toBe(true);
    const zh = spawnSync(process.execPath, [CLI, 'lapsed', '--db', file], {
      encoding: 'utf8',
      env: { ...process.env, LANG: 'zh_CN.UTF-8' },
    });
    expect(zh.stderr).toContain('已损坏');
  });

  it('flipped bytes in a shop with data: opening says damaged (browser mode too, with the way out) and the backup is whole', async () => {
    const dir = tmp();
    const file = path.join(dir, 'shop.db');
    const ctx = openApp({ dbPath: file, log: quiet });
    for (let i = 0; i < 300; i++) await ok(ctx, 'customers.create', { name: `顾客${i}`, notes: 'x'.repeat(300) });
    takeBackup(ctx, 'manual');
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    closeApp(ctx);
    // garble the header of every page after the first two (the b-tree pages of the tables)
    const bytes = fs.readFileSync(file);
    const page = 4096;
    for (let p = 2; p < bytes.length / page; p++) for (let i = 0; i < 8; i++) bytes[p * page + i] = bytes[p * page + i]! ^ 0xa5;
    fs.writeFileSync(file, bytes);
    let thrown: unknown = null;
    try {
      closeApp(openApp({ dbPath: file, log: quiet }));
    } catch (e) {
      thrown = e;
    }
    expect(dbFault(thrown)).toBe('DB_DAMAGED');
    // browser mode says so and how to get back, instead of a stack trace
    const r = spawnSync(process.execPath, [CLI, 'serve', '--db', file, '--port', '0'], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, LANG: 'en_US.UTF-8' },
    });
    expect(r.status).toBe(5);
    expect(r.stderr).toMatch(/damaged.*Restore the latest backup/s);
    // the backup taken before is whole
    const [backup] = fs.readdirSync(path.join(dir, 'backups')).filter((b) => b.endsWith('.db'));
    const copy = new Database(path.join(dir, 'backups', backup!), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT COUNT(*) FROM customers').pluck().get()).toBe(300);
    copy.close();
  });

  it('a migration that fails half way leaves the old database as it was, and a backup of it', () => {
    const dir = tmp();
    const file = path.join(dir, 'shop.db');
    const old = new Database(file);
    migrate(old, file, migrations.slice(0, 7));
    old
      .prepare(
        "INSERT INTO main.customers (name, name_key, name_pinyin, name_initials, created_at, updated_at) VALUES ('李雷', '李雷', 'lilei', 'll', 0, 0)",
      )
      .run();
    const schemaBefore = old.prepare('SELECT sql FROM sqlite_master ORDER BY name').pluck().all();
    const broken = {
      version: 8,
      up(d: Database.Database) {
        d.exec('CREATE TABLE half_done (x INTEGER)');
        d.exec('ALTER TABLE customers ADD COLUMN nickname TEXT');
        throw new Error('the disk went away');
      },
    };
    expect(() =>
      migrate(old, file, [...migrations.slice(0, 7), broken], (d, f) =>
        takeBackup({ db: d, dbPath: f, clock: { now: () => 0 } }, 'before-migration'),
      ),
    ).toThrow('the disk went away');
    expect(old.pragma('user_version', { simple: true })).toBe(7);
    expect(old.prepare('SELECT sql FROM sqlite_master ORDER BY name').pluck().all()).toEqual(schemaBefore);
    expect(old.prepare('SELECT name FROM customers').pluck().all()).toEqual(['李雷']);
    old.close();
    const backups = fs.readdirSync(path.join(dir, 'backups')).filter((b) => b.includes('before-migration'));
    expect(backups).toHaveLength(1);
    const copy = new Database(path.join(dir, 'backups', backups[0]!), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(7);
    expect(copy.prepare('SELECT name FROM customers').pluck().all()).toEqual(['李雷']);
    copy.close();
  });
});

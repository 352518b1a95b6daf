import { afterEach, describe, expect, it, vi } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dispatch } from '../../main/api';
import { closeApp, openApp } from '../../main/app';
import type { Ctx } from '../../main/ctx';
import { takeBackup } from '../../main/services/backup';
import { listBackups, type BackupInfo } from '../../main/services/backup-rotation';
import { restoreBackup } from '../../main/services/restore';
import { backupWarningOf, startupChecks } from '../../main/services/startup';
import { messages } from '../../shared/i18n';
import { ok, tempShops } from '../helpers/shop';

/** Issue 14, "Nothing lost, no one locked out": restore, start-up backups, backup files, shared folders. */
const shops = tempShops(Date.parse('2026-03-10T02:00:00Z'));
const quiet = { error: () => {}, info: () => {} };
const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-safety-'));
  dirs.push(d);
  return d;
}
function fresh(): { ctx: Ctx; dir: string } {
  const ctx = shops.fresh();
  ctx.log = quiet;
  return { ctx, dir: shops.dirOf(ctx) };
}
const amounts = (db: Database.Database) => db.prepare('SELECT amount_minor FROM sales ORDER BY id').pluck().all();
const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('restore never bricks the shop', () => {
  it('a backup that passes the preview but cannot be opened and migrated leaves the live shop untouched and working', async () => {
    const { ctx, dir } = fresh();
    await ok(ctx, 'customers.create', { name: '张三', phone: '13912345678' });
    await ok(ctx, 'sales.record', { customerId: null, amountMinor: 5000 });
    // the right table names at an old user_version (0): migration 1 meets "table customers already exists"
    fs.mkdirSync(path.join(dir, 'backups'), { recursive: true });
    const name = 'shop-20260301-020000000-manual.db';
    const bad = new Database(path.join(dir, 'backups', name));
    bad.exec(
      'CREATE TABLE customers (id INTEGER PRIMARY KEY, merged_into_id INTEGER); CREATE TABLE sales (id INTEGER PRIMARY KEY)',
    );
    bad.close();
    expect(await ok(ctx, 'backups.preview', { name })).toMatchObject({ ok: true });

    const r = await dispatch('backups.restore', { name }, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', detail: { reason: 'backup_unusable' } } });
    // The shop answers, holds what it held and takes the next sale.
    expect(await ok(ctx, 'shop.status')).toMatchObject({ customers: 1, sales: 1 });
    await ok(ctx, 'sales.record', { customerId: null, amountMinor: 100 });
    expect(fs.readdirSync(dir).filter((f) => f.includes('.restoring'))).toEqual([]);
    closeApp(ctx);
    const again = openApp({ dbPath: ctx.dbPath, log: quiet });
    try {
      expect(amounts(again.db)).toEqual([5000, 100]);
      expect(again.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      closeApp(again);
    }
  });

  it('an older backup is migrated on a copy before the swap; the restored shop keeps this shop’s id', async () => {
    const { ctx } = fresh();
    const id = (ctx.db.prepare('SELECT shop_id FROM shop_identity').pluck().get() as string) ?? '';
    await ok(ctx, 'sales.record', { customerId: null, amountMinor: 700 });
    const b = takeBackup(ctx, 'manual');
    await ok(ctx, 'sales.record', { customerId: null, amountMinor: 800 });
    restoreBackup(ctx, b.file);
    expect(amounts(ctx.db)).toEqual([700]);
    expect(ctx.db.prepare('SELECT shop_id FROM shop_identity').pluck().get()).toBe(id);
    expect(fs.existsSync(`${ctx.dbPath}.restoring`)).toBe(false);
  });
});

describe('backups are complete, synced and checked', () => {
  it('the safety copy of a damaged shop before a restore holds the sales still in its WAL', async () => {
    const { ctx } = fresh();
    ctx.db.pragma('wal_autocheckpoint = 0');
    await ok(ctx, 'sales.record', { customerId: null, amountMinor: 100 });
    const good = takeBackup(ctx, 'manual');
    // damage integrity_check sees while writes go on: a CHECK constraint broken behind its back
    ctx.db.pragma('ignore_check_constraints = ON');
    ctx.db.prepare('UPDATE main.sales SET amount_minor = -1 WHERE id = 1').run();
    ctx.db.pragma('ignore_check_constraints = OFF');
    await ok(ctx, 'sales.record', { customerId: null, amountMinor: 4242 });
    expect(fs.statSync(`${ctx.dbPath}-wal`).size).toBeGreaterThan(0);

    const r = restoreBackup(ctx, good.file);
    expect(r.safetyCopy.reason).toBe('damaged');
    const copy = new Database(r.safetyCopy.file, { readonly: true });
    try {
      expect(amounts(copy)).toEqual([-1, 4242]);
    } finally {
      copy.close();
    }
    expect(amounts(ctx.db)).toEqual([100]);
  });

  it('a backup holds what is still in the WAL, is fsynced with its folder, and is checked by opening it', async () => {
    const { ctx } = fresh();
    ctx.db.pragma('wal_autocheckpoint = 0');
    await ok(ctx, 'sales.record', { customerId: null, amountMinor: 321 });
    const opened = new Map<number, string>();
    const synced: string[] = [];
    const openSync = fs.openSync;
    vi.spyOn(fs, 'openSync').mockImplementation((...a: Parameters<typeof fs.openSync>) => {
      const fd = openSync(...a);
      opened.set(fd, String(a[0]));
      return fd;
    });
    const fsyncSync = fs.fsyncSync;
    vi.spyOn(fs, 'fsyncSync').mockImplementation((fd: number) => {
      synced.push(opened.get(fd) ?? `fd ${fd}`);
      fsyncSync(fd);
    });
    const b = takeBackup(ctx, 'manual');
    vi.restoreAllMocks();
    // the copy is synced under its partial name, then renamed to the backup's and the folder synced
    expect(synced).toContain(`${b.file}.partial`);
    expect(synced.lastIndexOf(path.dirname(b.file))).toBeGreaterThan(synced.indexOf(`${b.file}.partial`));
    expect(fs.existsSync(`${b.file}.partial`)).toBe(false);
    expect(fs.existsSync(`${b.file}-wal`)).toBe(false);
    const copy = new Database(b.file, { readonly: true });
    try {
      expect(amounts(copy)).toEqual([321]);
    } finally {
      copy.close();
    }
  });
});

describe('the guard against raw copies', () => {
  it('no code copies a database file byte for byte, except a damaged shop’s last-resort copy in restore.ts', () => {
    const root = path.resolve(__dirname, '../../main');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name) && /copyFile|createReadStream\(.*db/.test(fs.readFileSync(p, 'utf8')))
          offenders.push(path.relative(root, p));
      }
    };
    walk(root);
    expect(offenders).toEqual(['services/restore.ts']);
  });
});

describe('a failed start-up backup is a warning, not damage', () => {
  it('an unplugged backup folder: the shop is healthy, works, and shop.status carries the warning', async () => {
    const { ctx } = fresh();
    const usb = path.join(tmp(), 'usb');
    fs.mkdirSync(usb);
    await ok(ctx, 'settings.update', { backupDir: usb });
    fs.rmSync(usb, { recursive: true });

    startupChecks(ctx);
    const status = await ok<{ health: string; backupWarning: string | null }>(ctx, 'shop.status');
    expect(status).toMatchObject({ health: 'ok', backupWarning: 'folder_missing' });
    // not quietly recreated on the system disk; backing up by hand says which field to fix
    expect(fs.existsSync(usb)).toBe(false);
    expect(await dispatch('backups.create', {}, ctx)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: ['backupDir'], message: 'folder_not_writable' }] },
    });
    expect(fs.existsSync(usb)).toBe(false);
    await ok(ctx, 'sales.record', { customerId: null, amountMinor: 100 });
    for (const lang of ['en', 'zh-CN'] as const)
      expect(messages[lang][`backupWarning.${status.backupWarning!}` as 'backupWarning.failed']).toBeTruthy();

    // plugged back in: the next start backs up and the warning is gone
    fs.mkdirSync(usb);
    startupChecks(ctx);
    expect(await ok(ctx, 'shop.status')).toMatchObject({ health: 'ok', backupWarning: null });
    expect(listBackups(usb)).toHaveLength(1);
  });

  it('says why: a full disk, a folder that cannot be written, anything else', () => {
    const err = (code: string) => Object.assign(new Error(code), { code });
    expect(backupWarningOf(err('ENOSPC'))).toBe('disk_full');
    expect(backupWarningOf(err('SQLITE_FULL'))).toBe('disk_full');
    expect(backupWarningOf(err('EACCES'))).toBe('not_writable');
    expect(backupWarningOf(err('ENOENT'))).toBe('folder_missing');
    expect(backupWarningOf(new Error('?'))).toBe('failed');
  });
});

describe('two shops sharing one backup folder', () => {
  it('each names its backups with its shop id, rotates only its own and never lists or restores the other’s', async () => {
    const shared = tmp();
    const a = fresh().ctx;
    const b = fresh().ctx;
    for (const ctx of [a, b]) await ok(ctx, 'settings.update', { backupDir: shared });
    const idOf = (ctx: Ctx) => ctx.db.prepare('SELECT shop_id FROM shop_identity').pluck().get() as string;
    expect(idOf(a)).not.toBe(idOf(b));
    const bFiles: string[] = [];
    for (let i = 0; i < 3; i++) {
      bFiles.push(takeBackup(b, 'daily').file);
      shops.clock.now += 86_400_000;
    }
    // an old-named backup (from before shop ids) of a shop whose file is called shop.db
    const old = path.join(shared, 'shop-20250101-020000000-daily.db');
    fs.copyFileSync(bFiles[0]!, old);
    for (let i = 0; i < 14; i++) {
      takeBackup(a, 'daily');
      shops.clock.now += 86_400_000;
    }
    for (const f of [...bFiles, old]) expect(fs.existsSync(f), f).toBe(true);
    expect(bFiles.every((f) => path.basename(f).includes(idOf(b)))).toBe(true);

    const listA = await ok<{ backups: BackupInfo[] }>(a, 'backups.list');
    expect(listA.backups.length).toBeLessThan(14);
    expect(listA.backups.every((x) => path.basename(x.file).includes(idOf(a)) || x.file === old)).toBe(true);
    expect(listA.backups.map((x) => x.file)).toContain(old);
    for (const f of bFiles) {
      const name = path.basename(f);
      expect(await dispatch('backups.preview', { name }, a)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await dispatch('backups.restore', { name }, a)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    const listB = await ok<{ backups: BackupInfo[] }>(b, 'backups.list');
    expect(listB.backups.map((x) => x.file).sort()).toEqual([...bFiles, old].sort());
  });
});

describe('a shop whose id cannot be read (damaged)', () => {
  it('still finds its backups by its file name, to restore one', async () => {
    const { ctx } = fresh();
    const b = takeBackup(ctx, 'manual');
    ctx.db.exec('DROP TABLE shop_identity');
    const list = await ok<{ backups: BackupInfo[] }>(ctx, 'backups.list');
    expect(list.backups.map((x) => x.file)).toEqual([b.file]);
  });
});

describe('the backup folder and the activity log', () => {
  it('settings.backupDir must be an absolute folder that can be written (a translated field error otherwise)', async () => {
    const { ctx } = fresh();
    const d = tmp();
    const file = path.join(d, 'a-file');
    fs.writeFileSync(file, '');
    for (const [dir, message] of [
      ['backups', 'folder_not_absolute'],
      ['./usb/backups', 'folder_not_absolute'],
      [path.join(d, 'missing'), 'folder_not_writable'],
      [file, 'folder_not_writable'],
    ] as const) {
      const r = await dispatch('settings.update', { backupDir: dir }, ctx);
      expect(r, dir).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: ['backupDir'], message }] } });
      for (const lang of ['en', 'zh-CN'] as const) expect(messages[lang][`error.field.${message}`]).toBeTruthy();
    }
    expect(await ok(ctx, 'settings.get')).toMatchObject({ backupDir: null });
    expect(await ok(ctx, 'settings.update', { backupDir: d })).toMatchObject({ backupDir: d });
    expect(fs.readdirSync(d)).toEqual(['a-file']);
    expect(await ok(ctx, 'settings.update', { backupDir: null })).toMatchObject({ backupDir: null });
  });

  it('every full copy (backup, contact export, customer data export) is in the activity log with where it went', async () => {
    const { ctx } = fresh();
    const c = await ok<{ id: number }>(ctx, 'customers.create', { name: '张三', phone: '13912345678', consent: { sms: true } });
    const b = await ok<BackupInfo>(ctx, 'backups.create');
    await ok(ctx, 'exports.contacts', { segment: 'all', channel: 'sms', format: 'csv' });
    await ok(ctx, 'customers.exportData', { id: c.id });
    const log = await ok<{ action: string; detail: Record<string, unknown> }[]>(ctx, 'audit.list', { action: null, limit: 50 });
    expect(log.find((e) => e.action === 'backup')?.detail).toEqual({ reason: 'manual', to: b.file });
    expect(log.find((e) => e.action === 'export.contacts')?.detail).toMatchObject({ to: 'download' });
    expect(log.find((e) => e.action === 'customer.export')?.detail).toMatchObject({ to: 'download' });
  });
});

describe('files are the owner’s only', () => {
  it.skipIf(process.platform === 'win32')('the database, its WAL, backups (0600) and their folders (0700)', async () => {
    const old = process.umask(0o022);
    try {
      const file = path.join(tmp(), 'new-shop', 'shop.db');
      const ctx = openApp({ dbPath: file, log: quiet });
      try {
        await ok(ctx, 'sales.record', { customerId: null, amountMinor: 100 });
        expect(mode(file)).toBe(0o600);
        expect(mode(`${file}-wal`)).toBe(0o600);
        expect(mode(path.dirname(file))).toBe(0o700);
        const b = takeBackup(ctx, 'manual');
        expect(mode(b.file)).toBe(0o600);
        expect(mode(path.dirname(b.file))).toBe(0o700);
      } finally {
        closeApp(ctx);
      }
    } finally {
      process.umask(old);
    }
  });
});

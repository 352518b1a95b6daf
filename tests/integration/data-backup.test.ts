import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { closeApp } from '../../main/app';
import { ok, tempShops } from '../helpers/shop';
import type { Ctx } from '../../main/ctx';
import { dispatch } from '../../main/api';
import { dailyBackupIfDue, takeBackup } from '../../main/services/backup';
import { chooseKept, listBackups, type BackupInfo } from '../../main/services/backup-rotation';
import { previewBackup, restoreBackup } from '../../main/services/restore';
import { eraseCustomer } from '../../main/services/privacy';

const shops = tempShops(Date.parse('2026-03-10T02:00:00Z'));
const clock = shops.clock;
function fresh(): { ctx: Ctx; dir: string } {
  const ctx = shops.fresh();
  return { ctx, dir: shops.dirOf(ctx) };
}

describe('backups', () => {
  it('a backup taken while the app runs is a consistent, checked copy; restore brings it back and keeps a safety copy', async () => {
    const { ctx, dir } = fresh();
    const c = await ok<{ id: number }>(ctx, 'customers.create', { name: '张三', phone: '13912345678' });
    await ok(ctx, 'sales.record', { customerId: c.id, amountMinor: 5000 });
    const b = takeBackup(ctx, 'manual');
    expect(path.dirname(b.file)).toBe(path.join(dir, 'backups'));
    expect(previewBackup(b.file)).toMatchObject({ ok: true, customers: 1, sales: 1 });

    await ok(ctx, 'customers.create', { name: '李四', phone: '13800138000' });
    await ok(ctx, 'sales.record', { customerId: null, amountMinor: 100 });
    const r = restoreBackup(ctx, b.file);
    expect(r.preview).toMatchObject({ customers: 1, sales: 1 });
    const status = await ok<{ customers: number; sales: number }>(ctx, 'shop.status');
    expect(status).toMatchObject({ customers: 1, sales: 1 });
    expect(previewBackup(r.safetyCopy.file)).toMatchObject({ customers: 2, sales: 2 });
    expect(r.safetyCopy.reason).toBe('before-restore');
    expect((ctx.db.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check).toBe('ok');
  });

  it('through the API backups are named by file name only; other paths are not found', async () => {
    const { ctx } = fresh();
    const b = await ok<BackupInfo>(ctx, 'backups.create');
    const list = await ok<{ backups: BackupInfo[] }>(ctx, 'backups.list');
    expect(list.backups.map((x) => x.file)).toEqual([b.file]);
    expect(await ok(ctx, 'backups.preview', { name: path.basename(b.file) })).toMatchObject({ ok: true });
    const bad = await dispatch('backups.restore', { name: '../shop.db' }, ctx);
    expect(bad.ok).toBe(false);
    const missing = await dispatch('backups.preview', { name: 'nope.db' }, ctx);
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('a corrupt file is refused as a backup', () => {
    const { ctx, dir } = fresh();
    const b = takeBackup(ctx, 'manual');
    const bytes = fs.readFileSync(b.file);
    for (let i = 4096; i < bytes.length; i += 97) bytes[i] = bytes[i]! ^ 0xff;
    const broken = path.join(dir, 'broken.db');
    fs.writeFileSync(broken, bytes);
    expect(previewBackup(broken).ok).toBe(false);
    expect(() => restoreBackup(ctx, broken)).toThrow();
  });

  it('at most one automatic start-up backup a day', () => {
    const { ctx } = fresh();
    expect(dailyBackupIfDue(ctx)).not.toBeNull();
    clock.now += 3_600_000;
    expect(dailyBackupIfDue(ctx)).toBeNull();
    clock.now += 86_400_000;
    expect(dailyBackupIfDue(ctx)).not.toBeNull();
  });

  it('rotation keeps 7 daily, 4 weekly and 12 monthly backups', () => {
    const day = 86_400_000;
    const start = Date.parse('2026-03-10T02:00:00Z');
    const all: BackupInfo[] = [];
    for (let i = 0; i < 400; i++) all.push({ file: `f${i}`, takenAt: start - i * day, reason: 'daily', bytes: 1 });
    const kept = chooseKept(all);
    for (let i = 0; i < 7; i++) expect(kept.has(`f${i}`)).toBe(true);
    expect(kept.has('f8')).toBe(false);
    expect(kept.size).toBeGreaterThanOrEqual(12);
    expect(kept.size).toBeLessThanOrEqual(7 + 4 + 12);
    const months = new Set([...kept].map((f) => new Date(start - Number(f.slice(1)) * day).toISOString().slice(0, 7)));
    expect(months.size).toBe(12);
  });

  it('rotation deletes old automatic backups on disk', () => {
    const { ctx, dir } = fresh();
    for (let i = 0; i < 12; i++) {
      takeBackup(ctx, 'daily');
      clock.now += 86_400_000;
    }
    const left = listBackups(path.join(dir, 'backups'));
    expect(left.length).toBeLessThan(12);
    expect(left.length).toBeLessThanOrEqual(7 + 4 + 12);
    expect(left.length).toBeGreaterThanOrEqual(7);
  });
});

describe('personal data', () => {
  it('erasing a customer removes their personal data from the database file; their sales stay anonymous', async () => {
    const { ctx, dir } = fresh();
    const c = await ok<{ id: number }>(ctx, 'customers.create', {
      name: '隐私测试员',
      phone: '13987654321',
      memberCode: 'SECRET-77',
      notes: 'lives at 42 Secret Lane',
      birthday: '1990-01-02',
      consent: { sms: true },
    });
    await ok(ctx, 'customers.update', { id: c.id, tags: ['VIP'] });
    const other = await ok<{ id: number }>(ctx, 'customers.create', { name: '留下的人', phone: '13700001111' });
    await ok(ctx, 'customers.merge', { keepId: c.id, mergeId: other.id });
    await ok(ctx, 'sales.record', { customerId: c.id, amountMinor: 4321 });
    const before = await ok<{ sales: number }>(ctx, 'shop.status');
    const total = () => (ctx.db.prepare('SELECT SUM(amount_minor) AS t FROM sales').get() as { t: number }).t;
    const t0 = total();

    const exported = await ok<{ json: { customer: { name: string } } }>(ctx, 'customers.exportData', { id: c.id });
    expect(exported.json.customer.name).toBe('隐私测试员');

    const r = eraseCustomer(ctx, c.id);
    expect(r.anonymisedSales).toBe(1);
    expect(total()).toBe(t0);
    expect((await ok<{ sales: number }>(ctx, 'shop.status')).sales).toBe(before.sales);
    expect(await dispatch('customers.get', { id: c.id }, ctx)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    closeApp(ctx);

    const files = fs.readdirSync(dir).filter((f) => f.startsWith('shop.db'));
    const needles = [
      '13987654321',
      '+8613987654321',
      '12345678931',
      '隐私测试员',
      '留下的人',
      'SECRET-77',
      'secret-77',
      'Secret Lane',
      '1990-01-02',
    ];
    for (const f of files) {
      const bytes = fs.readFileSync(path.join(dir, f));
      for (const n of needles) expect(bytes.includes(Buffer.from(n, 'utf8')), `${n} in ${f}`).toBe(false);
    }
    const db = new Database(path.join(dir, 'shop.db'), { readonly: true });
    expect((db.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check).toBe('ok');
    expect(db.prepare("SELECT action FROM audit_log WHERE action = 'customer.erase'").all()).toHaveLength(1);
    db.close();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { cleanupAll, makeCtx } from '../helpers/db';
import { backupBeforeChange, dailyBackupIfDue, takeBackup } from '../../main/services/backup';
import { KEEP, listBackups } from '../../main/services/backup-rotation';
import { ImportCancelled, runImport } from '../../main/services/import/run';
import { restoreBackup } from '../../main/services/restore';
import { ImportOptions } from '../../shared/schemas/import';

/**
 * Issue 15, item 16: scheduled backups (7 daily, 4 weekly, 12 monthly) rotate apart from the copies
 * taken before a change (the newest KEEP.beforeChange of those), the newest copy from before an
 * import and before a restore never rotates away, and a failed action leaves no backup behind.
 */
afterEach(cleanupAll);

const MIN = 60_000;
const DAY = 86_400_000;

describe('backup rotation', () => {
  it('many before-change copies in one day keep the day’s daily backup and the copy from before the import', () => {
    const { ctx, dir, clock } = makeCtx(Date.parse('2026-03-10T01:00:00Z'));
    const daily = dailyBackupIfDue(ctx)!;
    clock.now += MIN;
    const beforeImport = backupBeforeChange(ctx, 'import');
    for (let i = 0; i < 30; i++) {
      clock.now += MIN;
      backupBeforeChange(ctx, 'erase');
    }
    const left = listBackups(path.join(dir, 'backups'));
    const files = left.map((b) => b.file);
    expect(files).toContain(daily.file);
    expect(files).toContain(beforeImport.file);
    // the before-change copies rotate among themselves: the newest KEEP.beforeChange
    expect(left.filter((b) => b.reason === 'before-erase')).toHaveLength(KEEP.beforeChange);
  }, 180_000);

  it('the newest copy from before a restore stays however many others follow it', async () => {
    const { ctx, dir, clock } = makeCtx(Date.parse('2026-03-10T01:00:00Z'));
    const manual = takeBackup(ctx, 'manual');
    clock.now += MIN;
    const r = restoreBackup(ctx, manual.file);
    for (let i = 0; i < 3 * KEEP.beforeChange; i++) {
      clock.now += MIN;
      backupBeforeChange(ctx, i % 2 ? 'erase' : 'migration');
    }
    const files = listBackups(path.join(dir, 'backups')).map((b) => b.file);
    expect(files).toContain(r.safetyCopy.file);
    expect(files).toContain(manual.file);
  });

  it('days, weeks and months of daily backups rotate to 7 daily, 4 weekly and 12 monthly', () => {
    // starts every third day for 13 months, then every day for 40 days (a copy taken before a
    // change now and then): each backup is a checked copy, so a start a day for 400 days is too slow
    const start = Date.parse('2025-02-03T01:00:00Z');
    const { ctx, dir, clock } = makeCtx(start);
    const days = [...Array.from({ length: 120 }, (_, i) => i * 3), ...Array.from({ length: 40 }, (_, i) => 360 + i)];
    for (const [n, i] of days.entries()) {
      clock.now = start + i * DAY;
      dailyBackupIfDue(ctx);
      if (n % 10) continue;
      clock.now += MIN;
      backupBeforeChange(ctx, 'erase');
    }
    const left = listBackups(path.join(dir, 'backups'));
    const dailies = left.filter((b) => b.reason === 'daily').map((b) => b.takenAt);
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const last = start + 399 * DAY;
    // the last 7 days, each
    for (let i = 0; i < 7; i++) expect(dailies.map(day)).toContain(day(last - i * DAY));
    // one a week for the last 4 weeks (Monday weeks), one a month for the last 12 months
    const week = (ms: number) => Math.floor((ms / DAY + 3) / 7);
    expect(new Set(dailies.map(week)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(dailies.map((ms) => day(ms).slice(0, 7))).size).toBe(12);
    expect(dailies.length).toBeLessThanOrEqual(7 + 4 + 12);
    // nothing older than 12 months of dailies
    expect(Math.min(...dailies)).toBeGreaterThan(last - 366 * DAY);
    expect(left.filter((b) => b.reason === 'before-erase')).toHaveLength(KEEP.beforeChange);
  }, 180_000);

  it('a daily backup is still taken on a day that began with a before-change copy', () => {
    const { ctx, clock } = makeCtx(Date.parse('2026-03-10T01:00:00Z'));
    backupBeforeChange(ctx, 'import');
    clock.now += MIN;
    expect(dailyBackupIfDue(ctx)).not.toBeNull();
  });
});

describe('a failed action leaves no backup behind', () => {
  const opts = (o: Partial<ImportOptions> = {}) =>
    ImportOptions.parse({ kind: 'customers', dryRun: false, skipBadRows: false, createCustomers: false, ...o });
  const file = Buffer.from('name,phone\n张三,13912345678\n李四,13800138000\n');

  it('a cancelled import removes its before-import copy', async () => {
    const { ctx, dir } = makeCtx();
    await expect(
      runImport(ctx, file, 'c.csv', opts(), { isCancelled: () => true, beforeWrite: () => backupBeforeChange(ctx, 'import') }),
    ).rejects.toBeInstanceOf(ImportCancelled);
    expect(listBackups(path.join(dir, 'backups'))).toEqual([]);
  });

  it('a successful import keeps it', async () => {
    const { ctx, dir } = makeCtx();
    await runImport(ctx, file, 'c.csv', opts(), { beforeWrite: () => backupBeforeChange(ctx, 'import') });
    expect(listBackups(path.join(dir, 'backups')).map((b) => b.reason)).toEqual(['before-import']);
  });

  it('a restore whose swap fails removes its before-restore copy and leaves the shop as it was', () => {
    const { ctx, dir, clock } = makeCtx();
    const manual = takeBackup(ctx, 'manual');
    clock.now += MIN;
    const rename = fs.renameSync;
    fs.renameSync = () => {
      throw Object.assign(new Error('EBUSY'), { code: 'EBUSY' });
    };
    try {
      expect(() => restoreBackup(ctx, manual.file)).toThrow();
    } finally {
      fs.renameSync = rename;
    }
    expect(listBackups(path.join(dir, 'backups')).map((b) => b.file)).toEqual([manual.file]);
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM customers').get()).toEqual({ n: 0 });
  });
});

import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/api/errors';
import { LATEST_VERSION, openDb } from '../db/open';
import { vacuumInto } from '../db/vacuum-into';
import { audit } from '../db/queries/audit';
import { countLiveCustomers } from '../db/queries/customers';
import { countSales } from '../db/queries/sales';
import { hasShopTables } from '../db/queries/schema';
import { writeShopId } from '../db/queries/shop-identity';
import { assertNotInUse } from '../db/in-use';
import { importRunningFor } from './import/jobs';
import type { Ctx } from '../ctx';
import { backupBeforeChange, backupName, checkFile, folderToWrite, ownerOf, syncPath } from './backup';
import { discardBackup, listBackups, type BackupInfo } from './backup-rotation';

/**
 * The current database, kept before a restore replaces it. A damaged database may fail to copy
 * through SQLite (or its copy fails the check); then its files are copied byte for byte (reason
 * "damaged") after moving what the WAL holds into the main file, and where even that fails the WAL
 * goes along beside the copy, so the latest sales are never left out.
 */
function safetyCopyOf(ctx: Ctx): BackupInfo {
  try {
    return backupBeforeChange(ctx, 'restore');
  } catch (e) {
    if (e instanceof AppError && e.code === 'DB_IN_USE') throw e;
    ctx.log.error('a checked copy of the current database failed; copying its files as they are', e);
  }
  const dbPath = path.resolve(ctx.dbPath);
  try {
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // the WAL is copied along below
  }
  const now = ctx.clock.now();
  const dir = folderToWrite(ctx);
  const file = path.join(dir, backupName(ownerOf(ctx), now, 'damaged'));
  fs.copyFileSync(dbPath, file, fs.constants.COPYFILE_EXCL);
  fs.chmodSync(file, 0o600);
  syncPath(file);
  const wal = `${dbPath}-wal`;
  if ((fs.statSync(wal, { throwIfNoEntry: false })?.size ?? 0) > 0) {
    fs.copyFileSync(wal, `${file}-wal`);
    fs.chmodSync(`${file}-wal`, 0o600);
    syncPath(`${file}-wal`);
  }
  syncPath(dir);
  return { file, takenAt: now, reason: 'damaged', bytes: fs.statSync(file).size };
}

export interface BackupPreview {
  file: string;
  takenAt: number | null;
  customers: number;
  sales: number;
  version: number;
  ok: boolean;
}

export function previewBackup(file: string): BackupPreview {
  const check = checkFile(file);
  if (!check.ok) return { file, takenAt: null, customers: 0, sales: 0, version: check.version, ok: false };
  const db = new Database(file, { readonly: true });
  try {
    if (!hasShopTables(db)) return { file, takenAt: null, customers: 0, sales: 0, version: check.version, ok: false };
    const stat = fs.statSync(file);
    const fromName = listBackups(path.dirname(file)).find((b) => b.file === path.resolve(file));
    return {
      file,
      takenAt: fromName?.takenAt ?? stat.mtimeMs,
      customers: countLiveCustomers(db),
      sales: countSales(db),
      version: check.version,
      ok: check.version <= LATEST_VERSION,
    };
  } finally {
    db.close();
  }
}

/** Removes a database file with its WAL and shared-memory files. */
function removeDbFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
}

/**
 * Makes `staged` a complete copy of the backup, opened and migrated exactly as the live file will
 * be, checked, carrying this shop's id (the backups folder keeps naming the shop the same), closed
 * (its WAL folded in) and synced. Throws VALIDATION (backup_unusable) when any of it fails.
 */
function stageRestore(ctx: Ctx, from: string, staged: string, shopId: string | null): void {
  let db: Database.Database | undefined;
  try {
    const src = new Database(from, { readonly: true, fileMustExist: true });
    try {
      fs.writeFileSync(staged, '', { mode: 0o600, flag: 'wx' });
      vacuumInto(src, staged);
    } finally {
      src.close();
    }
    db = openDb(staged);
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (rows.length !== 1 || rows[0]!.integrity_check !== 'ok' || fk.length)
      throw new Error(
        `restored copy failed its check: ${rows.map((r) => r.integrity_check).join('; ')}; ${fk.length} broken references`,
      );
    if (shopId) writeShopId(db, shopId);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    syncPath(staged);
  } catch (e) {
    if (db?.open) db.close();
    if (e instanceof AppError && e.code === 'DB_FROM_FUTURE') throw e;
    ctx.log.error('the backup could not be opened and brought up to date; the shop is unchanged', e);
    throw new AppError('VALIDATION', { reason: 'backup_unusable' });
  }
}

/**
 * Replaces the shop database with a backup, so that a backup that cannot become a working shop
 * never replaces one that works: refused while another process has the shop open, and while an
 * import of this process has it open (its worker's own connection would go on writing into the
 * file replaced, and the import would say done with nothing of it in the shop); the backup is
 * copied, opened and migrated beside the live file first (the live shop untouched and working if
 * that fails); then the current database is backed up, and only then is the copy renamed over the
 * file (folder synced) and reopened. `ctx.db` is replaced. Nothing named `.restoring` is left.
 */
export function restoreBackup(ctx: Ctx, from: string): { preview: BackupPreview; safetyCopy: BackupInfo } {
  assertNotInUse(ctx.dbPath);
  const importing = importRunningFor(ctx.dbPath);
  if (importing !== undefined) throw new AppError('CONFLICT', { reason: 'import_running', jobId: importing });
  const preview = previewBackup(from);
  if (!preview.ok)
    throw new AppError(preview.version > LATEST_VERSION ? 'DB_FROM_FUTURE' : 'VALIDATION', { reason: 'backup_unusable' });
  const dbPath = path.resolve(ctx.dbPath);
  const staged = `${dbPath}.restoring`;
  // left over from an attempt that was killed half way: never part of the shop
  removeDbFiles(staged);
  try {
    stageRestore(ctx, from, staged, ownerOf(ctx).shopId);
    const safetyCopy = safetyCopyOf(ctx);
    swapIn(ctx, staged, safetyCopy);
    ctx.health = 'ok';
    audit(ctx.db, ctx.clock.now(), 'restore', 'database', null, {
      from: path.basename(from),
      safetyCopy: path.basename(safetyCopy.file),
      safetyCopyPath: safetyCopy.file,
    });
    return { preview, safetyCopy };
  } finally {
    removeDbFiles(staged);
  }
}

/** Renames the staged copy over the live file and reopens it; should that fail, the shop as it was comes back. */
function swapIn(ctx: Ctx, staged: string, safetyCopy: BackupInfo): void {
  const dbPath = path.resolve(ctx.dbPath);
  try {
    // Everything committed is in the main file (and in the safety copy) before it is replaced.
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // a damaged file; the safety copy holds its WAL
  }
  ctx.db.close();
  try {
    // A WAL left beside the file would be replayed into the restored one: it goes first.
    for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(dbPath + suffix, { force: true });
    fs.renameSync(staged, dbPath);
    syncPath(path.dirname(dbPath));
  } catch (e) {
    // the file was not replaced: the shop goes on as it was, and the copy taken for it goes
    ctx.db = openDb(dbPath);
    discardBackup(safetyCopy);
    throw e;
  }
  try {
    ctx.db = openDb(dbPath);
  } catch (e) {
    ctx.log.error('the restored database did not open; putting the shop back as it was', e);
    removeDbFiles(dbPath);
    fs.copyFileSync(safetyCopy.file, dbPath);
    if (fs.existsSync(`${safetyCopy.file}-wal`)) fs.copyFileSync(`${safetyCopy.file}-wal`, `${dbPath}-wal`);
    ctx.db = openDb(dbPath);
    throw new AppError('VALIDATION', { reason: 'backup_unusable' });
  }
}

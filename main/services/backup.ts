import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/api/errors';
import { audit } from '../db/queries/audit';
import { readShopId } from '../db/queries/shop-identity';
import { assertNotInUse } from '../db/in-use';
import { vacuumInto } from '../db/vacuum-into';
import { consoleLogger, type Ctx } from '../ctx';
import { handOver } from '../core/write-step';
import { auditEntryStep } from './audit-entry';
import { getSettings } from './settings';
import { businessDate } from '../../shared/domain/dates';
import { listBackups, rotate, type BackupInfo, type BackupOwner } from './backup-rotation';

/*
 * Backups are consistent copies taken while the app runs (VACUUM INTO reads one snapshot), checked
 * with integrity_check after writing. Automatic ones live in DIR/backups/ beside DIR/NAME.db unless
 * the owner chose another folder, and rotate (backup-rotation.ts: the daily ones and those taken
 * before a change apart; manual backups never).
 */

/** Whose backups a shop lists and rotates. */
export function ownerOf(ctx: Pick<Ctx, 'db' | 'dbPath'> & { shopId?: string | null }): BackupOwner {
  let shopId: string | null;
  try {
    shopId = readShopId(ctx.db);
  } catch {
    // A damaged database may not yield its id: the one read when it was opened, if any.
    shopId = ctx.shopId ?? null;
  }
  return { shopId, base: path.basename(ctx.dbPath, path.extname(ctx.dbPath)) };
}

export function backupDir(ctx: Pick<Ctx, 'db' | 'dbPath'>): string {
  return chosenBackupDir(ctx) ?? defaultBackupDir(ctx.dbPath);
}

const defaultBackupDir = (dbPath: string) => path.join(path.dirname(path.resolve(dbPath)), 'backups');

function chosenBackupDir(ctx: Pick<Ctx, 'db'>): string | null {
  try {
    return getSettings(ctx.db).backupDir;
  } catch {
    // A damaged database may not even yield its settings; its backups are still found beside it.
    return null;
  }
}

/**
 * The folder to write a backup into. The default folder beside the database is created (owner
 * only); a folder the owner chose must already be there: an unplugged USB stick must fail loudly
 * rather than quietly become a folder on the system disk.
 */
export function folderToWrite(ctx: Pick<Ctx, 'db' | 'dbPath'>): string {
  const chosen = chosenBackupDir(ctx);
  if (chosen === null) {
    const dir = defaultBackupDir(ctx.dbPath);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return dir;
  }
  if (!fs.statSync(chosen, { throwIfNoEntry: false })?.isDirectory())
    throw new AppError('VALIDATION', { reason: 'backup_folder_missing' }, [
      { path: ['backupDir'], message: 'folder_not_writable' },
    ]);
  return chosen;
}

/** YYYYMMDD-HHMMSSmmm in UTC: sorts by time and never collides within one process. */
const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:.]/g, '').replace('T', '-').slice(0, 18);

/** fsync of a file or a folder (so a rename or a new file survives a power cut); folders cannot be opened on Windows. */
export function syncPath(p: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(p, 'r');
    fs.fsyncSync(fd);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!(process.platform === 'win32' && (code === 'EISDIR' || code === 'EPERM' || code === 'EACCES'))) throw e;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Writes a complete, synced and checked copy of the open database to `dest` (which must not exist):
 * VACUUM INTO reads one consistent snapshot, WAL included (never a byte copy of the main file) into
 * `dest.partial`, created owner-only (0600), flushed as it is written (vacuumInto: the counter's
 * commits never queue behind the whole copy), fsynced, integrity-checked and only then
 * renamed to `dest`: a copy cut short (the app closing mid-backup, a crash) never carries a
 * backup's name, so it is neither offered for a restore nor counted as the day's backup.
 */
export function writeCopy(db: Database.Database, dest: string): void {
  fs.mkdirSync(path.dirname(dest), { recursive: true, mode: 0o700 });
  if (fs.existsSync(dest)) throw Object.assign(new Error(`${dest} already exists`), { code: 'EEXIST' });
  const part = `${dest}.partial`;
  // VACUUM INTO accepts an empty file: creating it first gives it the owner-only mode.
  fs.writeFileSync(part, '', { mode: 0o600, flag: 'wx' });
  try {
    vacuumInto(db, part);
    fs.chmodSync(part, 0o600);
    syncPath(part);
    const check = checkFile(part);
    if (!check.ok) throw new AppError('INTERNAL', { reason: 'backup_check_failed', messages: check.messages });
    fs.renameSync(part, dest);
    syncPath(path.dirname(dest));
  } catch (e) {
    fs.rmSync(part, { force: true });
    throw e;
  }
}

/**
 * Opens a backup and integrity-checks it. The connection is read-write but query_only: SQLite does
 * not verify CHECK constraints on a read-only connection, so such a check would pass a copy whose
 * rows break them. A file that can only be opened read-only (a write-protected stick) is checked so.
 */
export function checkFile(file: string): { ok: boolean; messages: string[]; version: number } {
  let db: Database.Database | undefined;
  try {
    try {
      db = new Database(file, { fileMustExist: true });
      db.pragma('query_only = 1');
    } catch {
      db?.close();
      db = new Database(file, { readonly: true, fileMustExist: true });
    }
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const messages = rows.map((r) => r.integrity_check);
    return {
      ok: messages.length === 1 && messages[0] === 'ok',
      messages,
      version: db.pragma('user_version', { simple: true }) as number,
    };
  } catch (e) {
    return { ok: false, messages: [e instanceof Error ? e.message : String(e)], version: 0 };
  } finally {
    db?.close();
  }
}

export function backupName(owner: BackupOwner, ms: number, reason: string): string {
  return owner.shopId ? `${owner.base}-${owner.shopId}-${stamp(ms)}-${reason}.db` : `${owner.base}-${stamp(ms)}-${reason}.db`;
}

/** What taking a copy needs: the connection, and on a reader lane the way to the writer lane for its log line. */
type CopyCtx = Pick<Ctx, 'db' | 'clock'> & Partial<Pick<Ctx, 'writer' | 'log'>>;

/**
 * A full copy of the shop left the database: the activity log says when, why and where to. On a
 * reader lane (the owner's "Back up now", the daily backup: the heavy reader) the line is handed to
 * the writer lane and not waited for (main/core/write-step.ts): the copy is on disk whatever the
 * log says, and a write of the reader's own would take the write lock a sale may be waiting for.
 */
function logCopy(ctx: CopyCtx, reason: string, to: string): void {
  const entry = { at: ctx.clock.now(), action: 'backup' as const, entity: 'database', entityId: null, detail: { reason, to } };
  if (ctx.writer) return handOver(ctx.writer, ctx.log ?? consoleLogger, auditEntryStep, entry);
  audit(ctx.db, entry.at, entry.action, entry.entity, entry.entityId, entry.detail);
}

/** An automatic backup into the backup folder, logged in the activity log, then rotation. */
export function takeBackup(ctx: CopyCtx & Pick<Ctx, 'dbPath'>, reason: string): BackupInfo {
  let now = ctx.clock.now();
  const owner = ownerOf(ctx);
  const dir = folderToWrite(ctx);
  while (fs.existsSync(path.join(dir, backupName(owner, now, reason)))) now++;
  const file = path.join(dir, backupName(owner, now, reason));
  writeCopy(ctx.db, file);
  logCopy(ctx, reason, file);
  rotate(dir, owner, file, shopZone(ctx));
  return { file, takenAt: now, reason, bytes: fs.statSync(file).size };
}

/**
 * Before a change that replaces, imports into or erases from the shop: refused while another
 * process has the shop open (it would go on writing into a file that is no longer the shop, or
 * hold data this change removes), then a backup.
 */
export function backupBeforeChange(ctx: Ctx, reason: 'import' | 'restore' | 'migration' | 'erase'): BackupInfo {
  if (reason !== 'migration') assertNotInUse(ctx.dbPath);
  return takeBackup(ctx, `before-${reason}`);
}

/** A copy the owner asked for at a path of their choosing (`regulars backup --out`), logged like every full copy. */
export function copyTo(ctx: CopyCtx, dest: string): void {
  writeCopy(ctx.db, dest);
  logCopy(ctx, 'manual', dest);
}

/**
 * At start-up: one daily backup a day at most. Only a daily one counts: a copy taken before a change
 * rotates with those, so it cannot stand in for the day's place among the dailies.
 */
export function dailyBackupIfDue(ctx: Ctx): BackupInfo | null {
  // The shop's business day, as the checks that call this count days: a UTC day would skip every
  // other backup of a shop east of UTC left open (its new day starts before the UTC date changes).
  const zone = shopZone(ctx);
  const today = businessDate(ctx.clock.now(), zone);
  const dailies = listBackups(backupDir(ctx), ownerOf(ctx)).filter((b) => b.reason === 'daily');
  if (dailies.some((b) => businessDate(b.takenAt, zone) === today)) return null;
  return takeBackup(ctx, 'daily');
}

function shopZone(ctx: Pick<Ctx, 'db'>): string {
  try {
    return getSettings(ctx.db).timeZone;
  } catch {
    return 'UTC';
  }
}

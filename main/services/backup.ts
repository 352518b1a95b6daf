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

/**
 * Backups are consistent copies taken while the app runs (VACUUM INTO reads one snapshot), checked
 * with integrity_check after writing. Automatic ones live in DIR/backups/ beside DIR/NAME.db unless
 * the owner chose another folder, and rotate in two sets that never crowd each other out: the daily
 * start-up backups (7 daily, 4 weekly and 12 monthly kept) and the copies taken before a change
 * (import, restore, migration, erasure: the newest 10, and always the newest from before an import
 * and from before a restore). Manual backups are never deleted.
 */
export const KEEP = { daily: 7, weekly: 4, monthly: 12, beforeChange: 10 };
/** Copies that are the way back from a change the owner may regret days later: the newest of each stays. */
const KEEP_LAST_OF: readonly (readonly string[])[] = [['before-import'], ['before-restore', 'damaged']];
/** NAME-SHOPID-YYYYMMDD-HHMMSSmmm-REASON.db: the shop id (migration 9) tells shops sharing a folder apart. */
const NAMED = /^(.+)-([0-9a-f]{12})-(\d{8})-(\d{9})-([a-z-]+)\.db$/;
/** NAME-YYYYMMDD-HHMMSSmmm-REASON.db: backups from before shop ids (or of a database from before them). */
const OLD = /^(.+)-(\d{8})-(\d{9})-([a-z-]+)\.db$/;

export interface BackupInfo {
  file: string;
  takenAt: number;
  reason: string;
  bytes: number;
}

/** Whose backups: this shop's id, and its file's base name for backups named before shop ids. */
export interface BackupOwner {
  shopId: string | null;
  base: string;
}

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

/** Removes a backup taken for an action that then failed: a failed action leaves no copy behind. */
export function discardBackup(b: Pick<BackupInfo, 'file'>): void {
  fs.rmSync(b.file, { force: true });
  fs.rmSync(`${b.file}-wal`, { force: true });
}

interface Parsed {
  base: string;
  shopId: string | null;
  date: string;
  time: string;
  reason: string;
}
function parseName(name: string): Parsed | null {
  const m = NAMED.exec(name);
  if (m) return { base: m[1]!, shopId: m[2]!, date: m[3]!, time: m[4]!, reason: m[5]! };
  const o = OLD.exec(name);
  return o ? { base: o[1]!, shopId: null, date: o[2]!, time: o[3]!, reason: o[4]! } : null;
}

/**
 * Backups in a folder; with an owner, only that shop's: named with its id, or (named before shop
 * ids) with its file's base name. Another shop's backups are never listed, offered or rotated.
 */
export function listBackups(dir: string, owner?: BackupOwner): BackupInfo[] {
  return listParsed(dir, owner).map((b) => b.info);
}

function listParsed(dir: string, owner?: BackupOwner): { info: BackupInfo; shopId: string | null }[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: { info: BackupInfo; shopId: string | null }[] = [];
  for (const name of names) {
    const m = parseName(name);
    if (!m) continue;
    // A shop whose id cannot be read (damaged) still finds its backups by its file's name.
    if (owner && !(m.shopId && owner.shopId ? m.shopId === owner.shopId : m.base === owner.base)) continue;
    const d = m.date;
    const t = m.time;
    const takenAt = Date.UTC(
      +d.slice(0, 4),
      +d.slice(4, 6) - 1,
      +d.slice(6, 8),
      +t.slice(0, 2),
      +t.slice(2, 4),
      +t.slice(4, 6),
      +t.slice(6, 9),
    );
    const file = path.join(dir, name);
    out.push({ info: { file, takenAt, reason: m.reason, bytes: fs.statSync(file).size }, shopId: m.shopId });
  }
  return out.sort((a, b) => b.info.takenAt - a.info.takenAt);
}

/**
 * Grandfather-father-son: the newest backup of each of the last 7 days, 4 weeks and 12 months stays.
 * Days are the shop's business days (as `dailyBackupIfDue` counts them): UTC days would let the
 * daily backup of a new business day east of UTC replace the previous day's.
 */
export function chooseKept(backups: BackupInfo[], zone = 'UTC'): Set<string> {
  const keep = new Set<string>();
  const pick = (keyOf: (ms: number) => string, count: number) => {
    const seen = new Set<string>();
    for (const b of backups) {
      const k = keyOf(b.takenAt);
      if (seen.has(k)) continue;
      seen.add(k);
      if (seen.size > count) break;
      keep.add(b.file);
    }
  };
  const day = (ms: number) => businessDate(ms, zone);
  pick(day, KEEP.daily);
  // weeks starting Monday, counted in days since 1970-01-01 (a Thursday) of the business date
  pick((ms) => String(Math.floor((Date.parse(`${day(ms)}T00:00:00Z`) / 86_400_000 + 3) / 7)), KEEP.weekly);
  pick((ms) => day(ms).slice(0, 7), KEEP.monthly);
  return keep;
}

/**
 * Manual backups are the owner's and never rotate. Daily backups rotate grandfather-father-son
 * (chooseKept); the copies taken before a change rotate apart from them, newest KEEP.beforeChange
 * kept, and the newest from before an import and from before a restore (or its damaged-file copy)
 * always stay, however many others follow. Only backups named with this shop's id rotate: another
 * shop's are not ours to delete, and old-named ones cannot be told apart from another shop's of the
 * same file name, so they stay.
 */
function rotate(dir: string, owner: BackupOwner, justTaken: string, zone: string): void {
  if (!owner.shopId) return;
  const auto = listParsed(dir, owner)
    .filter((b) => b.shopId === owner.shopId && b.info.reason !== 'manual')
    .map((b) => b.info);
  const keep = chooseKept(
    auto.filter((b) => b.reason === 'daily'),
    zone,
  );
  const changes = auto.filter((b) => b.reason !== 'daily');
  changes.slice(0, KEEP.beforeChange).forEach((b) => keep.add(b.file));
  for (const reasons of KEEP_LAST_OF) {
    const last = changes.find((b) => reasons.includes(b.reason));
    if (last) keep.add(last.file);
  }
  // the copy just taken always stays, even when a clock that stands still names it older than others
  keep.add(justTaken);
  for (const b of auto) if (!keep.has(b.file)) discardBackup(b);
}

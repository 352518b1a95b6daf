import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/api/errors';
import { LATEST_VERSION, openDb } from '../db/open';
import { audit } from '../db/queries/audit';
import { readShopId } from '../db/queries/shop-identity';
import { assertNotInUse } from '../db/in-use';
import type { Ctx } from '../ctx';
import { getSettings } from './settings';

/**
 * Backups are consistent copies taken while the app runs (VACUUM INTO reads one snapshot), checked
 * with integrity_check after writing. Automatic ones live in DIR/backups/ beside DIR/NAME.db unless
 * the owner chose another folder, and rotate: 7 daily, 4 weekly and 12 monthly are kept (manual
 * backups are never deleted).
 */
export const KEEP = { daily: 7, weekly: 4, monthly: 12 };
/** Safety copies taken minutes apart (before an import, then a restore) all survive the day's rotation. */
const KEEP_NEWEST = 5;
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
function folderToWrite(ctx: Pick<Ctx, 'db' | 'dbPath'>): string {
  const chosen = chosenBackupDir(ctx);
  if (chosen === null) {
    const dir = defaultBackupDir(ctx.dbPath);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return dir;
  }
  if (!fs.statSync(chosen, { throwIfNoEntry: false })?.isDirectory())
    throw Object.assign(new Error(`backup folder ${chosen} is not there`), { code: 'ENOENT' });
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
 * VACUUM INTO reads one consistent snapshot, WAL included (never a byte copy of the main file); the
 * file is created owner-only (0600), fsynced with its folder, then opened and integrity-checked.
 */
export function writeCopy(db: Database.Database, dest: string): void {
  fs.mkdirSync(path.dirname(dest), { recursive: true, mode: 0o700 });
  // VACUUM INTO accepts an empty file: creating it first gives it the owner-only mode.
  fs.writeFileSync(dest, '', { mode: 0o600, flag: 'wx' });
  try {
    db.prepare('VACUUM INTO ?').run(dest);
    fs.chmodSync(dest, 0o600);
    syncPath(dest);
    syncPath(path.dirname(dest));
  } catch (e) {
    fs.rmSync(dest, { force: true });
    throw e;
  }
  const check = checkFile(dest);
  if (!check.ok) {
    fs.rmSync(dest, { force: true });
    throw new AppError('INTERNAL', { reason: 'backup_check_failed', messages: check.messages });
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

function backupName(owner: BackupOwner, ms: number, reason: string): string {
  return owner.shopId ? `${owner.base}-${owner.shopId}-${stamp(ms)}-${reason}.db` : `${owner.base}-${stamp(ms)}-${reason}.db`;
}

/** An automatic backup into the backup folder, logged in the activity log, then rotation. */
export function takeBackup(ctx: Pick<Ctx, 'db' | 'dbPath' | 'clock'>, reason: string): BackupInfo {
  let now = ctx.clock.now();
  const owner = ownerOf(ctx);
  const dir = folderToWrite(ctx);
  while (fs.existsSync(path.join(dir, backupName(owner, now, reason)))) now++;
  const file = path.join(dir, backupName(owner, now, reason));
  writeCopy(ctx.db, file);
  // A full copy of the shop left the database: the activity log says when, why and where to.
  audit(ctx.db, ctx.clock.now(), 'backup', 'database', null, { reason, to: file });
  rotate(dir, owner, file);
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
export function copyTo(ctx: Pick<Ctx, 'db' | 'clock'>, dest: string): void {
  writeCopy(ctx.db, dest);
  audit(ctx.db, ctx.clock.now(), 'backup', 'database', null, { reason: 'manual', to: dest });
}

/** At start-up: one automatic backup a day at most. */
export function dailyBackupIfDue(ctx: Ctx): BackupInfo | null {
  const today = stamp(ctx.clock.now()).slice(0, 8);
  if (listBackups(backupDir(ctx), ownerOf(ctx)).some((b) => stamp(b.takenAt).slice(0, 8) === today)) return null;
  return takeBackup(ctx, 'daily');
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

/** Grandfather-father-son: the newest backup of each of the last 7 days, 4 weeks and 12 months stays. */
export function chooseKept(backups: BackupInfo[]): Set<string> {
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
  pick((ms) => new Date(ms).toISOString().slice(0, 10), KEEP.daily);
  pick((ms) => String(Math.floor((ms / 86_400_000 + 3) / 7)), KEEP.weekly); // weeks starting Monday
  pick((ms) => new Date(ms).toISOString().slice(0, 7), KEEP.monthly);
  return keep;
}

/**
 * Manual backups are the owner's and never rotate; automatic ones do, but the newest few always
 * stay. Only backups named with this shop's id rotate: another shop's are not ours to delete, and
 * old-named ones cannot be told apart from another shop's of the same file name, so they stay.
 */
function rotate(dir: string, owner: BackupOwner, justTaken: string): void {
  if (!owner.shopId) return;
  const auto = listParsed(dir, owner)
    .filter((b) => b.shopId === owner.shopId && b.info.reason !== 'manual')
    .map((b) => b.info);
  const keep = chooseKept(auto);
  auto.slice(0, KEEP_NEWEST).forEach((b) => keep.add(b.file));
  // the copy just taken always stays, even when a clock that stands still names it older than others
  keep.add(justTaken);
  for (const b of auto) {
    if (keep.has(b.file)) continue;
    fs.rmSync(b.file, { force: true });
    fs.rmSync(`${b.file}-wal`, { force: true });
  }
}

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
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const hasCustomers =
      n("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('customers', 'sales')") === 2;
    if (!hasCustomers) return { file, takenAt: null, customers: 0, sales: 0, version: check.version, ok: false };
    const stat = fs.statSync(file);
    const fromName = listBackups(path.dirname(file)).find((b) => b.file === path.resolve(file));
    return {
      file,
      takenAt: fromName?.takenAt ?? stat.mtimeMs,
      customers: n('SELECT COUNT(*) AS n FROM customers WHERE merged_into_id IS NULL'),
      sales: n('SELECT COUNT(*) AS n FROM sales'),
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
      src.prepare('VACUUM INTO ?').run(staged);
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
    if (shopId) db.prepare('UPDATE shop_identity SET shop_id = ? WHERE id = 1').run(shopId);
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
 * never replaces one that works: refused while another process has the shop open; the backup is
 * copied, opened and migrated beside the live file first (the live shop untouched and working if
 * that fails); then the current database is backed up, and only then is the copy renamed over the
 * file (folder synced) and reopened. `ctx.db` is replaced. Nothing named `.restoring` is left.
 */
export function restoreBackup(ctx: Ctx, from: string): { preview: BackupPreview; safetyCopy: BackupInfo } {
  assertNotInUse(ctx.dbPath);
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
  // A WAL left beside the file would be replayed into the restored one: it goes first.
  for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(dbPath + suffix, { force: true });
  fs.renameSync(staged, dbPath);
  syncPath(path.dirname(dbPath));
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

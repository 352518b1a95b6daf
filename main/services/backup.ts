import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/api/errors';
import { LATEST_VERSION, openDb } from '../db/open';
import { audit } from '../db/queries/audit';
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
const AUTO = /^(.+)-(\d{8})-(\d{9})-([a-z-]+)\.db$/;

export interface BackupInfo {
  file: string;
  takenAt: number;
  reason: string;
  bytes: number;
}

export function backupDir(ctx: Pick<Ctx, 'db' | 'dbPath'>): string {
  const fallback = path.join(path.dirname(path.resolve(ctx.dbPath)), 'backups');
  try {
    return getSettings(ctx.db).backupDir ?? fallback;
  } catch {
    // A damaged database may not even yield its settings; its backups are still found beside it.
    return fallback;
  }
}

/** YYYYMMDD-HHMMSSmmm in UTC: sorts by time and never collides within one process. */
const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:.]/g, '').replace('T', '-').slice(0, 18);

/** Writes a checked copy of the open database to `dest` (which must not exist). */
export function writeCopy(db: Database.Database, dest: string): void {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  db.prepare('VACUUM INTO ?').run(dest);
  const check = checkFile(dest);
  if (!check.ok) {
    fs.rmSync(dest, { force: true });
    throw new AppError('INTERNAL', { reason: 'backup_check_failed', messages: check.messages });
  }
}

export function checkFile(file: string): { ok: boolean; messages: string[]; version: number } {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
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

/** An automatic backup into the backup folder, then rotation. */
export function takeBackup(ctx: Pick<Ctx, 'db' | 'dbPath' | 'clock'>, reason: string): BackupInfo {
  let now = ctx.clock.now();
  const base = path.basename(ctx.dbPath, path.extname(ctx.dbPath));
  const dir = backupDir(ctx);
  while (fs.existsSync(path.join(dir, `${base}-${stamp(now)}-${reason}.db`))) now++;
  const file = path.join(dir, `${base}-${stamp(now)}-${reason}.db`);
  writeCopy(ctx.db, file);
  rotate(dir, base);
  return { file, takenAt: now, reason, bytes: fs.statSync(file).size };
}

export function backupBeforeChange(ctx: Ctx, reason: 'import' | 'restore' | 'migration' | 'erase'): BackupInfo {
  return takeBackup(ctx, `before-${reason}`);
}

/** At start-up: one automatic backup a day at most. */
export function dailyBackupIfDue(ctx: Ctx): BackupInfo | null {
  const today = stamp(ctx.clock.now()).slice(0, 8);
  const base = path.basename(ctx.dbPath, path.extname(ctx.dbPath));
  if (listBackups(backupDir(ctx), base).some((b) => stamp(b.takenAt).slice(0, 8) === today)) return null;
  return takeBackup(ctx, 'daily');
}

export function listBackups(dir: string, base?: string): BackupInfo[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: BackupInfo[] = [];
  for (const name of names) {
    const m = AUTO.exec(name);
    if (!m || (base && m[1] !== base)) continue;
    const d = m[2]!;
    const t = m[3]!;
    const takenAt = Date.UTC(
      +d.slice(0, 4),
      +d.slice(4, 6) - 1,
      +d.slice(6, 8),
      +t.slice(0, 2),
      +t.slice(2, 4),
      +t.slice(4, 6),
      +t.slice(6, 9),
    );
    out.push({ file: path.join(dir, name), takenAt, reason: m[4]!, bytes: fs.statSync(path.join(dir, name)).size });
  }
  return out.sort((a, b) => b.takenAt - a.takenAt);
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

/** Manual backups are the owner's and never rotate; automatic ones do, but the newest few always stay. */
function rotate(dir: string, base: string): void {
  const auto = listBackups(dir, base).filter((b) => b.reason !== 'manual');
  const keep = chooseKept(auto);
  auto.slice(0, KEEP_NEWEST).forEach((b) => keep.add(b.file));
  for (const b of auto) if (!keep.has(b.file)) fs.rmSync(b.file, { force: true });
}

/**
 * The current database, kept before a restore replaces it. A damaged database cannot be copied
 * through SQLite, so then its file is copied byte for byte (reason "damaged").
 */
function safetyCopyOf(ctx: Ctx): BackupInfo {
  try {
    return backupBeforeChange(ctx, 'restore');
  } catch {
    const now = ctx.clock.now();
    const base = path.basename(ctx.dbPath, path.extname(ctx.dbPath));
    const file = path.join(backupDir(ctx), `${base}-${stamp(now)}-damaged.db`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.copyFileSync(ctx.dbPath, file);
    return { file, takenAt: now, reason: 'damaged', bytes: fs.statSync(file).size };
  }
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

/**
 * Replaces the shop database with a backup: checks the backup, backs up the current database
 * first, then swaps the file and reopens it (migrating an older backup). `ctx.db` is replaced.
 */
export function restoreBackup(ctx: Ctx, from: string): { preview: BackupPreview; safetyCopy: BackupInfo } {
  const preview = previewBackup(from);
  if (!preview.ok)
    throw new AppError(preview.version > LATEST_VERSION ? 'DB_FROM_FUTURE' : 'VALIDATION', { reason: 'backup_unusable' });
  const dbPath = path.resolve(ctx.dbPath);
  const staged = `${dbPath}.restoring`;
  fs.copyFileSync(from, staged);
  const safetyCopy = safetyCopyOf(ctx);
  // Everything committed is in the main file (and in the safety copy) before it is replaced.
  ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  ctx.db.close();
  for (const suffix of ['-wal', '-shm']) fs.rmSync(dbPath + suffix, { force: true });
  fs.renameSync(staged, dbPath);
  ctx.db = openDb(dbPath);
  ctx.health = 'ok';
  audit(ctx.db, ctx.clock.now(), 'restore', 'database', null, {
    from: path.basename(from),
    safetyCopy: path.basename(safetyCopy.file),
  });
  return { preview, safetyCopy };
}

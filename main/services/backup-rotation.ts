import fs from 'node:fs';
import path from 'node:path';
import { businessDate } from '../../shared/domain/dates';

/**
 * The backup folder's copies: their names (this shop's id, the time, why), which of them a shop
 * lists, and rotation. The daily start-up backups (7 daily, 4 weekly and 12 monthly kept) and the
 * copies taken before a change (import, restore, migration, erasure: the newest 10, and always the
 * newest from before an import and from before a restore) rotate apart, so neither crowds the other
 * out. Manual backups are never deleted. Taking a copy is backup.ts.
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
export function rotate(dir: string, owner: BackupOwner, justTaken: string, zone: string): void {
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

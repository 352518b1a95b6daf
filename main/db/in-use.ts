import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { threadId } from 'node:worker_threads';
import { AppError } from '../../shared/api/errors';

/**
 * Who has a shop database open, across processes (the Electron app, `regulars serve`, a CLI
 * command, an import worker). SQLite's own locks protect single transactions, not a file swapped
 * under an open connection: a restore that renames a backup over the file, or an import or erasure
 * that another running app does not know of, would leave that app writing acknowledged sales into a
 * deleted file. So every opener registers in `NAME.db.lock/` beside the database (one small file
 * per open: pid, the process's start time, host), removes it when it closes (or its process exits),
 * and a command that replaces, imports into or erases from the shop first asks whether any other
 * live process has it open.
 *
 * A registration whose process is gone (killed, power cut) is stale: on this host the pid is
 * probed and, on Linux, its start time compared, so a pid reused by an unrelated program does not
 * count either (elsewhere, a registration from before the last boot is stale); stale files are
 * removed as they are found, so nothing locks the owner out.
 * Registrations from another host (a database on a network share) cannot be probed and count as
 * live.
 */
export interface Holder {
  pid: number;
  /** the holder process's start, ms since the epoch (from /proc on Linux, else from its uptime) */
  startedAt: number;
  host: string;
  /** what holds it: 'serve', 'app', 'cli', ... (shown in the message) */
  role: string;
}

const lockDirOf = (dbPath: string) => `${path.resolve(dbPath)}.lock`;
const mine = new Set<string>();
let exitHook = false;

/** When this computer booted, in ms since the epoch, as the kernel recorded it (Linux); null elsewhere. */
function kernelBootTime(): number | null {
  try {
    const btime = /^btime (\d+)$/m.exec(fs.readFileSync('/proc/stat', 'utf8'));
    return btime ? Number(btime[1]) * 1000 : null;
  } catch {
    return null;
  }
}

/** Start of a process in ms since the epoch, from /proc (Linux); null where that is not readable. */
export function processStart(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm (field 2) may hold spaces and parentheses: fields 3.. follow the last ')'
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const boot = kernelBootTime();
    if (boot === null || !Number.isFinite(ticks)) return null;
    // USER_HZ is 100 on every Linux the app runs on
    return boot + ticks * 10;
  } catch {
    return null;
  }
}

/**
 * The last boot, on the same footing as the start times above: the kernel's record where there is
 * one, so a wall clock that jumped since (a PC whose clock is set late, or a test's moved clock)
 * cannot make a live process look older than the boot.
 */
const bootTime = (): number => kernelBootTime() ?? Date.now() - os.uptime() * 1000;

const selfStart = processStart(process.pid) ?? Math.round(Date.now() - process.uptime() * 1000);

function alive(h: Holder): boolean {
  if (h.host !== os.hostname()) return true;
  // Started before this computer last booted: gone with the power cut, whoever has its pid now.
  if (h.startedAt < bootTime() - 60_000) return false;
  try {
    process.kill(h.pid, 0);
  } catch (e) {
    // EPERM: it exists but belongs to another user
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const started = processStart(h.pid);
  // Same pid, a different start: the pid was reused after the holder died.
  return started === null || Math.abs(started - h.startedAt) < 5_000;
}

/** Registers this open of the database; the returned function removes the registration. */
export function registerOpen(dbPath: string, role: string): () => void {
  if (dbPath === ':memory:') return () => {};
  const dir = lockDirOf(dbPath);
  const file = path.join(dir, `${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.json`);
  const holder: Holder = { pid: process.pid, startedAt: selfStart, host: os.hostname(), role };
  // Clears what killed processes left behind, so the folder does not grow with every crash.
  otherHolders(dbPath);
  for (let attempt = 0; ; attempt++) {
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      fs.writeFileSync(file, JSON.stringify(holder), { mode: 0o600, flag: 'wx' });
      break;
    } catch (e) {
      // another process removed the (then empty) folder between our mkdir and write: once more
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' && attempt < 3) continue;
      // A folder that cannot be written (a read-only medium) still lets the shop be read; nothing
      // can replace the file there either.
      return () => {};
    }
  }
  mine.add(file);
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => [...mine].forEach(release));
  }
  return () => release(file);
}

function release(file: string): void {
  mine.delete(file);
  fs.rmSync(file, { force: true });
  try {
    fs.rmdirSync(path.dirname(file));
  } catch {
    // not empty (someone else has the shop open) or already gone
  }
}

/** Other live processes that have the database open (stale registrations are removed on the way). */
export function otherHolders(dbPath: string): Holder[] {
  const dir = lockDirOf(dbPath);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: Holder[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    let h: Holder;
    try {
      h = JSON.parse(fs.readFileSync(file, 'utf8')) as Holder;
    } catch {
      continue; // being written this very moment, or not ours
    }
    if (h.pid === process.pid && h.host === os.hostname()) continue;
    if (alive(h)) out.push(h);
    else fs.rmSync(file, { force: true });
  }
  return out;
}

/** This process as a holder (pid, start, host): what an import records as its writer. */
export function thisProcess(): Holder {
  return { pid: process.pid, startedAt: selfStart, host: os.hostname(), role: 'import' };
}

/** Whether the process a holder names still runs (this process included). */
export function holderAlive(h: Holder): boolean {
  return alive(h);
}

/** Refuses (DB_IN_USE) while another live process has the database open. */
export function assertNotInUse(dbPath: string): void {
  const others = otherHolders(dbPath);
  if (others.length) throw new AppError('DB_IN_USE', { pid: others[0]!.pid, role: others[0]!.role });
}

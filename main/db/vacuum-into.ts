import type Database from 'better-sqlite3';
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { withoutPendingViews } from './pending';

/** A copy smaller than this is written in one go: its few megabytes reach the disk in no time. */
export const FLUSH_OVER_BYTES = 32 * 1024 * 1024;
const FLUSH_EVERY_MS = 20;
const FLUSHER_GONE_WAIT_MS = 5000;

/** Slots of the flusher's shared flags. */
const STOP = 0;
const CLOSED = 1;
const FLUSHES = 2;

/**
 * The flusher: fdatasync of the copy every few milliseconds until told to stop, and once more then
 * (so at least once, however short the copy: the caller's own fsync finds nothing left). Plain script (a
 * worker given as code): nothing to bundle, nothing read from disk but the copy it flushes.
 */
const FLUSHER = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const flags = workerData.flags;
let fd;
const flush = () => { try { fs.fdatasyncSync(fd); Atomics.add(flags, ${FLUSHES}, 1); } catch {} };
try {
  fd = fs.openSync(workerData.file, 'r+');
  while (Atomics.load(flags, ${STOP}) === 0) {
    Atomics.wait(flags, ${STOP}, 0, workerData.everyMs);
    flush();
  }
  flush();
} catch {
} finally {
  if (fd !== undefined) try { fs.closeSync(fd); } catch {}
  Atomics.store(flags, ${CLOSED}, 1);
  Atomics.notify(flags, ${CLOSED});
}
`;

export interface VacuumIntoResult {
  /** how many times the copy was flushed while being written (0 for a small database) */
  flushes: number;
}

/**
 * VACUUM INTO `file` (an empty or missing file), with the copy's pages pushed to the disk every
 * 20 ms while SQLite writes them. Left to the kernel, hundreds of megabytes of a big shop's copy
 * pile up in memory and reach the disk in one burst, and the counter's next commit (its own fsync,
 * synchronous=FULL) waits behind the whole burst: 275–845 ms measured on the bench shop's 650 MB
 * copy. Flushed as it goes, the counter's commit queues behind one 20 ms slice of writing at most
 * (at most 166 ms in the same runs, on Linux). The flushing runs on a short-lived thread of its
 * own, because VACUUM INTO blocks the thread that runs it; the copy is not synced here (callers
 * fsync it once it is complete).
 */
export function vacuumInto(db: Database.Database, file: string, flushOverBytes = FLUSH_OVER_BYTES): VacuumIntoResult {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  // macOS: Node's fdatasync is F_FULLFSYNC there, a flush of the whole drive's cache; fifty a
  // second were never measured against the counter's own commits, so the copy is left to the kernel.
  if (pageSize * pages < flushOverBytes || process.platform === 'darwin') {
    withoutPendingViews(db, () => db.prepare('VACUUM INTO ?').run(file));
    return { flushes: 0 };
  }
  if (!fs.existsSync(file)) fs.writeFileSync(file, '', { mode: 0o600, flag: 'wx' });
  const flags = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
  let flusher: Worker | undefined;
  try {
    flusher = new Worker(FLUSHER, { eval: true, workerData: { file, flags, everyMs: FLUSH_EVERY_MS } });
    // Its errors are its own (it only makes writing smoother): never an unhandled 'error' event.
    flusher.on('error', () => {});
  } catch {
    flusher = undefined;
  }
  try {
    withoutPendingViews(db, () => db.prepare('VACUUM INTO ?').run(file));
  } finally {
    if (flusher) {
      Atomics.store(flags, STOP, 1);
      Atomics.notify(flags, STOP);
      // Its handle on the copy is closed before the caller renames or removes the file (Windows).
      Atomics.wait(flags, CLOSED, 0, FLUSHER_GONE_WAIT_MS);
      void flusher.terminate();
    }
  }
  return { flushes: Atomics.load(flags, FLUSHES) };
}

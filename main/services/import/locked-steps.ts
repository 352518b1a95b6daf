import type { Db } from '../../db/open';
import type { LockMark } from '../../core/counter-first';
import { nextChunkSize } from './chunks';

/**
 * Write transactions made of short steps, and the settings and checkpoints an import's writing
 * runs with: what placing an import's rows (place.ts) and taking them away again (removal.ts)
 * share.
 */

/**
 * What one step inside a write transaction aims at: the transaction ends after the step that uses
 * up its time, so it runs over by a short step at most.
 */
const STEP_TARGET_MS = 10;

/** Rows of a transaction's first step, before any pace is known: steps double from here. */
export const FIRST_STEP = 250;

/**
 * Chunks between two checkpoints of the log: each copies back once the index pages that several
 * chunks wrote again and again (an in-process import of 1,000,000 rows into an empty shop placed
 * them in 10.7 s with one every eight chunks, 14.6 s with one after each).
 */
export const CHUNKS_PER_CHECKPOINT = 8;

/**
 * Write transactions made of short steps. `step(rows)` writes up to `rows` rows and says how many
 * (0: none are left); each step is sized from the last one's pace. A transaction goes on step after
 * step until it has used its time (`targetMs`, the last commit's time counted in), then commits.
 * Chunks of one statement each, sized from the last chunk's pace, ran to 150–240 ms in the
 * 100k-customer shop (pages read from disk): a sale that came during one waited for all of it, then
 * for SQLite's busy wait to look again (it sleeps up to 100 ms between tries), 340 ms.
 */
export class LockedSteps {
  private rows: number;
  private commitMs = 0;
  /** a step found nothing left to write */
  done = false;

  constructor(
    private readonly targetMs: number,
    firstRows: number,
    /** milliseconds, for the time the steps and the commit take (a test's own clock) */
    private readonly now: () => number = () => performance.now(),
  ) {
    this.rows = firstRows;
  }

  /** One write transaction of steps; the rows it wrote. `holding` is told where its lock is (asked for, held, let go). */
  run(db: Db, step: (rows: number) => number, holding?: (mark: LockMark) => void): number {
    const t = this.now();
    let body = 0;
    holding?.('asking');
    try {
      return this.steps(db, step, t, holding, (ms) => (body = ms));
    } finally {
      holding?.('free');
      this.commitMs = this.now() - t - body;
    }
  }

  private steps(
    db: Db,
    step: (rows: number) => number,
    t: number,
    holding: ((mark: LockMark) => void) | undefined,
    bodyMs: (ms: number) => void,
  ): number {
    return db
      .transaction(() => {
        holding?.('held');
        let n = 0;
        for (;;) {
          const s = this.now();
          const k = step(this.rows);
          if (k === 0) {
            this.done = true;
            break;
          }
          n += k;
          const now = this.now();
          this.rows = nextChunkSize(k, now - s, STEP_TARGET_MS);
          if (now - t + this.commitMs >= this.targetMs) break;
        }
        bodyMs(this.now() - t);
        return n;
      })
      .immediate();
  }
}

/** How long a checkpoint between chunks waits for the readers still in the log (it holds the write lock meanwhile). */
const RESTART_WAIT_MS = 20;

/**
 * Copies the log back into the file (PASSIVE: it waits for nothing and takes no lock a sale needs),
 * then lets it start over from its beginning (RESTART), waiting at most RESTART_WAIT_MS for the
 * readers still in it. A log starts over only when no reader is in it as the next write begins:
 * with the till searching all the time, after PASSIVE checkpoints alone the log of a 1,000,000-row
 * import through the pool grew to 1.4 GB, and its commits, each appending to it, took up to 150 ms.
 */
export function checkpointBetweenChunks(db: Db, waitMs = RESTART_WAIT_MS): void {
  db.pragma('wal_checkpoint(PASSIVE)');
  const busy = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma(`busy_timeout = ${Math.trunc(waitMs)}`);
  try {
    db.pragma('wal_checkpoint(RESTART)');
  } catch {
    // busy: readers or a writer still there; the next checkpoint tries again
  } finally {
    db.pragma(`busy_timeout = ${Math.trunc(busy)}`);
  }
}

/**
 * Runs `fn` as an import's writing: commits that do not wait for the disk (`synchronous = NORMAL`)
 * and no automatic checkpoint (SQLite's would run after nearly every commit; the caller checkpoints
 * every few transactions instead); the connection's own settings are back after. For placing and
 * taking away an import's rows, out of sight until its flip: a transaction a power cut loses
 * belongs to an import that never got done, whose rows the next start-up takes away. `fn` is told
 * whether the connection checkpoints by itself otherwise (the writer lane's does not: the heavy
 * lane does it for it).
 */
export function importWriting<T>(db: Db, fn: (autoCheckpoint: boolean) => T): T {
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  const autoCheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_autocheckpoint = 0');
  try {
    return fn(autoCheckpoint > 0);
  } finally {
    db.pragma(`synchronous = ${Math.trunc(synchronous)}`);
    db.pragma(`wal_autocheckpoint = ${Math.trunc(autoCheckpoint)}`);
  }
}

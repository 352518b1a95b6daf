import { SqliteError } from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import type { Ctx } from '../../ctx';
import type { Db } from '../../db/open';
import * as st from '../../db/queries/import-staging';
import * as pl from '../../db/queries/import-place';
import * as pq from '../../db/queries/import-pending';
import { placeNewCustomersDerived, type GroupedSales } from '../../db/queries/import-sums';
import { insertStaff } from '../../db/queries/staff';
import { insertPaymentMethod } from '../../db/queries/payment-methods';
import { ImportCancelled, nextChunkSize, type ChunkHooks } from './chunks';
import { withForeignKeysOff } from './flip';
import type { StagedImport } from './staged';
import type { LockMark } from '../../core/counter-first';

/**
 * What one placing transaction aims at, its commit included: the write lock it holds, which a sale
 * at the counter may wait for (issue 13: ≤ 100 ms). Longer than staging's chunks: each commit writes
 * the index pages its rows touched, and fewer, larger transactions write each page fewer times.
 */
export const PLACE_TARGET_MS = 80;

/**
 * What one step inside a write transaction aims at: the transaction ends after the step that uses
 * up its time, so it runs over by a short step at most.
 */
const STEP_TARGET_MS = 10;

/** Rows of a transaction's first step, before any pace is known: steps double from here. */
const FIRST_STEP = 250;

/**
 * Chunks between two checkpoints of the log: each copies back once the index pages that several
 * chunks wrote again and again (an in-process import of 1,000,000 rows into an empty shop placed
 * them in 10.7 s with one every eight chunks, 14.6 s with one after each).
 */
const CHUNKS_PER_CHECKPOINT = 8;

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
 * Runs `write(size)` (which writes up to `size` rows and says how many it wrote, 0 when none are
 * left) in short write transactions of steps (LockedSteps) until none are left; with `checkpoints`
 * (the connection would checkpoint by itself otherwise: importWriting), one every few transactions.
 */
function inWriteChunks(
  db: Db,
  hooks: ChunkHooks,
  checkpoints: boolean,
  write: (size: number) => number,
  progress?: (n: number) => void,
): void {
  const steps = new LockedSteps(PLACE_TARGET_MS, FIRST_STEP);
  for (let chunks = 1; !steps.done; chunks++) {
    if (hooks.isCancelled?.()) throw new ImportCancelled();
    hooks.beforeChunk?.();
    const n = steps.run(db, write, hooks.holdingLock);
    if (n === 0) return;
    // SQLite's automatic checkpoint is off for placing: it would run in the commit, counted in the
    // chunk's time, after every chunk. Here it holds the lock a sale waits for 20 ms at most.
    if (checkpoints && chunks % CHUNKS_PER_CHECKPOINT === 0) checkpointBetweenChunks(db);
    progress?.(n);
    hooks.onChunk?.('placed', n);
  }
}

/**
 * Writes a staged import into the shop's tables in short transactions, out of sight until its flip
 * (db/pending.ts): the staff and payment methods the file names for the first time, its new
 * customers with their visit days and totals, then every sale. New customers get the ids just past
 * the shop's highest (`base + seq`, the ids the staged sales and sums expect): the highest of them
 * goes first, so a customer created at the counter meanwhile gets an id past the file's.
 *
 * Foreign keys are not checked row by row here (the flip checks what could break them: a customer
 * the file names erased or merged meanwhile), and the chunks commit with `synchronous = NORMAL`:
 * a chunk lost to a power cut belongs to an import that died with it, whose rows the next start-up
 * takes away (the flip itself commits with the connection's FULL). A phone or member code taken
 * at the counter meanwhile, or a customer the file names gone, fails the import (CONFLICT
 * `import_customers_changed`); the caller takes away what was placed (removeImportRows).
 * Returns the base and the number of sales written.
 */
export function placeImport(
  ctx: Ctx,
  imp: StagedImport,
  importId: number,
  now: number,
  grouped: GroupedSales | null,
  hooks: ChunkHooks,
  progress?: (n: number) => void,
): { base: number; sales: number } {
  const db = ctx.db;
  const placeCustomers = (base: number, lo: number, hi: number): number => {
    const n = pl.placeCustomers(db, importId, importId, base, now, grouped, lo, hi);
    if (grouped) placeNewCustomersDerived(db, grouped, base, lo, hi);
    return n;
  };
  try {
    return importWriting(db, (checkpoints) =>
      withForeignKeysOff(ctx, () => {
        const count = st.stagedCustomerCount(db, importId);
        const base = db
          .transaction(() => {
            for (const n of st.stagedNames(db, importId)) {
              const id =
                n.kind === 'payment'
                  ? insertPaymentMethod(db, `import_${-n.key}_${now}`, n.name, importId)
                  : insertStaff(db, n.name, now, importId);
              st.resolveName(db, importId, n.kind, n.key, id);
            }
            const base = pl.customerBase(db);
            if (count > 0) placeCustomers(base, count, count);
            return base;
          })
          .immediate();
        if (count > 0) progress?.(1);
        let hi = count - 1;
        inWriteChunks(
          db,
          hooks,
          checkpoints,
          (size) => {
            if (hi < 1) return 0;
            const lo = Math.max(1, hi - size + 1);
            const n = placeCustomers(base, lo, hi);
            hi = lo - 1;
            return n;
          },
          progress,
        );
        let sales = 0;
        if (imp.kind === 'sales') {
          let after: pl.SaleKey | null = null;
          inWriteChunks(
            db,
            hooks,
            checkpoints,
            (size) => {
              const to = pl.saleKeyAfter(db, importId, after, size);
              if (!to) return 0;
              const n = pl.placeSales(db, importId, importId, base, now, after, to);
              after = to;
              sales += n;
              return n;
            },
            progress,
          );
        }
        return { base, sales };
      }),
    );
  } catch (e) {
    if (e instanceof SqliteError && e.code === 'SQLITE_CONSTRAINT_UNIQUE')
      throw new AppError('CONFLICT', { reason: 'import_customers_changed' });
    throw e;
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
function importWriting<T>(db: Db, fn: (autoCheckpoint: boolean) => T): T {
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

/** Shorter than placing's: the removal's speed matters less than the counter's wait. */
const REMOVE_TARGET_MS = 50;

/**
 * Taking away what an import that never got done placed in the shop (cancelled, failed, or dead),
 * one short write transaction of steps (LockedSteps) at a time: its sales, then its new customers
 * with their visit days and totals, then the staff and payment methods it brought. Its rows were
 * never counted (migration 23), so nothing else changes; an import that is not pending (done
 * meanwhile, or gone) is left alone.
 */
export class ImportRemoval {
  private readonly sales = new LockedSteps(REMOVE_TARGET_MS, FIRST_STEP);
  // a customer goes with their visit days and total: fewer at first
  private readonly customers = new LockedSteps(REMOVE_TARGET_MS, FIRST_STEP / 5);
  private finished = false;
  private transactions = 0;
  /** rows the last transaction took away */
  lastRows = 0;

  constructor(
    private readonly db: Db,
    private readonly importId: number,
    private readonly holding?: (mark: LockMark) => void,
  ) {}

  private checkpointDue = false;

  /** One transaction (importWriting); says whether anything may be left. */
  next(): boolean {
    return importWriting(this.db, (autoCheckpoint) => {
      const more = this.step();
      this.checkpointDue = autoCheckpoint && ++this.transactions % CHUNKS_PER_CHECKPOINT === 0;
      return more;
    });
  }

  /** Every few transactions, a checkpoint of the log instead of SQLite's own (outside the lock). */
  checkpointIfDue(): void {
    if (!this.checkpointDue) return;
    this.checkpointDue = false;
    checkpointBetweenChunks(this.db);
  }

  private step(): boolean {
    const { db, importId } = this;
    const whilePending = (remove: (rows: number) => number) => (rows: number) => (pq.isPending(db, importId) ? remove(rows) : 0);
    if (this.finished) return false;
    this.lastRows = 0;
    if (!this.sales.done)
      this.lastRows = this.sales.run(
        db,
        whilePending((rows) => pq.deletePendingSales(db, importId, rows)),
        this.holding,
      );
    else if (!this.customers.done)
      this.lastRows = this.customers.run(
        db,
        whilePending((rows) => pq.deletePendingCustomers(db, importId, rows)),
        this.holding,
      );
    else {
      db.transaction(() => {
        if (pq.isPending(db, importId)) pq.deletePendingNames(db, importId);
      }).immediate();
      this.finished = true;
    }
    return !this.finished;
  }
}

/**
 * Takes away all an unfinished import placed, a short transaction at a time: `beforeChunk` before
 * each (a transport's writes first), `onChunk('removed', rows)` once each has committed.
 */
export function removeImportRows(
  db: Db,
  importId: number,
  hooks: Pick<ChunkHooks, 'beforeChunk' | 'onChunk' | 'holdingLock'> = {},
): void {
  const removal = new ImportRemoval(db, importId, hooks.holdingLock);
  for (let more = true; more;) {
    hooks.beforeChunk?.();
    more = removal.next();
    hooks.onChunk?.('removed', removal.lastRows);
    removal.checkpointIfDue();
  }
}

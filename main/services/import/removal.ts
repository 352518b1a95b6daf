import type { Db } from '../../db/open';
import * as pq from '../../db/queries/import-pending';
import type { LockMark } from '../../core/counter-first';
import type { ChunkHooks } from './chunks';
import { CHUNKS_PER_CHECKPOINT, checkpointBetweenChunks, FIRST_STEP, importWriting, LockedSteps } from './locked-steps';

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

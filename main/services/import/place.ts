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
import { FIRST_CHUNK, ImportCancelled, nextChunkSize, type ChunkHooks } from './chunks';
import { withForeignKeysOff } from './flip';
import type { StagedImport } from './staged';

/**
 * What one placing chunk aims at, its commit included: the write lock it holds, which a sale at the
 * counter may wait for (issue 13: ≤ 100 ms). Longer than staging's chunks: each commit writes the
 * index pages its rows touched, and fewer, larger chunks write each page fewer times.
 */
export const PLACE_TARGET_MS = 80;

/**
 * Chunks between two checkpoints of the log: each copies back once the index pages that several
 * chunks wrote again and again (an in-process import of 1,000,000 rows into an empty shop placed
 * them in 10.7 s with one every eight chunks, 14.6 s with one after each).
 */
const CHUNKS_PER_CHECKPOINT = 8;

/**
 * Runs `write(size)` (which writes up to `size` rows and says how many it wrote, 0 when none are
 * left) in short write transactions, each sized from the last one's time, commit included, to hold
 * the write lock about PLACE_TARGET_MS.
 */
function inWriteChunks(db: Db, hooks: ChunkHooks, write: (size: number) => number, progress?: (n: number) => void): void {
  let size = FIRST_CHUNK;
  for (let chunks = 1; ; chunks++) {
    if (hooks.isCancelled?.()) throw new ImportCancelled();
    hooks.beforeChunk?.();
    const t = performance.now();
    const n = db.transaction(() => write(size)).immediate();
    if (n === 0) return;
    size = nextChunkSize(n, performance.now() - t, PLACE_TARGET_MS);
    // SQLite's automatic checkpoint is off for placing: it would run in the commit, counted in the
    // chunk's time, after every chunk. Here it holds no lock a sale waits for.
    if (chunks % CHUNKS_PER_CHECKPOINT === 0) db.pragma('wal_checkpoint(PASSIVE)');
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
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  const autoCheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_autocheckpoint = 0');
  try {
    return withForeignKeysOff(ctx, () => {
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
    });
  } catch (e) {
    if (e instanceof SqliteError && e.code === 'SQLITE_CONSTRAINT_UNIQUE')
      throw new AppError('CONFLICT', { reason: 'import_customers_changed' });
    throw e;
  } finally {
    db.pragma(`synchronous = ${Math.trunc(synchronous)}`);
    db.pragma(`wal_autocheckpoint = ${Math.trunc(autoCheckpoint)}`);
  }
}

/**
 * How many rows the next transaction taking an unfinished import's rows away deletes: sized, like
 * placing's, from the last one's time to hold the write lock about REMOVE_TARGET_MS, commit
 * included (fixed sizes held it 111 and 132 ms in two bench runs). One per removal of one import.
 */
export class RemovalSizes {
  sales = 2_000;
  customers = 500;
}

/** Shorter than placing's: the removal's speed matters less than the counter's wait. */
const REMOVE_TARGET_MS = 50;

/**
 * One short write transaction of taking away what an import that never got done placed in the
 * shop (cancelled, failed, or dead): some of its sales, else some of its new customers with their
 * visit days and totals, else the staff and payment methods it brought. Says whether anything is
 * left. Its rows were never counted (migration 23), so nothing else changes; an import that is not
 * pending (done meanwhile, or gone) is left alone.
 */
export function removeImportChunk(db: Db, importId: number, sizes: RemovalSizes): boolean {
  const t = performance.now();
  const removed = db
    .transaction((): { part: 'sales' | 'customers'; n: number } | null => {
      if (!pq.isPending(db, importId)) return null;
      let n = pq.deletePendingSales(db, importId, sizes.sales);
      if (n > 0) return { part: 'sales', n };
      n = pq.deletePendingCustomers(db, importId, sizes.customers);
      if (n > 0) return { part: 'customers', n };
      pq.deletePendingNames(db, importId);
      return null;
    })
    .immediate();
  if (!removed) return false;
  sizes[removed.part] = nextChunkSize(removed.n, performance.now() - t, REMOVE_TARGET_MS);
  return true;
}

/** Takes away all an unfinished import placed, a short transaction at a time, `beforeChunk` before each (a transport's writes first). */
export function removeImportRows(db: Db, importId: number, beforeChunk?: () => void): void {
  const sizes = new RemovalSizes();
  do beforeChunk?.();
  while (removeImportChunk(db, importId, sizes));
}

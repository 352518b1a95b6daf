import { SqliteError } from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import type { Ctx } from '../../ctx';
import type { Db } from '../../db/open';
import * as st from '../../db/queries/import-staging';
import * as pl from '../../db/queries/import-place';
import { placeNewCustomersDerived, type GroupedSales } from '../../db/queries/import-sums';
import { insertStaff } from '../../db/queries/staff';
import { insertPaymentMethod } from '../../db/queries/payment-methods';
import { ImportCancelled, type ChunkHooks } from './chunks';
import { withForeignKeysOff } from './flip';
import type { StagedImport } from './staged';
import { CHUNKS_PER_CHECKPOINT, checkpointBetweenChunks, FIRST_STEP, importWriting, LockedSteps } from './locked-steps';

/**
 * What one placing transaction aims at, its commit included: the write lock it holds, which a sale
 * at the counter may wait for (issue 13: ≤ 100 ms). Longer than staging's chunks: each commit writes
 * the index pages its rows touched, and fewer, larger transactions write each page fewer times.
 */
export const PLACE_TARGET_MS = 80;

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

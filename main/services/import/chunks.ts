import type { Db } from '../../db/open';
import type { LockMark } from '../../core/counter-first';
import * as st from '../../db/queries/import-staging';
import { dropGroupedSales } from '../../db/queries/import-sums';

export class ImportCancelled extends Error {}

export interface ChunkHooks {
  onProgress?(done: number, total: number): void;
  /** checked between chunks; true drops what was staged */
  isCancelled?(): boolean;
  /** after each committed chunk, staged, placed in the shop, or taken away again (tests and the bench look between two chunks) */
  onChunk?(part: st.StagePart | 'placed' | 'removed', rows: number): void;
  /** when staging, summing, placing and the flip start, and the flip has committed (the benchmark times them) */
  onPhase?(phase: 'staging' | 'grouping' | 'placing' | 'flip' | 'flipped'): void;
  /** before each chunk that takes the write lock (placing, or taking the rows away): a transport's writes go first */
  beforeChunk?(): void;
  /** where a chunk's write lock is: asked for (before its transaction begins), held (once it has), let go (once it committed or rolled back) */
  holdingLock?(mark: LockMark): void;
  /** the import's row exists (pending until the flip): its id, so this run's list shows it once */
  onImportId?(importId: number): void;
}

let running = 0;
/** Imports this thread is writing now (a start-up in the same thread must not take one for dead). */
export function importsRunningHere(): number {
  return running;
}
export function importRunning(delta: 1 | -1): void {
  running += delta;
}

/** What one chunk aims at: a cancel is looked at and progress told a few times a second. */
export const CHUNK_TARGET_MS = 50;
export const FIRST_CHUNK = 1_000;
const MAX_CHUNK = 50_000;

/**
 * The next chunk's rows: as many as the last chunk's pace fits in `targetMs`, at most twice as many
 * as the last (one quick chunk, its pages all in memory, says little of the next), between 100
 * and MAX_CHUNK.
 */
export function nextChunkSize(rows: number, ms: number, targetMs: number): number {
  return Math.max(100, Math.min(MAX_CHUNK, 2 * rows, Math.round((rows * targetMs) / Math.max(ms, 1))));
}

/**
 * Writes `count` rows into the import's staging tables (temporary tables of its own connection: no
 * lock on the shop's file) in transactions sized from the last one's time so that each takes about
 * CHUNK_TARGET_MS. A cancel is looked at between two chunks.
 */
export function inChunks(
  db: Db,
  importId: number,
  part: st.StagePart,
  count: number,
  /** rows `from` up to `to`, their cells one after another (stageRows) */
  rows: (from: number, to: number) => unknown[],
  hooks: ChunkHooks,
  inside?: () => void,
): void {
  let size = FIRST_CHUNK;
  for (let from = 0; from < count;) {
    if (hooks.isCancelled?.()) throw new ImportCancelled();
    const to = Math.min(count, from + size);
    const t = performance.now();
    const chunk = rows(from, to);
    // Deferred, not the connection's usual BEGIN IMMEDIATE (db/open.ts): it writes temporary tables
    // only, so it must not take the shop's write lock, which a sale at the counter would wait for.
    db.transaction(() => {
      st.stageRows(db, importId, part, chunk);
      inside?.();
    }).deferred();
    const ms = performance.now() - t;
    size = nextChunkSize(to - from, ms, CHUNK_TARGET_MS);
    hooks.onProgress?.(to - from, count);
    hooks.onChunk?.(part, to);
    from = to;
  }
}

/** Drops an import's staging tables and sums (temporary tables of this connection). */
export function clearStage(db: Db, importId: number): void {
  dropGroupedSales(db, importId);
  st.dropStage(db, importId);
}

/**
 * Removes staging tables an older version left in the shop's file, in short transactions (a big
 * table dropped at once would hold the write lock), then drops them.
 */
export function clearLegacyStage(db: Db, importId: number): void {
  for (const part of ['sales', 'customers', 'updates', 'names'] as const) {
    for (;;) {
      const n = db.transaction(() => st.deleteLegacyStagedRows(db, importId, part, 20_000)).immediate();
      if (n === 0) break;
    }
  }
  db.transaction(() => st.dropLegacyStage(db, importId)).immediate();
}

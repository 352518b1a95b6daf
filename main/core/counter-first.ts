/**
 * The counter first, across threads of one process, with two marks in shared memory. The writer
 * lane marks each call it runs, and an import worker started from that lane waits, before each of
 * its write transactions, until the mark is gone. The import worker marks each write transaction
 * it holds, and the writer lane, before it takes the lock, waits for that mark to go, woken at the
 * import's commit. SQLite's busy wait polls (sleeping up to 100 ms between tries) and queues no
 * one: an import that begins its next chunk as soon as the last commits could let a sale miss chunk
 * after chunk (seconds, measured with `npm run bench -- --only=import`), and a sale let in by its
 * next try waits up to 100 ms past the commit.
 */
const shared = new SharedArrayBuffer(8);
/** [CALLS]: calls the writer lane runs now; [HOLDING]: 1 while an import of this process holds the write lock */
const words = new Int32Array(shared);
const CALLS = 0;
const HOLDING = 1;

/** The marks' memory, handed to an import worker (its `workerData`). */
export function writerCallsBuffer(): SharedArrayBuffer {
  return shared;
}

/** Runs a call of the writer lane with its mark set. */
export async function asWriterCall<T>(run: () => Promise<T>): Promise<T> {
  Atomics.add(words, CALLS, 1);
  try {
    return await run();
  } finally {
    Atomics.sub(words, CALLS, 1);
    Atomics.notify(words, CALLS);
  }
}

/** The longest an import waits for the writer lane before one chunk: a call that takes longer does not stop it. */
const MAX_WAIT_MS = 1_000;

/** In an import worker: waits while the writer lane runs a call (never in the writer lane itself). */
export function waitForWriterCalls(buffer: SharedArrayBuffer | undefined): void {
  if (!buffer) return;
  const calls = new Int32Array(buffer);
  const until = Date.now() + MAX_WAIT_MS;
  for (let n = Atomics.load(calls, CALLS); n > 0; n = Atomics.load(calls, CALLS)) {
    const left = until - Date.now();
    if (left <= 0) return;
    Atomics.wait(calls, CALLS, n, left);
  }
}

/**
 * In an import worker: the write lock taken (a transaction under way) or let go. Letting it go
 * wakes the writer lane if it waits for it (waitWhileImportHoldsLock).
 */
export function markImportHoldsLock(buffer: SharedArrayBuffer | undefined, held: boolean): void {
  if (!buffer) return;
  const w = new Int32Array(buffer);
  Atomics.store(w, HOLDING, held ? 1 : 0);
  if (!held) Atomics.notify(w, HOLDING);
}

/** The longest the writer lane waits for an import's mark to go before it asks SQLite anyway. */
const MAX_LOCK_WAIT_MS = 2_000;

/**
 * In the writer lane, before it takes the write lock: while an import of this process holds it,
 * waits for the import's commit and goes the moment it comes. SQLite's own busy wait sleeps up to
 * 100 ms between its tries: a sale that came during an import's transaction of 130 ms was let in
 * at 178 ms, one of 180 ms at 228 ms. Says whether the lock was free or the wait gave up
 * (`MAX_LOCK_WAIT_MS`; the busy timeout then goes on as before).
 */
export function waitWhileImportHoldsLock(buffer: SharedArrayBuffer = shared): 'free' | 'gave-up' {
  const w = new Int32Array(buffer);
  const until = Date.now() + MAX_LOCK_WAIT_MS;
  while (Atomics.load(w, HOLDING) === 1) {
    const left = until - Date.now();
    if (left <= 0) return 'gave-up';
    Atomics.wait(w, HOLDING, 1, left);
  }
  return 'free';
}

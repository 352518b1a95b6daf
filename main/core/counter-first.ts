/**
 * The counter first, across threads of one process, with two marks in shared memory. The writer
 * lane marks each call it runs, and an import worker started from that lane waits, before each of
 * its write transactions, until the mark is gone. The import worker marks the lock of each of its
 * stepped write transactions (placing its rows, taking them away: LockedSteps; not the short first
 * one of placing, nor the flip), and the writer lane, before it takes the lock, waits for that
 * mark to go, woken at the import's commit. SQLite's busy wait polls (sleeping up to 100 ms
 * between tries) and queues no one: an import that begins its next chunk as soon as the last
 * commits could let a sale miss chunk after chunk (seconds, measured with `npm run bench --
 * --only=import`), and a sale let in by its next try waits up to 100 ms past the commit.
 */
const shared = new SharedArrayBuffer(8);
/** [CALLS]: calls the writer lane runs now; [HOLDING]: where the write lock of an import of this process is (LockMark) */
const words = new Int32Array(shared);
const CALLS = 0;
const HOLDING = 1;

/** The marks' memory, handed to an import worker (its `workerData`). */
export function counterFirstMarks(): SharedArrayBuffer {
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

/** An import's write lock: asked for (in SQLite's BEGIN), held (a transaction under way), or let go. */
export type LockMark = 'asking' | 'held' | 'free';
const MARKS: Record<LockMark, number> = { free: 0, asking: 1, held: 2 };

/** In an import worker: where its write lock is. Each change wakes the writer lane if it waits (waitWhileImportHoldsLock). */
export function markImportHoldsLock(buffer: SharedArrayBuffer | undefined, mark: LockMark): void {
  if (!buffer) return;
  const w = new Int32Array(buffer);
  Atomics.store(w, HOLDING, MARKS[mark]);
  Atomics.notify(w, HOLDING);
}

/**
 * The longest the writer lane waits for an import's mark to go before it asks SQLite anyway: an
 * import's transaction takes about 80 ms; a mark left by a worker that died goes at its exit,
 * which the lane's event loop runs only once the call that waits is over.
 */
const MAX_LOCK_WAIT_MS = 500;

/**
 * How long the writer lane gives an import that is asking for the lock to get it: SQLite grants a
 * free lock at once, so an import still asking after this waits behind someone else (the writer
 * lane's own last transaction, say), and the lane goes ahead.
 */
const ASKING_WAIT_MS = 5;

/**
 * In the writer lane, before it takes the write lock: while an import of this process holds it,
 * waits for the import's commit and goes the moment it comes. SQLite's own busy wait sleeps up to
 * 100 ms between its tries: a sale that came during an import's transaction of 130 ms was let in
 * at 178 ms, one of 180 ms at 228 ms. Says whether the lock was free or the wait gave up
 * (`maxMs`; the busy timeout then goes on as before).
 */
export function waitWhileImportHoldsLock(buffer: SharedArrayBuffer = shared, maxMs = MAX_LOCK_WAIT_MS): 'free' | 'gave-up' {
  const w = new Int32Array(buffer);
  const until = Date.now() + maxMs;
  for (;;) {
    const mark = Atomics.load(w, HOLDING);
    if (mark === MARKS.free) return 'free';
    const left = until - Date.now();
    if (left <= 0) return 'gave-up';
    if (mark === MARKS.asking) {
      // it gets the lock in a moment (held, then free) or waits behind someone else: then go ahead
      if (Atomics.wait(w, HOLDING, mark, Math.min(left, ASKING_WAIT_MS)) === 'timed-out') return 'free';
    } else Atomics.wait(w, HOLDING, mark, left);
  }
}

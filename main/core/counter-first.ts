/**
 * The counter first, across threads of one process: the writer lane marks each call it runs here,
 * and an import worker started from that lane waits, before each of its placing chunks, until the
 * mark is gone. SQLite's busy wait polls (sleeping up to 100 ms between tries) and queues no one: an
 * import that begins its next chunk as soon as the last commits could let a sale miss chunk after
 * chunk (seconds, measured with `npm run bench -- --only=import`).
 */
const shared = new SharedArrayBuffer(4);
const writerCalls = new Int32Array(shared);

/** The mark's memory, handed to an import worker (its `workerData`). */
export function writerCallsBuffer(): SharedArrayBuffer {
  return shared;
}

/** Runs a call of the writer lane with its mark set. */
export async function asWriterCall<T>(run: () => Promise<T>): Promise<T> {
  Atomics.add(writerCalls, 0, 1);
  try {
    return await run();
  } finally {
    Atomics.sub(writerCalls, 0, 1);
    Atomics.notify(writerCalls, 0);
  }
}

/** The longest an import waits for the writer lane before one chunk: a call that takes longer does not stop it. */
const MAX_WAIT_MS = 1_000;

/** In an import worker: waits while the writer lane runs a call (never in the writer lane itself). */
export function waitForWriterCalls(buffer: SharedArrayBuffer | undefined): void {
  if (!buffer) return;
  const calls = new Int32Array(buffer);
  const until = Date.now() + MAX_WAIT_MS;
  for (let n = Atomics.load(calls, 0); n > 0; n = Atomics.load(calls, 0)) {
    const left = until - Date.now();
    if (left <= 0) return;
    Atomics.wait(calls, 0, n, left);
  }
}

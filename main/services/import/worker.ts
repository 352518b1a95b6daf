import { parentPort, workerData } from 'node:worker_threads';
import { openApp, closeApp } from '../../app';
import { consoleLogger, type Ctx } from '../../ctx';
import { backupBeforeChange } from '../backup';
import { workerFailure, type WorkerMessage, type WorkerRequest } from './jobs';
import { ImportCancelled, runImport } from './run';
import { stopYieldingCpu, yieldCpuToCounter } from '../../core/thread-priority';
import { markImportHoldsLock, waitForWriterCalls } from '../../core/counter-first';

/** Entry of the import worker thread (bundled to dist/workers/import-worker.mjs). */
const req = workerData as WorkerRequest;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
const offset = req.now - Date.now();
const flag = new Int32Array(req.cancel);
let ctx: Ctx | null = null;
// an import is heavy work: the counter's threads come first for the CPU
yieldCpuToCounter();
try {
  // Opening is inside: a database that is locked, read-only or from a newer app is the owner's to know.
  ctx = openApp({ dbPath: req.dbPath, clock: { now: () => Date.now() + offset } });
  const c = ctx;
  const result = await runImport(c, req.bytes, req.fileName, req.options, {
    onProgress: (done, total) => post({ type: 'progress', done, total }),
    onImportId: (importId) => post({ type: 'importId', importId }),
    isCancelled: () => Atomics.load(flag, 0) === 1,
    beforeWrite: () => backupBeforeChange(c, 'import'),
    // placing and the flip hold the write lock a sale may be waiting for: full speed for them
    onPhase: (phase) => {
      if (phase === 'placing') stopYieldingCpu();
    },
    // a sale or any write the writer lane is running goes first
    beforeChunk: () => waitForWriterCalls(req.marks),
    // and one that comes while a chunk holds the lock goes the moment it commits
    holdingLock: (mark) => markImportHoldsLock(req.marks, mark),
  });
  post({ type: 'done', result });
} catch (e) {
  if (e instanceof ImportCancelled) post({ type: 'cancelled' });
  else {
    post(workerFailure(e, ctx?.log ?? consoleLogger, 'the import worker'));
  }
} finally {
  if (ctx) closeApp(ctx);
}

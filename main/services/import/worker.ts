import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../shared/api/errors';
import { openApp, closeApp } from '../../app';
import { backupBeforeChange } from '../backup';
import type { WorkerMessage, WorkerRequest } from './jobs';
import { ImportCancelled, runImport } from './run';

/** Entry of the import worker thread (bundled to dist/workers/import-worker.mjs). */
const req = workerData as WorkerRequest;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
const offset = req.now - Date.now();
const ctx = openApp({ dbPath: req.dbPath, clock: { now: () => Date.now() + offset } });
const flag = new Int32Array(req.cancel);
try {
  const result = await runImport(ctx, req.bytes, req.fileName, req.options, {
    onProgress: (done, total) => post({ type: 'progress', done, total }),
    isCancelled: () => Atomics.load(flag, 0) === 1,
    beforeWrite: () => backupBeforeChange(ctx, 'import'),
  });
  post({ type: 'done', result });
} catch (e) {
  if (e instanceof ImportCancelled) post({ type: 'cancelled' });
  else if (e instanceof AppError) post({ type: 'failed', code: e.code, detail: e.detail });
  else {
    console.error(e);
    post({ type: 'failed', code: 'INTERNAL' });
  }
} finally {
  closeApp(ctx);
}

import { Worker } from 'node:worker_threads';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import type { ImportOptions, ImportResult } from '../../../shared/schemas/import';
import type { Ctx } from '../../ctx';

/**
 * Imports from the UI run in a worker thread with their own database connection, so the counter
 * (and the HTTP server or Electron main process) stays responsive during a million-row import.
 * Cancelling flips a shared flag the worker checks between rows; its single transaction then rolls
 * back, so nothing of the file is left behind.
 */
export interface ImportJob {
  id: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  result: ImportResult | null;
  error: { code: string; detail?: Record<string, unknown> } | null;
}

interface Running extends ImportJob {
  cancel: Int32Array;
}

const jobs = new Map<string, Running>();

export interface WorkerRequest {
  dbPath: string;
  now: number;
  bytes: Uint8Array;
  fileName: string;
  options: ImportOptions;
  cancel: SharedArrayBuffer;
}
export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: ImportResult }
  | { type: 'failed'; code: string; detail?: Record<string, unknown> }
  | { type: 'cancelled' };

export function startImportJob(ctx: Ctx, bytes: Uint8Array, fileName: string, options: ImportOptions): ImportJob {
  if (!ctx.workerDir) throw new AppError('INTERNAL', { reason: 'no_worker' });
  const cancel = new SharedArrayBuffer(4);
  const job: Running = {
    id: randomUUID(),
    state: 'running',
    done: 0,
    total: 0,
    result: null,
    error: null,
    cancel: new Int32Array(cancel),
  };
  jobs.set(job.id, job);
  const request: WorkerRequest = { dbPath: ctx.dbPath, now: ctx.clock.now(), bytes, fileName, options, cancel };
  const worker = new Worker(`${ctx.workerDir}/import-worker.mjs`, { workerData: request });
  worker.on('message', (m: WorkerMessage) => {
    if (m.type === 'progress') Object.assign(job, { done: m.done, total: m.total });
    else if (m.type === 'done')
      Object.assign(job, { state: 'done', result: m.result, done: m.result.rows, total: m.result.rows });
    else if (m.type === 'cancelled') job.state = 'cancelled';
    else Object.assign(job, { state: 'failed', error: { code: m.code, detail: m.detail } });
  });
  worker.on('error', (e) => {
    ctx.log.error('import worker failed', e);
    Object.assign(job, { state: 'failed', error: { code: 'INTERNAL' } });
  });
  worker.on('exit', () => {
    if (job.state === 'running') Object.assign(job, { state: 'failed', error: { code: 'INTERNAL' } });
  });
  return view(job);
}

function view(j: Running): ImportJob {
  return { id: j.id, state: j.state, done: j.done, total: j.total, result: j.result, error: j.error };
}

export function importJobStatus(id: string): ImportJob {
  const j = jobs.get(id);
  if (!j) throw new AppError('NOT_FOUND', { entity: 'import_job' });
  return view(j);
}

export function cancelImportJob(id: string): ImportJob {
  const j = jobs.get(id);
  if (!j) throw new AppError('NOT_FOUND', { entity: 'import_job' });
  Atomics.store(j.cancel, 0, 1);
  return view(j);
}

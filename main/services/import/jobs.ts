import { Worker } from 'node:worker_threads';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';
import type { ImportOptions, ImportRecord, ImportResult } from '../../../shared/schemas/import';
import type { Ctx, Logger } from '../../ctx';
import { toFailure } from '../../errors';
import { removeDeadImportsInTurns, removeImportInTurns } from './recover';
import { markImportHoldsLock, counterFirstMarks } from '../../core/counter-first';

/**
 * Imports from the UI run in a worker thread with their own database connection, so the counter
 * (and the HTTP server or Electron main process) stays responsive during a million-row import.
 * The worker writes in short chunks and one final flip (write.ts); cancelling flips a shared flag
 * the worker checks between chunks, and it then drops what it staged, so nothing of the file is
 * left behind.
 *
 * One import at a time per shop: a second one would hold a second copy of a large file in memory
 * and race the first one's flip, so it is refused at once as CONFLICT `import_running` (another
 * process's running import is refused when it starts writing, write.ts). A finished job is kept until its result has been
 * read (and KEEP_READ_MS more, for a poll that crosses the last one), or KEEP_UNREAD_MS at most.
 * What each import (not a check) came to is kept apart, in a few lines per shop (the newest
 * HISTORY_PER_SHOP, for as long as the app runs), so a Data screen opened again still lists it.
 */
export interface ImportJob {
  id: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  result: ImportResult | null;
  /** incidentId: an INTERNAL failure's, whose stack is in the log */
  error: { code: string; detail?: Record<string, unknown>; incidentId?: string } | null;
}

interface Running extends ImportJob {
  cancel: Int32Array;
  shop: string;
  finishedAt: number | null;
  readAt: number | null;
}

export const KEEP_READ_MS = 30_000;
export const KEEP_UNREAD_MS = 10 * 60_000;
export const WORKER_FILE = 'import-worker.mjs';
export const HISTORY_PER_SHOP = 20;

const jobs = new Map<string, Running>();
/** shop database (resolved path) -> its imports of this run, newest first */
const history = new Map<string, HeldRecord[]>();
/** a line of the history, with the import's id in the database once it committed */
export interface HeldRecord extends ImportRecord {
  importId: number | null;
}
/** shop database (resolved path) -> its running job */
const running = new Map<string, string>();
/** shop database (resolved path) -> the jobs whose worker has not ended (its connection may still be open) */
const workers = new Map<string, Set<string>>();

export interface WorkerRequest {
  dbPath: string;
  now: number;
  bytes: Uint8Array;
  fileName: string;
  options: ImportOptions;
  cancel: SharedArrayBuffer;
  /** the marks shared with the writer lane: its calls, which each chunk lets go first, and where the chunk's lock is (main/core/counter-first.ts) */
  marks?: SharedArrayBuffer;
}
export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'importId'; importId: number }
  | { type: 'done'; result: ImportResult }
  | { type: 'failed'; code: string; detail?: Record<string, unknown>; incidentId?: string }
  | { type: 'cancelled' };

/**
 * How a worker's failure reaches the owner: the one mapping (main/errors.ts toFailure) — an expected
 * failure as its code, a database fault as that fault, anything else as INTERNAL under an incident
 * id whose stack is in the log.
 */
export function workerFailure(e: unknown, log: Logger, where: string): Extract<WorkerMessage, { type: 'failed' }> {
  const { error } = toFailure(e, { log, where });
  return {
    type: 'failed',
    code: error.code,
    ...(error.detail ? { detail: error.detail } : {}),
    ...(error.incidentId ? { incidentId: error.incidentId } : {}),
  };
}

const jobError = (m: Extract<WorkerMessage, { type: 'failed' }>): NonNullable<ImportJob['error']> => ({
  code: m.code,
  ...(m.detail ? { detail: m.detail } : {}),
  ...(m.incidentId ? { incidentId: m.incidentId } : {}),
});

/**
 * The worker script, checked against the SHA-256 the Electron main bundle was built with (that
 * bundle sits in the integrity-checked app.asar; the worker has to run from the unpacked folder).
 */
function workerScript(ctx: Ctx): string {
  if (!ctx.workerDir) throw new AppError('INTERNAL', { reason: 'no_worker' });
  const file = path.join(ctx.workerDir, WORKER_FILE);
  if (ctx.workerSha256 !== undefined) {
    const actual = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    if (actual !== ctx.workerSha256) {
      ctx.log.error(`import worker ${file} does not match the app's build (sha256 ${actual}); not run`);
      throw new AppError('INTERNAL', { reason: 'worker_integrity' });
    }
  }
  return file;
}

export function startImportJob(ctx: Ctx, bytes: Uint8Array, fileName: string, options: ImportOptions): ImportJob {
  sweepImportJobs();
  const shop = path.resolve(ctx.dbPath);
  const busy = running.get(shop);
  if (busy !== undefined) throw new AppError('CONFLICT', { reason: 'import_running', jobId: busy });
  const script = workerScript(ctx);
  const cancel = new SharedArrayBuffer(4);
  const job: Running = {
    id: randomUUID(),
    state: 'running',
    done: 0,
    total: 0,
    result: null,
    error: null,
    cancel: new Int32Array(cancel),
    shop,
    finishedAt: null,
    readAt: null,
  };
  const request: WorkerRequest = {
    dbPath: ctx.dbPath,
    now: ctx.clock.now(),
    bytes,
    fileName,
    options,
    cancel,
    marks: counterFirstMarks(),
  };
  // Bytes that own their buffer (a decoded upload) are handed to the worker, not copied: a copy of
  // 30 MB held the writer lane (where this runs) for hundreds of milliseconds. The caller's view is
  // empty afterwards.
  const own = bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length && bytes.buffer instanceof ArrayBuffer;
  const worker = new Worker(script, { workerData: request, transferList: own ? [bytes.buffer as ArrayBuffer] : [] });
  jobs.set(job.id, job);
  running.set(shop, job.id);
  workers.set(shop, (workers.get(shop) ?? new Set()).add(job.id));
  const record = options.dryRun ? null : remember(shop, job.id, fileName, options, ctx.clock.now());
  const startedReal = Date.now();
  const finish = (patch: Partial<ImportJob>) => {
    if (job.state !== 'running') return;
    Object.assign(job, patch, { finishedAt: Date.now() });
    if (running.get(shop) === job.id) running.delete(shop);
    if (record) recordOutcome(record, job, record.startedAt + (Date.now() - startedReal));
    setTimeout(() => sweepImportJobs(), KEEP_UNREAD_MS + 1000).unref();
  };
  // the import's row in the database, once the worker has made it
  let importId: number | null = null;
  worker.on('message', (m: WorkerMessage) => {
    if (m.type === 'progress') {
      Object.assign(job, { done: m.done, total: m.total });
      if (record) Object.assign(record, { done: m.done, total: m.total });
    } else if (m.type === 'importId') {
      importId = m.importId;
      // from here the database's row of this import is this job's line (history.ts), also between
      // the flip's commit and the worker's last word
      if (record) record.importId = m.importId;
    } else if (m.type === 'done') finish({ state: 'done', result: m.result, done: m.result.rows, total: m.result.rows });
    else if (m.type === 'cancelled') finish({ state: 'cancelled' });
    else finish({ state: 'failed', error: jobError(m) });
  });
  worker.on('error', (e) => finish({ state: 'failed', error: jobError(workerFailure(e, ctx.log, 'the import worker')) }));
  worker.on('exit', () => {
    // a worker that died inside a transaction let the lock go with it: so goes its mark (a dry
    // run never takes the lock, and leaves the mark of the import that may run beside it alone)
    if (!options.dryRun) markImportHoldsLock(counterFirstMarks(), 'free');
    workers.get(shop)?.delete(job.id);
    if (workers.get(shop)?.size === 0) workers.delete(shop);
    const died = job.state === 'running' || job.error?.code === 'INTERNAL';
    if (job.state === 'running')
      finish({
        state: 'failed',
        error: jobError(workerFailure(new Error('the import worker stopped without an answer'), ctx.log, 'the import worker')),
      });
    // A worker that died mid-import left its placed rows behind: gone now, as a start-up would
    // (on the writer lane: a short transaction per turn, the counter's calls in between). Its job
    // was finished by its last message, so another import of this shop may have started since:
    // only this worker's import goes, or, if it died before it said which, every pending import of
    // this process while no other import of the shop runs (else the next start-up).
    if (!died) return;
    const removal =
      importId !== null
        ? removeImportInTurns(ctx.db, importId)
        : workers.has(shop)
          ? null
          : removeDeadImportsInTurns(ctx.db, true);
    removal?.catch((e: unknown) => ctx.log.error('could not remove a dead import', e));
  });
  return view(job);
}

function remember(shop: string, id: string, fileName: string, o: ImportOptions, now: number): HeldRecord {
  const record: HeldRecord = {
    id,
    state: 'running',
    kind: o.kind,
    fileName,
    startedAt: now,
    finishedAt: null,
    done: 0,
    total: 0,
    rows: null,
    imported: null,
    badRows: null,
    error: null,
    importId: null,
  };
  history.set(shop, [record, ...(history.get(shop) ?? [])].slice(0, HISTORY_PER_SHOP));
  return record;
}

/** What a finished job came to, without its list of bad rows (that one stays with the job). */
function recordOutcome(record: HeldRecord, job: ImportJob, finishedAt: number): void {
  const r = job.result;
  Object.assign(record, {
    state: job.state,
    finishedAt,
    done: job.done,
    total: job.total,
    rows: r?.rows ?? null,
    imported: r ? (r.committed ? r.imported : 0) : null,
    // a file refused for its bad rows wrote nothing and reports them only in its list of errors
    badRows: r ? (r.committed ? r.skipped : new Set(r.errors.map((e) => e.row)).size) : null,
    error: job.error,
    importId: r?.importId ?? record.importId,
  });
}

/**
 * The id of an import whose worker has the shop open, if any: it is running, or it has just answered
 * and is closing its connection. A restore must not rename another file under it (restore.ts).
 */
export function importRunningFor(dbPath: string): string | undefined {
  const ids = workers.get(path.resolve(dbPath));
  return ids ? [...ids][0] : undefined;
}

/** This run's imports into a shop, newest first (copies). */
export function recentImportJobs(dbPath: string): HeldRecord[] {
  return (history.get(path.resolve(dbPath)) ?? []).map((r) => ({ ...r }));
}

function view(j: Running): ImportJob {
  return { id: j.id, state: j.state, done: j.done, total: j.total, result: j.result, error: j.error };
}

/** Drops finished jobs whose result was read KEEP_READ_MS ago, or that finished KEEP_UNREAD_MS ago. */
export function sweepImportJobs(now = Date.now()): void {
  for (const [id, j] of jobs) {
    if (j.finishedAt === null) continue;
    if ((j.readAt !== null && now - j.readAt >= KEEP_READ_MS) || now - j.finishedAt >= KEEP_UNREAD_MS) jobs.delete(id);
  }
}

function found(id: string): Running {
  sweepImportJobs();
  const j = jobs.get(id);
  if (!j) throw new AppError('NOT_FOUND', { entity: 'import_job' });
  if (j.finishedAt !== null && j.readAt === null) j.readAt = Date.now();
  return j;
}

export function importJobStatus(id: string): ImportJob {
  return view(found(id));
}

export function cancelImportJob(id: string): ImportJob {
  const j = found(id);
  Atomics.store(j.cancel, 0, 1);
  return view(j);
}

/** Jobs held in memory (tests). */
export function importJobsHeld(): number {
  return jobs.size;
}

import { parentPort, workerData } from 'node:worker_threads';
import { dispatch } from '../api';
import { asWriterCall, waitWhileImportHoldsLock } from './counter-first';
import { removeDeadImportsInTurns } from '../services/import/recover';
import { closeApp, openApp } from '../app';
import type { Ctx } from '../ctx';
import type { Db } from '../db/open';
import { onWriteTransaction, openDb } from '../db/open';
import { startupChecks } from '../services/startup';
import { today } from '../services/settings';
import type { CoreWorkerData, FromWorker, SharedState, ToWorker, WireError } from './protocol';
import { AppError, type Reply } from '../../shared/api/errors';
import { setActor, type Actor } from '../db/queries/audit';
import { consoleLogger } from '../ctx';
import { toFailure } from '../errors';
import { yieldCpuToCounter } from './thread-priority';
import { runWriteStep } from './write-steps';

/**
 * Entry of a core worker thread (bundled to dist/workers/core-worker.mjs): one lane of the pool
 * (main/core/pool.ts), its own connection opened with the same openApp code, running the same
 * in-process `dispatch` as the tests do. Messages are handled one at a time, in order.
 */
const data = workerData as CoreWorkerData;
const port = parentPort!;
// a write step's buffers are handed over, not copied (main/core/write-step.ts)
const post = (m: FromWorker) => port.postMessage(m, m.type === 'step' ? m.transfer : []);
// the offset as of the moment the pool took `now` (Date.now() is one wall clock for all threads)
const offset = data.now - data.at;
const clock = { now: () => Date.now() + offset };

/**
 * The writer lane waits for the write lock rather than refusing a sale: a command-line import
 * beside the app, or an older one's flip, may hold it longer than the usual 5 s.
 */
const WRITER_BUSY_MS = 30_000;
/**
 * The writer's connection waits longer for the lock (WRITER_BUSY_MS), and never copies the log back into the file
 * itself: SQLite would do it in the commit of whichever write crosses 1,000 pages of log, often a
 * sale that waited for an import's chunk and then found that chunk's pages to copy (seconds). The
 * heavy lane does it instead, when idle (checkpointWhenIdle); an import every few of its chunks.
 */
function laneConnection(db: Db): void {
  if (data.lane !== 'writer' || configured.has(db)) return;
  db.pragma(`busy_timeout = ${WRITER_BUSY_MS}`);
  db.pragma('wal_autocheckpoint = 0');
  // an import this lane started holds the lock: in at its commit, not at SQLite's next try
  onWriteTransaction(db, () => void waitWhileImportHoldsLock());
  configured.add(db);
}
/** Connections laneConnection has set up: once each (a restore opens a new one), not in every call. */
const configured = new WeakSet<Db>();

/** Imports whose process died (or that a restored file was taken during): their rows were never visible, and go a short transaction at a time. */
function removeDeadImportsHere(db: Db): void {
  if (data.lane !== 'writer') return;
  removeDeadImportsInTurns(db, true).catch((e: unknown) =>
    toFailure(e, { log: consoleLogger, where: 'core worker (writer), removing a dead import' }),
  );
}

/** How often the heavy lane, when it has nothing else to do, copies the log back into the file. */
const CHECKPOINT_EVERY_MS = 1_000;
function checkpointWhenIdle(): void {
  if (running || !ctx?.db.open) return;
  try {
    // PASSIVE: copies what no reader still needs, waits for nothing, and a write goes on meanwhile
    ctx.db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // busy or read-only: the next round, or the writer's own at close
  }
}

function wire(e: unknown): WireError {
  if (e instanceof AppError) return { message: e.message, code: e.code, app: true, ...(e.detail ? { detail: e.detail } : {}) };
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
  return { message: e instanceof Error ? e.message : String(e), ...(code ? { code } : {}) };
}

type Queued = Exclude<ToWorker, { type: 'step-reply' }>;
let ctx: Ctx | null = null;
const queue: Queued[] = [];
/** the device and staff member behind the call being handled: a write step it hands over names them too */
let callActor: Actor | null = null;

/**
 * A reader lane's write steps go to the writer lane through the pool (main/core/write-step.ts); the
 * reply comes back as `step-reply`, answered at once (not queued: the call that asked is waiting).
 */
const asked = new Map<number, (reply: Reply) => void>();
let lastAsk = 0;
function askWriter(step: string, input: unknown, transfer: readonly ArrayBuffer[]): Promise<Reply> {
  return new Promise<Reply>((resolve) => {
    const id = ++lastAsk;
    asked.set(id, resolve);
    post({ type: 'step', id, step, input, actor: callActor, transfer: [...transfer] });
  });
}
let lastChecksDay: string | null = null;

/** Opens this lane's connection; on failure says why and lets the thread end. */
function open(): void {
  try {
    // The process registered its open once (main thread); its own threads are not "another process".
    const c = openApp({ dbPath: data.dbPath, clock, role: data.lane, register: false });
    c.workerDir = data.workerDir;
    c.workerSha256 = data.workerSha256;
    c.health = data.shared.health;
    c.backupWarning = data.shared.backupWarning;
    if (data.lane !== 'writer') c.writer = askWriter;
    laneConnection(c.db);
    if (data.lane === 'heavy') yieldCpuToCounter();
    ctx = c;
    post({ type: 'ready' });
    removeDeadImportsHere(c.db);
  } catch (e) {
    post({ type: 'open-failed', error: wire(e) });
    // nothing to serve: the thread ends once its last message is out
    port.close();
  }
}

const snapshot = (c: Ctx): SharedState => ({ health: c.health ?? 'unchecked', backupWarning: c.backupWarning ?? null });
/** Tells the pool what this call changed of the process-wide state (it passes it on to the other lanes). */
function report(c: Ctx, before: SharedState): void {
  const after = snapshot(c);
  const state: Partial<SharedState> = {};
  if (after.health !== before.health) state.health = after.health;
  if (after.backupWarning !== before.backupWarning) state.backupWarning = after.backupWarning;
  if (Object.keys(state).length) post({ type: 'shared', state });
}

function stall(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The integrity check, the daily backup and the month's models: at start-up, then once a (business) day. */
function checks(c: Ctx): void {
  let day: string | null = null;
  try {
    day = today(c);
  } catch {
    // unreadable settings: run the checks, which say what is wrong
  }
  if (day !== null && day === lastChecksDay) return;
  lastChecksDay = day;
  startupChecks(c);
}

async function handle(c: Ctx, m: Exclude<Queued, { type: 'open' }>): Promise<void> {
  const before = snapshot(c);
  if (m.type === 'shared') {
    if (m.state.health !== undefined) c.health = m.state.health;
    if (m.state.backupWarning !== undefined) c.backupWarning = m.state.backupWarning;
    return;
  }
  if (m.type === 'suspend') {
    if (c.db.open) c.db.close();
    return post({ type: 'done', seq: m.seq });
  }
  if (m.type === 'resume') {
    // closed and opened again whatever came before: the file may have been replaced since it was opened
    if (c.db.open) c.db.close();
    try {
      c.db = openDb(data.dbPath);
    } catch (e) {
      // A thread left on a closed connection would fail every call: it ends, and the pool starts it
      // again (opening with openApp, with back-off while the file cannot be opened).
      toFailure(e, { log: consoleLogger, where: `core worker (${data.lane}), reopening after a restore` });
      process.exit(1);
    }
    laneConnection(c.db);
    removeDeadImportsHere(c.db);
    return post({ type: 'done', seq: m.seq });
  }
  if (m.type === 'checks') {
    checks(c);
    report(c, before);
    return post({ type: 'done', seq: m.seq });
  }
  if (m.type === 'step') {
    // a write another lane handed over: a plain reply, which the pool passes on to that lane
    const slowStep = data.slowMethods?.[`step ${m.step}`];
    if (slowStep) stall(slowStep);
    setActor(m.actor);
    let reply;
    try {
      reply = await asWriterCall(() => runWriteStep(m.step, m.input, c));
    } finally {
      setActor(null);
    }
    report(c, before);
    return post({ type: 'reply', seq: m.seq, reply });
  }
  const slow = data.slowMethods?.[m.method];
  if (slow) stall(slow);
  setActor(m.actor ?? null);
  callActor = m.actor ?? null;
  let reply;
  try {
    // the writer's calls are marked: an import's next chunk waits for them (counter-first.ts)
    reply =
      data.lane === 'writer' ? await asWriterCall(() => dispatch(m.method, m.input, c)) : await dispatch(m.method, m.input, c);
  } finally {
    setActor(null);
    callActor = null;
  }
  // a restore reopens ctx.db (openDb: its transactions start IMMEDIATE too); the writer's wait again
  laneConnection(c.db);
  report(c, before);
  // Successes cross to the relaying thread as JSON text, written here (main/core/encoded-reply.ts).
  if (reply.ok) post({ type: 'encoded', seq: m.seq, json: JSON.stringify(reply) });
  else post({ type: 'reply', seq: m.seq, reply });
}

// One message at a time, in order: a handler that awaits (an export's workbook) finishes before the
// next starts; until the connection is open, messages wait.
let running = false;
async function drain(): Promise<void> {
  if (running) return;
  running = true;
  try {
    for (let m = queue.shift(); m; m = queue.shift()) {
      if (m.type === 'open') {
        if (!ctx) open();
        continue;
      }
      if (!ctx) {
        // not open (the pool is closing before the writer made the file ready): answered, not lost
        if (m.type === 'call' || m.type === 'step')
          post({ type: 'reply', seq: m.seq, reply: { ok: false, error: { code: 'INTERNAL' } } });
        else if (m.type !== 'shared') post({ type: 'done', seq: m.seq });
        continue;
      }
      try {
        await handle(ctx, m);
      } catch (e) {
        // never thrown by dispatch; a failed suspend/resume/checks is logged, and the pool hears "done"
        const failure = toFailure(e, { log: consoleLogger, where: `core worker (${data.lane}), ${m.type}` });
        if ('seq' in m) {
          if (m.type === 'call' || m.type === 'step') post({ type: 'reply', seq: m.seq, reply: failure });
          else post({ type: 'done', seq: m.seq });
        }
      }
    }
  } finally {
    running = false;
  }
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'step-reply') {
    asked.get(m.id)?.(m.reply);
    asked.delete(m.id);
    return;
  }
  queue.push(m);
  void drain();
});
port.on('close', () => {
  if (ctx) closeApp(ctx);
});
// A reader started beside the writer opens only when told: after the writer has created and migrated the file.
if (!data.openWhenTold) open();
if (data.lane === 'heavy') setInterval(checkpointWhenIdle, CHECKPOINT_EVERY_MS).unref();

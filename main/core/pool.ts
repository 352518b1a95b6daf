import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isMethod } from '../../shared/api/contract';
import { AppError, fail, type Reply } from '../../shared/api/errors';
import { clockFromEnv, consoleLogger, type Clock, type Logger } from '../ctx';
import { registerOpen } from '../db/in-use';
import type { CoreWorkerData, SharedState, StepRequest } from './protocol';
import { LaneWorker, type LaneHost } from './lane-worker';
import { LANES, REPLACES_FILE, laneFor, type Lane } from './routes';
import { ACCESS } from './roles';
import type { Actor } from '../db/queries/audit';

export const CORE_WORKER_FILE = 'core-worker.mjs';
/** the order in which a restore holds and closes the other lanes: the one with long jobs first */
const SUSPEND_ORDER: readonly Lane[] = ['heavy', 'counter', 'writer'];

/**
 * The core in workers (docs/architecture.md), as in Signal Desktop's ts/sql/main.ts: the main
 * thread (Electron's main process, browser mode's HTTP server) never runs SQL or model maths; it
 * sends each call, with a sequence number, to the worker of its lane (routes.ts) and relays the
 * `{ok,data}|{ok:false,error}` reply. A worker that stops unexpectedly is started again; the calls
 * it had not answered get INTERNAL with an incident id and are never retried (a write may have
 * committed: SQLite has it, and the owner sees the error and checks).
 */
export interface PoolOptions {
  dbPath: string;
  /** the built worker script (dist/workers/core-worker.mjs) */
  script: string;
  /** SHA-256 (hex) the script must have (the packaged app: it runs from outside the checked app.asar) */
  scriptSha256?: string;
  /** the import worker's folder and checksum, handed to the writer that starts it */
  workerDir?: string;
  workerSha256?: string;
  clock?: Clock;
  log?: Logger;
  /** named in the cross-process registration (main/db/in-use.ts): taken once, here */
  role?: string;
  /** how often the background checks look whether a new day needs its backup and integrity check */
  checksEveryMs?: number;
  /** tests only: the worker stalls this many ms before these methods (a deliberately long job) */
  slowMethods?: Record<string, number>;
}

/** Who is behind a call (issue 18): `trusted` only for the sharing host's own internal calls. */
export interface CallMeta {
  actor?: Actor | null;
  trusted?: boolean;
}

export interface Pool {
  dispatch(method: unknown, input: unknown, meta?: CallMeta): Promise<Reply>;
  /** start-up checks now (heavy lane), then again whenever a new day comes while the app stays open */
  startBackground(): void;
  /** one round of the checks; resolves when its synchronous part is done */
  runChecks(): Promise<void>;
  shared(): SharedState;
  /** tests: stop a lane's thread as a crash would */
  crash(lane: Lane): Promise<void>;
  close(): Promise<void>;
}

class PoolImpl implements Pool, LaneHost {
  readonly log: Logger;
  readonly script: string;
  private readonly clock: Clock;
  private readonly offset: number;
  private readonly lanes: Record<Lane, LaneWorker>;
  private state: SharedState = { health: 'unchecked', backupWarning: null };
  private seq = 0;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  /** the calls that replace the file, one after another (each closes and reopens the readers) */
  private replacing: Promise<unknown> = Promise.resolve();
  release: () => void = () => {};

  constructor(private readonly opts: PoolOptions) {
    this.log = opts.log ?? consoleLogger;
    this.clock = opts.clock ?? clockFromEnv();
    // One offset from the wall clock for every worker, taken once: two readings of the clock per
    // worker could straddle a millisecond and leave two lanes a millisecond apart.
    this.offset = this.clock.now() - Date.now();
    this.script = path.resolve(opts.script);
    this.lanes = {
      writer: new LaneWorker('writer', this),
      counter: new LaneWorker('counter', this),
      heavy: new LaneWorker('heavy', this),
    };
  }

  nextSeq(): number {
    return ++this.seq;
  }

  workerData(lane: Lane): CoreWorkerData {
    const at = Date.now();
    return {
      lane,
      dbPath: this.opts.dbPath,
      now: at + this.offset,
      at,
      shared: { ...this.state },
      ...(this.opts.workerDir !== undefined ? { workerDir: this.opts.workerDir } : {}),
      ...(this.opts.workerSha256 !== undefined ? { workerSha256: this.opts.workerSha256 } : {}),
      ...(this.opts.slowMethods ? { slowMethods: this.opts.slowMethods } : {}),
    };
  }

  onShared(from: Lane, state: Partial<SharedState>): void {
    this.state = { ...this.state, ...state };
    for (const lane of LANES) if (lane !== from) this.lanes[lane].tell(state);
  }

  onStep(from: Lane, m: StepRequest, answer: (reply: Reply) => void): void {
    // the writer runs its own steps in-process; only the readers hand theirs over
    if (from === 'writer') return answer(fail('INTERNAL', undefined, { reason: 'step_from_writer' }));
    void this.lanes.writer.step(m).then(answer);
  }

  async start(): Promise<void> {
    // All three threads load at once; the writer opens first: it creates and migrates the file (with
    // its backup) before any reader opens it.
    this.lanes.writer.start();
    this.lanes.counter.start(true);
    this.lanes.heavy.start(true);
    try {
      await this.lanes.writer.ready;
    } catch (e) {
      this.lanes.counter.ready.catch(() => {});
      this.lanes.heavy.ready.catch(() => {});
      throw e;
    }
    // The readers open now. The counter's lane is ready before the address is shown (its first search
    // must not wait); the heavy reader's calls wait in its queue meanwhile (a reader that fails to
    // open later is started again like any crash).
    this.lanes.counter.open();
    this.lanes.heavy.open();
    await this.lanes.counter.ready;
  }

  async dispatch(method: unknown, input: unknown, meta: CallMeta = {}): Promise<Reply> {
    if (typeof method !== 'string' || !isMethod(method)) return fail('UNKNOWN_METHOD');
    // the sharing host's own calls (token hashes, PIN hashes): never from a window or the network
    if (ACCESS[method] === 'internal' && !meta.trusted) return fail('FORBIDDEN');
    const laneName = laneFor(method, input);
    const lane = this.lanes[laneName];
    const actor = meta.actor ?? null;
    if (!REPLACES_FILE.has(method)) return lane.call(method, input, actor);
    // One at a time: a second restore's readers must be closed again after the first one reopened them.
    const run = this.replacing.then(() => this.replaceFile(laneName, method, input, actor));
    this.replacing = run.catch(() => {});
    return run;
  }

  private async replaceFile(laneName: Lane, method: string, input: unknown, actor: Actor | null): Promise<Reply> {
    const lane = this.lanes[laneName];
    // The file is about to be replaced: no other connection of this process may hold it open. The
    // heavy reader is held and closed first: the counter goes on answering while the heavy reader
    // finishes a long job, and is held only for the restore itself.
    const readers = SUSPEND_ORDER.filter((l) => l !== laneName).map((l) => this.lanes[l]);
    const held: LaneWorker[] = [];
    try {
      for (const r of readers) {
        r.hold();
        held.push(r);
        await r.control('suspend');
      }
      return await lane.call(method, input, actor);
    } finally {
      await Promise.all(held.map((r) => r.control('resume')));
      held.forEach((r) => r.release());
    }
  }

  runChecks(): Promise<void> {
    this.checking ??= this.lanes.heavy.checks().finally(() => (this.checking = null));
    return this.checking;
  }

  startBackground(): void {
    void this.runChecks();
    this.timer ??= setInterval(() => void this.runChecks(), this.opts.checksEveryMs ?? 60 * 60_000);
    this.timer.unref();
  }

  shared(): SharedState {
    return { ...this.state };
  }

  crash(lane: Lane): Promise<void> {
    return this.lanes[lane].crash();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // the readers first: what they hand the writer as they finish (a backup's log line) still finds it open
    await Promise.all(LANES.filter((l) => l !== 'writer').map((l) => this.lanes[l].close()));
    await this.lanes.writer.close();
    this.release();
  }
}

/** Starts the three workers on the shop database; rejects as the open would (DB_FROM_FUTURE, a damaged file…). */
export async function createPool(opts: PoolOptions): Promise<Pool> {
  if (opts.scriptSha256 !== undefined) {
    const actual = createHash('sha256').update(fs.readFileSync(opts.script)).digest('hex');
    if (actual !== opts.scriptSha256) throw new AppError('INTERNAL', { reason: 'worker_integrity' });
  }
  const pool = new PoolImpl(opts);
  pool.release = registerOpen(opts.dbPath, opts.role ?? 'app');
  try {
    await pool.start();
  } catch (e) {
    await pool.close();
    throw e;
  }
  return pool;
}

import { Worker } from 'node:worker_threads';
import { AppError, fail, type ErrorCode, type Reply } from '../../shared/api/errors';
import type { Logger } from '../ctx';
import type { Actor } from '../db/queries/audit';
import { toFailure } from '../errors';
import { encodedReply } from './encoded-reply';
import { transferOf } from './json-input';
import type { CoreWorkerData, FromWorker, SharedState, StepRequest, ToWorker, WireError } from './protocol';
import type { Lane } from './routes';

/** What a lane's worker needs of its pool (main/core/pool.ts). */
export interface LaneHost {
  readonly script: string;
  readonly log: Logger;
  workerData(lane: Lane): CoreWorkerData;
  onShared(from: Lane, state: Partial<SharedState>): void;
  /** a lane's worker asks for a write step on the writer lane; `answer` takes the writer's reply */
  onStep(from: Lane, m: StepRequest, answer: (reply: Reply) => void): void;
  nextSeq(): number;
}

/**
 * One lane of the pool: its worker thread, the calls it has not answered yet (by sequence number),
 * a gate that holds calls while the file is replaced, and the restart of a thread that stops.
 */
type Pending = { kind: 'call'; method: string; resolve: (r: Reply) => void } | { kind: 'control'; resolve: () => void };

function rebuild(e: WireError): Error {
  if (e.app) return new AppError(e.code as ErrorCode, e.detail);
  return Object.assign(new Error(e.message), e.code ? { code: e.code } : {});
}

export class LaneWorker {
  private worker: Worker | null = null;
  private pending = new Map<number, Pending>();
  private gate: Promise<void> | null = null;
  private openGate: (() => void) | null = null;
  /** holds not yet released: the gate opens at the last release */
  private holds = 0;
  private closing = false;
  private failures = 0;
  ready!: Promise<void>;

  constructor(
    readonly lane: Lane,
    private readonly pool: LaneHost,
  ) {}

  start(openWhenTold = false): void {
    const w = new Worker(this.pool.script, { workerData: { ...this.pool.workerData(this.lane), openWhenTold } });
    this.worker = w;
    this.ready = new Promise<void>((resolve, reject) => {
      // a thread that dies before it is ready (a missing script, a failed open) fails the start
      w.once('error', reject);
      w.once('exit', (code) => reject(new Error(`the ${this.lane} worker stopped (exit ${code}) before it was ready`)));
      w.on('message', (m: FromWorker) => {
        if (m.type === 'ready') {
          this.failures = 0;
          resolve();
        } else if (m.type === 'open-failed') {
          const e = rebuild(m.error);
          reject(e);
          this.failAll((method) => toFailure(e, { log: this.pool.log, where: `${this.lane} lane (${method})` }));
        } else if (m.type === 'shared') this.pool.onShared(this.lane, m.state);
        else if (m.type === 'step')
          // the answer goes to the thread that asked, not to one started since (it no longer waits)
          this.pool.onStep(this.lane, m, (reply) => {
            if (this.worker === w) w.postMessage({ type: 'step-reply', id: m.id, reply } satisfies ToWorker);
          });
        else this.settle(m.seq, m.type === 'reply' ? m.reply : m.type === 'encoded' ? encodedReply(m.json) : undefined);
      });
    });
    // a rejection nobody awaits (a restart that cannot open) is answered through the pending calls
    this.ready.catch(() => {});
    w.on('error', (e) => this.pool.log.error(`the ${this.lane} worker failed`, e));
    w.on('exit', (code) => {
      if (this.worker === w) this.worker = null;
      if (this.closing) {
        // A deliberate stop (the app is closing): calls still waiting are told so, and it is no incident.
        this.failAll(() => fail('INTERNAL', undefined, { reason: 'closing' }));
        return;
      }
      const stopped = new Error(`the ${this.lane} worker stopped (exit ${code})`);
      this.failAll((method) => toFailure(stopped, { log: this.pool.log, where: `${this.lane} lane (${method})` }));
      // started again at once, then slower if it keeps stopping (say, the file cannot be opened)
      const delay = Math.min(30_000, this.failures === 0 ? 0 : 250 * 2 ** this.failures);
      this.failures++;
      setTimeout(() => {
        if (!this.closing) this.start();
      }, delay).unref();
    });
  }

  private settle(seq: number, reply: Reply | undefined): void {
    const p = this.pending.get(seq);
    if (!p) return;
    this.pending.delete(seq);
    if (p.kind === 'call') p.resolve(reply ?? { ok: false, error: { code: 'INTERNAL' } });
    else p.resolve();
  }

  private failAll(replyFor: (method: string) => Reply): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) {
      if (p.kind === 'call') p.resolve(replyFor(p.method));
      else p.resolve();
    }
  }

  private async post(m: ToWorker, p: Pending, transfer: readonly ArrayBuffer[] = []): Promise<void> {
    // A restart in progress: wait for the new thread (messages posted before it listens are kept).
    while (!this.worker && !this.closing) await new Promise((r) => setTimeout(r, 20));
    if (!this.worker) {
      if (p.kind === 'call') p.resolve(fail('INTERNAL'));
      else p.resolve();
      return;
    }
    try {
      this.worker.postMessage(m, transfer);
    } catch (e) {
      // an input that cannot cross to the thread (DataCloneError): answered at once, never left waiting
      if (p.kind === 'call') p.resolve(toFailure(e, { log: this.pool.log, where: `${this.lane} lane (${p.method})` }));
      else p.resolve();
      return;
    }
    // a reply comes in a later turn of the event loop, never before this
    if ('seq' in m) this.pending.set(m.seq, p);
  }

  async call(method: string, input: unknown, actor: Actor | null = null): Promise<Reply> {
    while (this.gate) await this.gate;
    return new Promise<Reply>((resolve) => {
      // an upload's unread body is handed over, not copied (main/core/json-input.ts)
      const m: ToWorker = { type: 'call', seq: this.pool.nextSeq(), method, input, actor };
      void this.post(m, { kind: 'call', method, resolve }, transferOf(input));
    });
  }

  /**
   * A write step another lane handed over (main/core/write-step.ts). Not held by the gate: the lane
   * that asked is in the middle of a call, and a restore waits for that call to finish.
   */
  step(m: StepRequest): Promise<Reply> {
    return new Promise<Reply>((resolve) => {
      const seq = this.pool.nextSeq();
      const msg: ToWorker = { type: 'step', seq, step: m.step, input: m.input, actor: m.actor };
      void this.post(msg, { kind: 'call', method: `step ${m.step}`, resolve }, m.transfer);
    });
  }

  /** The background checks wait, like a call, while a restore holds the lane (its connection is closed). */
  async checks(): Promise<void> {
    while (this.gate) await this.gate;
    return this.control('checks');
  }

  control(type: 'checks' | 'suspend' | 'resume'): Promise<void> {
    return new Promise<void>((resolve) => {
      void this.post({ type, seq: this.pool.nextSeq() }, { kind: 'control', resolve });
    });
  }

  /** a reader started with `openWhenTold`: the file is ready now */
  open(): void {
    this.worker?.postMessage({ type: 'open' } satisfies ToWorker);
  }

  tell(state: Partial<SharedState>): void {
    this.worker?.postMessage({ type: 'shared', state } satisfies ToWorker);
  }

  /**
   * Calls wait in the main thread until `release` (the lane's connection is closed meanwhile). Holds
   * nest: the gate opens at the last release (the pool runs restores one at a time anyway).
   */
  hold(): void {
    if (this.holds++ === 0) this.gate = new Promise<void>((r) => (this.openGate = r));
  }
  release(): void {
    if (this.holds === 0 || --this.holds > 0) return;
    const open = this.openGate;
    this.gate = null;
    this.openGate = null;
    open?.();
  }

  async crash(): Promise<void> {
    await this.worker?.terminate();
  }

  async close(): Promise<void> {
    if (!this.worker) {
      this.closing = true;
      return;
    }
    // A clean close of the connection, unless the thread is stuck in a long job: then it is stopped.
    await Promise.race([this.control('suspend'), new Promise((r) => setTimeout(r, 3000).unref())]);
    this.closing = true;
    await this.worker?.terminate();
  }
}

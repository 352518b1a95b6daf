import type { Reply } from '../../shared/api/errors';
import type { BackupWarning } from '../ctx';
import type { Lane } from './routes';
import type { Actor } from '../db/queries/audit';

/** What the pool tells a core worker when it starts it (workerData). */
export interface CoreWorkerData {
  lane: Lane;
  dbPath: string;
  /** the main thread's "now" when it started the worker: all threads share one clock (REGULARS_NOW) */
  now: number;
  /** Date.now() at that moment */
  at: number;
  /** folder and expected SHA-256 of the import worker (started from the writer) */
  workerDir?: string;
  workerSha256?: string;
  /** process-wide state as the main thread last knew it */
  shared: SharedState;
  /** wait for an `open` message before opening (a reader started while the writer migrates) */
  openWhenTold?: boolean;
  /** tests only (set by createPool's options, never reachable through the API): ms to stall before these methods */
  slowMethods?: Record<string, number>;
}

/** Process-wide state that used to live on the one ctx: reported by whichever worker learns it, sent to all. */
export interface SharedState {
  health: 'unchecked' | 'ok' | 'damaged';
  backupWarning: BackupWarning | null;
}

export type ToWorker =
  | { type: 'open' }
  /** `actor`: the paired device and staff member behind the call (issue 18), named in the activity log */
  | { type: 'call'; seq: number; method: string; input: unknown; actor?: Actor | null }
  /** the start-up and daily checks (heavy lane): integrity, daily backup, model preparation */
  | { type: 'checks'; seq: number }
  /** close the connection (a restore is about to replace the file) */
  | { type: 'suspend'; seq: number }
  /** open the connection again */
  | { type: 'resume'; seq: number }
  | { type: 'shared'; state: Partial<SharedState> }
  /** to the writer: run a write step another lane asked for (main/core/write-step.ts), as that call's actor */
  | { type: 'step'; seq: number; step: string; input: unknown; actor: Actor | null }
  /** to the lane that asked: the writer's reply to its step `id` */
  | { type: 'step-reply'; id: number; reply: Reply };

/** An error as it crosses the thread boundary: enough to rebuild an AppError or a SQLite error's code. */
export interface WireError {
  message: string;
  code?: string;
  app?: boolean;
  detail?: Record<string, unknown>;
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'open-failed'; error: WireError }
  | { type: 'reply'; seq: number; reply: Reply }
  /** a successful reply as JSON text (main/core/encoded-reply.ts) */
  | { type: 'encoded'; seq: number; json: string }
  /** a `checks`, `suspend` or `resume` finished */
  | { type: 'done'; seq: number }
  | { type: 'shared'; state: Partial<SharedState> }
  | StepRequest;

/**
 * A reader lane asks for a write step on the writer lane; `transfer` lists the input's buffers that
 * are handed over (moved, not copied) on both hops, to the relaying thread and on to the writer.
 */
export interface StepRequest {
  type: 'step';
  id: number;
  step: string;
  input: unknown;
  actor: Actor | null;
  transfer: ArrayBuffer[];
}

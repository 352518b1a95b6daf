import type { Reply } from '../shared/api/errors';
import type { Db } from './db/open';

export interface Clock {
  now(): number;
}

/**
 * The real clock, or a fixed one for tests and demos: REGULARS_NOW=2026-03-01T10:00:00+08:00 makes
 * "now" start at that instant and advance with real time, so dates are stable in end-to-end tests.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const fixed = env.REGULARS_NOW;
  if (!fixed) return { now: () => Date.now() };
  const start = /^\d+$/.test(fixed) ? Number(fixed) : Date.parse(fixed);
  if (!Number.isFinite(start)) throw new Error(`REGULARS_NOW is not a date: ${fixed}`);
  const offset = start - Date.now();
  return { now: () => Date.now() + offset };
}

export interface Logger {
  error(message: string, err?: unknown): void;
  info(message: string): void;
}

export const consoleLogger: Logger = {
  error: (m, e) => console.error(m, e),
  info: (m) => console.error(m),
};

export interface Ctx {
  db: Db;
  dbPath: string;
  clock: Clock;
  log: Logger;
  /** folder of the built worker scripts (dist/workers); absent where no worker can run */
  workerDir?: string;
  /** SHA-256 (hex) the worker script must have before it is run (the packaged app sets it) */
  workerSha256?: string;
  /** result of the start-up integrity check (browser mode and the Electron app run one) */
  health?: 'unchecked' | 'ok' | 'damaged';
  /** why the start-up backup failed (a warning: the shop itself is fine), null once one succeeded */
  backupWarning?: BackupWarning | null;
  /** this shop's id (migration 9) as read when it was opened, for when a damaged file no longer yields it */
  shopId?: string | null;
  /** a long job's progress (the command line's demo shop), where someone is watching */
  progress?: (done: number, total: number) => void;
  /** ends this open's registration in the database's `.lock` folder (main/db/in-use.ts) */
  release?: () => void;
  /**
   * A reader lane's way to the writer lane (main/core/write-step.ts): runs a named write step there
   * and answers its reply. Absent on the writer itself and in-process (the command line, tests):
   * there a step runs on this connection.
   */
  writer?: (step: string, input: unknown, transfer: readonly ArrayBuffer[]) => Promise<Reply>;
}

export type BackupWarning = 'folder_missing' | 'disk_full' | 'not_writable' | 'failed';

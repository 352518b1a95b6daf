import { clockFromEnv, consoleLogger, type Clock, type Ctx, type Logger } from './ctx';
import { openDb } from './db/open';

export interface AppOptions {
  dbPath: string;
  clock?: Clock;
  log?: Logger;
}

/** Opens the shop database (creating and migrating it) and returns the context every handler runs in. */
export function openApp(opts: AppOptions): Ctx {
  const db = openDb(opts.dbPath);
  return { db, dbPath: opts.dbPath, clock: opts.clock ?? clockFromEnv(), log: opts.log ?? consoleLogger };
}

export function closeApp(ctx: Ctx): void {
  if (ctx.db.open) ctx.db.close();
}

import { clockFromEnv, consoleLogger, type Clock, type Ctx, type Logger } from './ctx';
import { openDb } from './db/open';
import { takeBackup } from './services/backup';

export interface AppOptions {
  dbPath: string;
  clock?: Clock;
  log?: Logger;
}

/** Opens the shop database (creating and migrating it) and returns the context every handler runs in. */
export function openApp(opts: AppOptions): Ctx {
  const clock = opts.clock ?? clockFromEnv();
  // An existing older database is copied into the backups folder before any migration touches it.
  const db = openDb(opts.dbPath, { beforeMigrate: (d, file) => takeBackup({ db: d, dbPath: file, clock }, 'before-migration') });
  return { db, dbPath: opts.dbPath, clock, log: opts.log ?? consoleLogger };
}

export function closeApp(ctx: Ctx): void {
  if (ctx.db.open) ctx.db.close();
}

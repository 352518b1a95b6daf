import { clockFromEnv, consoleLogger, type Clock, type Ctx, type Logger } from './ctx';
import { openDb } from './db/open';
import { registerOpen } from './db/in-use';
import { readShopId } from './db/queries/shop-identity';
import { takeBackup } from './services/backup';
import { removeDeadImports } from './services/import/recover';
import { importsRunningHere } from './services/import/chunks';

export interface AppOptions {
  dbPath: string;
  clock?: Clock;
  log?: Logger;
  /** who opens it, named in the lock registration: 'app', 'serve', 'cli', 'import' … */
  role?: string;
  /** false in the core workers: the process registered its open once, in its main thread */
  register?: boolean;
}

/**
 * Opens the shop database (creating and migrating it) and returns the context every handler runs
 * in. The open is registered beside the database, so another process knows the shop is in use.
 */
export function openApp(opts: AppOptions): Ctx {
  const clock = opts.clock ?? clockFromEnv();
  const release = opts.register === false ? () => {} : registerOpen(opts.dbPath, opts.role ?? 'cli');
  try {
    // An existing older database is copied into the backups folder before any migration touches it.
    const db = openDb(opts.dbPath, {
      beforeMigrate: (d, file) => takeBackup({ db: d, dbPath: file, clock }, 'before-migration'),
    });
    // Start-up of a process (or of the pool's writer, which may have been restarted): imports
    // whose process died are taken out before anything else runs (their rows were never visible).
    // The pool's writer does it in turns once open, the counter's calls in between (core/worker.ts).
    if (opts.register !== false && opts.role !== 'writer') {
      try {
        removeDeadImports(db, importsRunningHere() === 0);
      } catch (e) {
        // a read-only or damaged file: the import stays pending until a start that can write
        (opts.log ?? consoleLogger).error('could not remove a dead import', e);
      }
    }
    let shopId: string | null = null;
    try {
      shopId = readShopId(db);
    } catch {
      // unreadable here already: backups are then found by the file's name
    }
    return { db, dbPath: opts.dbPath, clock, log: opts.log ?? consoleLogger, release, shopId };
  } catch (e) {
    release();
    throw e;
  }
}

export function closeApp(ctx: Ctx): void {
  if (ctx.db.open) ctx.db.close();
  ctx.release?.();
}

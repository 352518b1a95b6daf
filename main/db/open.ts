import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/api/errors';
import { LATEST_VERSION, migrations, type Migration } from './migrations';
import { hidePendingImports } from './pending';

export type Db = Database.Database;

export interface OpenOptions {
  /** called with the file path before a migration changes an existing database */
  beforeMigrate?: (db: Db, dbPath: string, fromVersion: number) => void;
  readonly?: boolean;
}

/**
 * Opens (creating if needed) the shop database and brings it to the latest schema.
 * WAL + synchronous=NORMAL: a committed transaction survives a process crash; on power loss WAL
 * with NORMAL can lose the last transactions but never corrupts. We choose FULL for the counter:
 * a sale the owner saw "saved" must survive a power cut too.
 */
export function openDb(file: string, opts: OpenOptions = {}): Db {
  if (file !== ':memory:') {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
    // A new shop file is the owner's only (0600); SQLite gives its -wal and -shm the same mode.
    if (!opts.readonly && !fs.existsSync(file)) {
      try {
        fs.closeSync(fs.openSync(file, 'wx', 0o600));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
    }
  }
  const db = new Database(file, { readonly: opts.readonly ?? false });
  try {
    db.pragma('busy_timeout = 5000');
    // A database from a newer app is refused before anything (even the journal mode) is written.
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_VERSION) throw new AppError('DB_FROM_FUTURE', { dbVersion: version, appVersion: LATEST_VERSION });
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
    }
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
    // 64 MiB of page cache (default 2 MiB): big imports and the 2-million-sale shop's indexes
    // stay in memory instead of thrashing.
    db.pragma('cache_size = -65536');
    if (!opts.readonly) {
      immediateTransactions(db);
      migrate(db, file, migrations, opts.beforeMigrate);
    }
    hidePendingImports(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * Every transaction of a connection that may write starts `BEGIN IMMEDIATE`: it takes the write
 * lock (waiting up to the busy timeout) before it reads, so a read that turns into a write never
 * fails at once with SQLITE_BUSY because another connection wrote in between (what a deferred
 * transaction does). Every connection: the app's lanes, the command line beside a running app, a
 * restore's reopened file. `.deferred` stays available for a read that wants one snapshot.
 */
function immediateTransactions(db: Db): void {
  const original = db.transaction.bind(db);
  const immediate = <F extends (...args: never[]) => unknown>(fn: F) => {
    const t = original(fn);
    // the connection's hook first (onWriteTransaction), unless this one is nested in another
    const taking =
      (begin: (...a: never[]) => unknown) =>
      (...args: never[]) => {
        if (!db.inTransaction) beforeWrites.get(db)?.();
        return begin(...args);
      };
    const run = taking(t.immediate as (...a: never[]) => unknown);
    return Object.assign(run, {
      default: run,
      deferred: t.deferred,
      immediate: run,
      exclusive: taking(t.exclusive as (...a: never[]) => unknown),
      database: db,
    });
  };
  db.transaction = immediate as unknown as Db['transaction'];
}

const beforeWrites = new WeakMap<Db, () => void>();

/**
 * Runs `before` each time the connection is about to take the write lock for a transaction (not a
 * nested one, nor a deferred read): the writer lane waits there for an import of its own process
 * to let the lock go (main/core/counter-first.ts).
 */
export function onWriteTransaction(db: Db, before: () => void): void {
  beforeWrites.set(db, before);
}

export function migrate(
  db: Db,
  file: string,
  list: readonly Migration[],
  beforeMigrate?: (db: Db, dbPath: string, fromVersion: number) => void,
): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = list[list.length - 1]?.version ?? 0;
  if (current > latest) throw new AppError('DB_FROM_FUTURE', { dbVersion: current, appVersion: latest });
  const pending = list.filter((m) => m.version > current);
  if (pending.length === 0) return;
  if (current > 0 && beforeMigrate && file !== ':memory:') beforeMigrate(db, file, current);
  // Foreign keys off while a migration rebuilds a table (SQLite's documented procedure: they cannot
  // be switched inside a transaction), checked after each migration and before the commit, and on
  // again after. All pending migrations are one transaction: a failure at any step leaves the file
  // exactly at the version it had (never half way, say at version k-1 of a k-step upgrade).
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const m of pending) {
        m.up(db);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length) throw new Error(`migration ${m.version} leaves ${broken.length} broken references`);
        db.pragma(`user_version = ${m.version}`);
      }
    })();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

export { LATEST_VERSION };

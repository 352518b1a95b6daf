import { afterEach, describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { markImportHoldsLock, waitWhileImportHoldsLock } from '../../main/core/counter-first';
import { onWriteTransaction, openDb } from '../../main/db/open';

/**
 * The writer lane waits for an import of its own process to let the write lock go, woken at the
 * import's commit instead of at SQLite's next try (main/core/counter-first.ts), and the connection
 * runs that wait before each transaction that takes the lock (main/db/open.ts).
 */
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('the writer lane and an import holding the write lock', () => {
  it('goes at once when no import holds it', () => {
    const buffer = new SharedArrayBuffer(8);
    expect(waitWhileImportHoldsLock(buffer)).toBe('free');
  });

  it('goes when the import, in another thread, lets the lock go', async () => {
    const buffer = new SharedArrayBuffer(8);
    markImportHoldsLock(buffer, 'held');
    // the import's thread: holds the lock a little while, then commits (the mark goes, waking the lane)
    const importer = new Worker(
      `const { workerData } = require('node:worker_threads');
       const w = new Int32Array(workerData);
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
       Atomics.store(w, 1, 0);
       Atomics.notify(w, 1);`,
      { eval: true, workerData: buffer },
    );
    const exited = new Promise((r) => importer.once('exit', r));
    // no time limit to speak of: only the import's wake-up ends this wait (else the test times out)
    expect(waitWhileImportHoldsLock(buffer, 600_000)).toBe('free');
    await exited;
  });

  it('does not wait behind an import that is itself waiting for the lock', () => {
    const buffer = new SharedArrayBuffer(8);
    // asking, and never getting it while this lane waits (it holds the lock itself, say)
    markImportHoldsLock(buffer, 'asking');
    expect(waitWhileImportHoldsLock(buffer, 600_000)).toBe('free');
  });

  it('gives up on a mark nobody takes away, and leaves the rest to SQLite’s busy wait', () => {
    const buffer = new SharedArrayBuffer(8);
    markImportHoldsLock(buffer, 'held');
    expect(waitWhileImportHoldsLock(buffer, 50)).toBe('gave-up');
    markImportHoldsLock(buffer, 'free');
    expect(waitWhileImportHoldsLock(buffer, 50)).toBe('free');
  });

  it('waits before each transaction that takes the lock, not before a nested or a deferred one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-first-'));
    dirs.push(dir);
    const db = openDb(path.join(dir, 'shop.db'));
    try {
      db.exec('CREATE TABLE t (v INTEGER)');
      const seen: string[] = [];
      onWriteTransaction(db, () => seen.push(db.inTransaction ? 'inside' : 'before'));
      const write = db.transaction(() => void db.prepare('INSERT INTO t VALUES (1)').run());
      write();
      write.immediate();
      write.exclusive();
      expect(seen).toEqual(['before', 'before', 'before']);
      db.transaction(() => write())();
      expect(seen).toEqual(['before', 'before', 'before', 'before']);
      db.transaction(() => db.prepare('SELECT COUNT(*) FROM t').get()).deferred();
      expect(seen).toHaveLength(4);
      expect(db.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(4);
    } finally {
      db.close();
    }
  });
});

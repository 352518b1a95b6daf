import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../../main/db/open';
import { checkpointBetweenChunks, LockedSteps } from '../../main/services/import/locked-steps';
import type { LockMark } from '../../main/core/counter-first';

/**
 * An import's write transactions are made of short steps, each sized from the last one's pace, and
 * a transaction commits after the step that uses up its time: one slow step makes it run over by
 * that step, not by a whole chunk sized from a faster one (main/services/import/locked-steps.ts).
 */
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function shopFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-steps-'));
  dirs.push(dir);
  const file = path.join(dir, 'steps.db');
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)');
  raw.close();
  return file;
}

describe('write transactions of short steps', () => {
  it('commit once a step uses up their time, and write every row once', () => {
    const file = shopFile();
    const db = openDb(file);
    const other = new Database(file, { readonly: true });
    try {
      // a clock only the steps move: each step takes 30 ms, the commits none
      let clock = 0;
      const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
      let written = 0;
      const asked: number[] = [];
      const step = (rows: number) => {
        asked.push(rows);
        const n = Math.min(rows, 2_000 - written);
        for (let i = 0; i < n; i++) insert.run(written + i);
        written += n;
        clock += 30;
        return n;
      };
      const steps = new LockedSteps(80, 150, () => clock);
      const perTransaction: number[] = [];
      while (!steps.done) {
        const before = asked.length;
        const n = steps.run(db, step);
        perTransaction.push(asked.length - before);
        // committed when run returns: another connection sees every row written so far
        expect(other.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(written);
        if (n === 0) expect(steps.done).toBe(true);
      }
      // 30, 60, 90 ms: the third step uses up the 80 ms; the last transaction ends with the rows
      expect(perTransaction.slice(0, -1).every((k) => k === 3)).toBe(true);
      expect(perTransaction.at(-1)).toBeLessThanOrEqual(3);
      // a step of 150 rows in 30 ms paces the next at a third of them (the floor is 100)
      expect(asked.slice(0, 3)).toEqual([150, 100, 100]);
      expect(other.prepare('SELECT COUNT(*), COUNT(DISTINCT v), MIN(v), MAX(v) FROM t').raw().get()).toEqual([
        2_000, 2_000, 0, 1_999,
      ]);
    } finally {
      other.close();
      db.close();
    }
  });

  it('tell where their lock is: asked for, held inside the transaction, let go once it committed or rolled back', () => {
    const file = shopFile();
    const db = openDb(file);
    try {
      const marks: string[] = [];
      const holding = (mark: LockMark) => marks.push(`${mark} in=${db.inTransaction}`);
      const insert = db.prepare('INSERT INTO t (v) VALUES (1)');
      // a clock that never moves: steps of 100, then 200 rows (doubling), then one that finds none
      const steps = new LockedSteps(60_000, 100, () => 0);
      let left = 300;
      steps.run(
        db,
        (rows) => {
          marks.push('step');
          const n = Math.min(rows, left);
          for (let i = 0; i < n; i++) insert.run();
          left -= n;
          return n;
        },
        holding,
      );
      expect(marks).toEqual(['asking in=false', 'held in=true', 'step', 'step', 'step', 'free in=false']);
      // a step that fails: rolled back, and the lock's mark goes all the same
      marks.length = 0;
      expect(() =>
        new LockedSteps(60_000, 100).run(
          db,
          () => {
            throw new Error('disk full');
          },
          holding,
        ),
      ).toThrow('disk full');
      expect(marks).toEqual(['asking in=false', 'held in=true', 'free in=false']);
    } finally {
      db.close();
    }
  });

  it('count the last commit in the next transaction’s time', () => {
    const db = openDb(shopFile());
    try {
      // each step takes 10 ms; every commit 50 ms (the clock moves when the transaction returns)
      let clock = 0;
      const original = db.transaction.bind(db);
      db.transaction = ((fn: () => unknown) => {
        const immediate = () => {
          const r = original(fn).immediate();
          clock += 50;
          return r;
        };
        return Object.assign(immediate, { immediate });
      }) as unknown as typeof db.transaction;
      const insert = db.prepare('INSERT INTO t (v) VALUES (1)');
      let steps = 0;
      const step = (rows: number) => {
        for (let i = 0; i < rows; i++) insert.run();
        clock += 10;
        steps++;
        return rows;
      };
      const locked = new LockedSteps(80, 100, () => clock);
      const stepsOfOne = () => {
        steps = 0;
        locked.run(db, step);
        return steps;
      };
      // the first transaction knows no commit time: 8 steps of 10 ms; then 50 ms of commit leave 30
      expect(stepsOfOne()).toBe(8);
      expect(stepsOfOne()).toBe(3);
      expect(stepsOfOne()).toBe(3);
    } finally {
      db.close();
    }
  });
});

describe('the checkpoint between an import’s chunks', () => {
  it('waits for the readers still in the log, so the next write starts it over', async () => {
    const file = shopFile();
    const db = openDb(file);
    try {
      db.pragma('wal_autocheckpoint = 0');
      const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
      for (let i = 0; i < 50; i++) db.transaction(() => insert.run(i))();
      const frames = () => (db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]!.log;
      // a reader in the log, with the 50 transactions' frames not yet copied back (a search at the
      // till), done 200 ms after it began
      const flag = new Int32Array(new SharedArrayBuffer(4));
      const reader = new Worker(
        `const { workerData } = require('node:worker_threads');
         const Database = require(workerData.module);
         const db = new Database(workerData.file, { readonly: true });
         db.prepare('BEGIN').run();
         db.prepare('SELECT COUNT(*) FROM t').get();
         Atomics.store(workerData.flag, 0, 1);
         Atomics.notify(workerData.flag, 0);
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
         db.prepare('COMMIT').run();
         db.close();`,
        { eval: true, workerData: { file, flag, module: createRequire(import.meta.url).resolve('better-sqlite3') } },
      );
      const gone = new Promise((r) => reader.once('exit', r));
      Atomics.wait(flag, 0, 0, 10_000);
      const busy = db.pragma('busy_timeout', { simple: true });
      // a wait far longer than the reader's: only the reader leaving ends it
      checkpointBetweenChunks(db, 60_000);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(busy);
      // the next write begins the log again: its frames are all there is (with the reader still in
      // it, the log would go on past the 50 transactions' frames)
      db.transaction(() => insert.run(50))();
      expect(frames()).toBeLessThan(10);
      await gone;
      expect(db.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(51);
    } finally {
      db.close();
    }
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../../main/db/open';
import { LockedSteps } from '../../main/services/import/place';
import { runImport, ImportCancelled } from '../../main/services/import/run';
import { asWriterCall, writerCallsBuffer, writerCallWaiting } from '../../main/core/counter-first';
import { ImportOptions } from '../../shared/schemas/import';
import { tempShops } from '../helpers/shop';

/**
 * An import's write transactions are made of short steps, and end after the step under way when
 * the writer lane of the same process runs a call (a sale waiting for the lock): the sale waits for
 * one step and the commit, not for the rest of the chunk (main/services/import/place.ts).
 */
const NOW = Date.parse('2026-03-10T02:00:00Z');
const { fresh } = tempShops(NOW);
const SALES = ImportOptions.parse({ kind: 'sales', createCustomers: true });

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function plainDb(): { db: ReturnType<typeof openDb>; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-steps-'));
  dirs.push(dir);
  const file = path.join(dir, 'steps.db');
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)');
  raw.close();
  return { db: openDb(file), file };
}

/** A step writing up to `rows` rows of `total`, counting the statements it ran. */
function writer(db: ReturnType<typeof openDb>, total: number) {
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  const w = { written: 0, steps: 0 };
  const step = (rows: number) => {
    const n = Math.min(rows, total - w.written);
    for (let i = 0; i < n; i++) insert.run(w.written + i);
    w.written += n;
    if (n > 0) w.steps++;
    return n;
  };
  return { w, step };
}

/** 3,000 sales: a third for 40 new customers, paid one of two ways. */
function salesFile(): Buffer {
  const lines = ['customer_id,name,date,amount,payment'];
  for (let i = 0; i < 3_000; i++) {
    const id = `S${String(i % 40).padStart(2, '0')}`;
    lines.push(
      `${id},Steady ${id},2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},${(i % 50) + 1}.50,${i % 3 ? 'cash' : 'card'}`,
    );
  }
  return Buffer.from(lines.join('\n') + '\n');
}

describe('an import writes in transactions of short steps', () => {
  it('keeps stepping until its time is used, and commits after one step when a writer waits', () => {
    const { db, file } = plainDb();
    try {
      // a target no step reaches: nothing but the end of the rows ends the transaction
      const all = writer(db, 5_000);
      const long = new LockedSteps(60_000, 100);
      expect(long.run(db, all.step)).toBe(5_000);
      expect(long.done).toBe(true);
      expect(all.w.steps).toBeGreaterThan(1);

      // a writer waiting all along: every transaction is one step, and it is committed when run returns
      db.exec('DELETE FROM t');
      const some = writer(db, 5_000);
      const short = new LockedSteps(60_000, 100);
      const other = new Database(file, { readonly: true });
      const runs: number[] = [];
      while (!short.done) {
        const n = short.run(db, some.step, () => true);
        if (n > 0) runs.push(n);
        expect(other.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(some.w.written);
      }
      other.close();
      expect(runs.length).toBe(some.w.steps);
      expect(runs.reduce((a, b) => a + b, 0)).toBe(5_000);
    } finally {
      db.close();
    }
  });

  it('a whole import ending every transaction after one step leaves the same shop as one that never yields', async () => {
    const shop = (ctx: ReturnType<typeof fresh>) =>
      ctx.db
        .prepare(
          `SELECT (SELECT COUNT(*) FROM sales) AS sales, (SELECT SUM(amount_minor) FROM sales) AS amount,
             (SELECT COUNT(*) FROM customers) AS customers, (SELECT SUM(visits) FROM customers) AS visits,
             (SELECT SUM(total_minor) FROM customers) AS totals, (SELECT COUNT(*) FROM visit_days) AS days,
             (SELECT SUM(spend_minor) FROM visit_totals) AS spend, (SELECT SUM(amount_minor) FROM shop_days) AS shopDays`,
        )
        .get();
    const yielding = fresh();
    const plain = fresh();
    let chunks = 0;
    const a = await runImport(yielding, salesFile(), 'steady.csv', SALES, {
      writerWaiting: () => true,
      onChunk: (part) => void (part === 'placed' && chunks++),
    });
    const b = await runImport(plain, salesFile(), 'steady.csv', SALES);
    expect(a).toMatchObject({ committed: true, imported: 3_000, customersCreated: 40 });
    expect(b).toMatchObject({ committed: true, imported: 3_000, customersCreated: 40 });
    expect(chunks).toBeGreaterThan(1);
    expect(shop(yielding)).toEqual(shop(plain));
    expect(shop(yielding)).toMatchObject({ sales: 3_000, customers: 40 });
  });

  it('a cancelled import whose removal yields after every step still leaves the shop as before', async () => {
    const ctx = fresh();
    const before = ctx.db.prepare('SELECT (SELECT COUNT(*) FROM sales) AS s, (SELECT COUNT(*) FROM customers) AS c').get();
    let placed = 0;
    await expect(
      runImport(ctx, salesFile(), 'steady.csv', SALES, {
        writerWaiting: () => true,
        onChunk: (part) => void (part === 'placed' && placed++),
        isCancelled: () => placed >= 2,
      }),
    ).rejects.toBeInstanceOf(ImportCancelled);
    expect(ctx.db.prepare('SELECT (SELECT COUNT(*) FROM sales) AS s, (SELECT COUNT(*) FROM customers) AS c').get()).toEqual(
      before,
    );
    expect(ctx.db.prepare('SELECT COUNT(*) FROM imports').pluck().get()).toBe(0);
  });

  it("the writer lane's mark says a call runs, and only while it runs", async () => {
    const buffer = writerCallsBuffer();
    expect(writerCallWaiting(buffer)).toBe(false);
    expect(writerCallWaiting(undefined)).toBe(false);
    let inside = false;
    await asWriterCall(async () => {
      inside = writerCallWaiting(buffer);
    });
    expect(inside).toBe(true);
    expect(writerCallWaiting(buffer)).toBe(false);
  });
});

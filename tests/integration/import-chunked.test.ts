import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { closeApp, openApp } from '../../main/app';
import type { Ctx } from '../../main/ctx';
import { dispatch } from '../../main/api';
import { runImport } from '../../main/services/import/run';
import { clearStage, ImportCancelled, inChunks } from '../../main/services/import/chunks';
import * as st from '../../main/db/queries/import-staging';
import { customerKeys } from '../../main/db/queries/imports';
import { ImportOptions } from '../../shared/schemas/import';
import { ok, tempShops } from '../helpers/shop';

/**
 * Imports are written in short chunks into staging tables (temporary tables of the importing
 * connection) and made part of the shop by one flip (main/services/import/write.ts). Until the flip
 * nothing holds the write lock and nothing of the file is visible, nor in the shop's file; after
 * the flip all of it is, with every total right.
 */
const CDNOW = path.resolve(__dirname, '../fixtures/cdnow/cdnow_sample_sales.csv');
const NOW = Date.parse('2026-03-10T02:00:00Z');
const { fresh, dirOf } = tempShops(NOW);
const SALES = ImportOptions.parse({ kind: 'sales', createCustomers: true });

/** 24,000 sales: half for the CDNOW customers the shop has, half for 600 new ones, some paid by a new method. */
function secondFile(): Buffer {
  const lines = ['customer_id,name,date,amount,items,payment'];
  for (let i = 0; i < 24_000; i++) {
    const id = i % 2 ? String(1 + (i % 2357)).padStart(4, '0') : `N${String((i / 2) % 600).padStart(3, '0')}`;
    const name = id.startsWith('N') ? `Newcomer ${id}` : '';
    lines.push(
      `${id},${name},2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},${(i % 90) + 1}.25,${1 + (i % 3)},${i % 7 ? 'cash' : 'Voucher'}`,
    );
  }
  return Buffer.from(lines.join('\n') + '\n');
}

/** A customers file for the CDNOW customers 0001…`n` by their phones, each with the same `extra` cells (tags, consent). */
function customersFile(n: number, header: string, extra: string): string[] {
  const lines = [`customer_id,phone,name,${header}`];
  for (let i = 1; i <= n; i++) lines.push(`${String(i).padStart(4, '0')},1390000${String(i).padStart(4, '0')},C ${i},${extra}`);
  return lines;
}

/** Everything the shop shows, in numbers: tables, sums and derived totals. */
function state(ctx: Ctx) {
  return ctx.db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM sales) AS sales, (SELECT COALESCE(SUM(amount_minor), 0) FROM sales) AS amount,
        (SELECT COUNT(*) FROM customers) AS customers, (SELECT COALESCE(SUM(total_minor), 0) FROM customers) AS totals,
        (SELECT COALESCE(SUM(visits), 0) FROM customers) AS visits, (SELECT COUNT(*) FROM visit_days) AS visitDays,
        (SELECT COALESCE(SUM(amount_minor), 0) FROM shop_days) AS shopDays, (SELECT COALESCE(SUM(spend_minor), 0) FROM visit_totals) AS visitTotals,
        (SELECT COUNT(*) FROM payment_methods) AS payments, (SELECT COUNT(*) FROM customer_tags) AS tags,
        (SELECT COUNT(*) FROM consents) AS consents,
        (SELECT COUNT(*) FROM imports WHERE state = 'done') AS imports`,
    )
    .get() as Shop;
}
interface Shop {
  sales: number;
  amount: number;
  customers: number;
  totals: number;
  visits: number;
  visitDays: number;
  shopDays: number;
  visitTotals: number;
  payments: number;
  tags: number;
  consents: number;
  imports: number;
}

/** Staging tables this connection sees: in the shop's file and among its own temporary tables. */
const stagingTables = (ctx: Ctx, schema: 'main' | 'temp' | 'both' = 'both') =>
  (['main', 'temp'] as const)
    .filter((s) => schema === 'both' || s === schema)
    .reduce(
      (n, s) =>
        n +
        (ctx.db.prepare(`SELECT COUNT(*) AS n FROM ${s}.sqlite_master WHERE name LIKE 'import_stage_%'`).get() as { n: number })
          .n,
      0,
    );

/** A shop with the CDNOW sample in it, and a second connection to it (the counter's). */
async function shopWithHistory(): Promise<{ ctx: Ctx; counter: Ctx }> {
  const ctx = fresh();
  await runImport(ctx, fs.readFileSync(CDNOW), 'cdnow.csv', SALES);
  const counter = openApp({ dbPath: ctx.dbPath, clock: ctx.clock });
  return { ctx, counter };
}

describe('an import in chunks, made visible by one flip', () => {
  it('shows nothing of the file before the flip and all of it after; a sale between two chunks is saved at once', async () => {
    const { ctx, counter } = await shopWithHistory();
    try {
      const before = state(counter);
      const list = await ok<{ total: number }>(counter, 'customers.list', {});
      const overview = await ok(counter, 'insights.overview', {});
      const seen: Promise<unknown>[] = [];
      let chunks = 0;
      let sale: Promise<Awaited<ReturnType<typeof dispatch>>> | null = null;
      const r = await runImport(ctx, secondFile(), 'more.csv', SALES, {
        onChunk: (part) => {
          if (part !== 'sales' || chunks++ > 0) return;
          // Mid-import, on the counter's own connection: nothing of the file anywhere. The staged
          // rows are the importing connection's own temporary tables, not in the shop's file.
          expect(state(counter)).toEqual(before);
          expect(stagingTables(ctx, 'temp')).toBe(4);
          expect(stagingTables(ctx, 'main')).toBe(0);
          expect(stagingTables(counter)).toBe(0);
          seen.push(ok(counter, 'customers.search', { query: 'Newcomer' }).then((x) => expect(x).toEqual([])));
          seen.push(ok<{ total: number }>(counter, 'customers.list', {}).then((x) => expect(x.total).toBe(list.total)));
          seen.push(ok(counter, 'insights.overview', {}).then((x) => expect(x).toEqual(overview)));
          // The import holds no lock between chunks: a sale goes through now (it waited up to 5 s and
          // failed with DB_BUSY when the whole file was one transaction).
          sale = dispatch('sales.record', { amountMinor: 1234 }, counter);
        },
      });
      expect(chunks).toBeGreaterThan(1);
      await Promise.all(seen);
      const saved = await sale!;
      expect(saved.ok).toBe(true);
      expect(r).toMatchObject({ committed: true, imported: 24_000, customersCreated: 600 });

      const after = state(counter);
      expect(after.sales).toBe(before.sales + 24_000 + 1);
      expect(after.customers).toBe(before.customers + 600);
      expect(after.payments).toBe(before.payments + 1);
      expect(after.imports).toBe(before.imports + 1);
      expect(await ok(counter, 'customers.search', { query: 'Newcomer N001' })).not.toEqual([]);
      expect((await ok<{ total: number }>(counter, 'customers.list', {})).total).toBe(list.total + 600);
      expect(await ok(counter, 'insights.overview', {})).not.toEqual(overview);
      // Derived data right after the flip: every customer's totals are those of their sales.
      const wrong = counter.db
        .prepare(
          `SELECT COUNT(*) AS n FROM customers c WHERE total_minor IS NOT (SELECT COALESCE(SUM(amount_minor), 0) FROM sales WHERE customer_id = c.id AND voided_at IS NULL)
             OR visits IS NOT (SELECT COUNT(*) FROM visit_days WHERE customer_id = c.id)
             OR c.id IN (SELECT customer_id FROM visit_totals t WHERE visits IS NOT (SELECT COUNT(*) FROM visit_days WHERE customer_id = t.customer_id))`,
        )
        .get() as { n: number };
      expect(wrong.n).toBe(0);
      expect(after.shopDays).toBe(after.amount);
      expect(stagingTables(ctx)).toBe(0);
    } finally {
      closeApp(counter);
    }
  }, 120_000);

  it("while a chunk is being staged the shop's write lock is free: a sale at that moment is not made to wait", () => {
    const ctx = fresh();
    const other = new Database(ctx.dbPath);
    try {
      // no waiting at all: a chunk that held the lock would make this fail at once with SQLITE_BUSY
      other.pragma('busy_timeout = 0');
      ctx.db.transaction(() => st.createStage(ctx.db, 99)).immediate();
      let inside = 0;
      const row = (i: number) => [
        i + 1,
        null,
        null,
        1_700_000_000_000 + i,
        '2026-03-01',
        100,
        1,
        0,
        0,
        null,
        null,
        '',
        0,
        2461101,
        1,
      ];
      inChunks(
        ctx.db,
        99,
        'sales',
        3_000,
        (a, b) => Array.from({ length: b - a }, (_, k) => row(a + k)).flat(),
        {},
        () => {
          inside++;
          expect(ctx.db.inTransaction).toBe(true);
          other.prepare('BEGIN IMMEDIATE').run();
          other
            .prepare(
              "INSERT INTO main.sales (occurred_at, business_date, amount_minor, created_at) VALUES (1, '2026-03-01', 5, 1)",
            )
            .run();
          other.prepare('COMMIT').run();
        },
      );
      expect(inside).toBeGreaterThan(1);
      expect((ctx.db.prepare(`SELECT COUNT(*) AS n FROM temp.import_stage_99_sales`).get() as { n: number }).n).toBe(3_000);
      expect((ctx.db.prepare('SELECT COUNT(*) AS n FROM sales').get() as { n: number }).n).toBe(inside);
    } finally {
      other.close();
      clearStage(ctx.db, 99);
    }
  });

  it('a customer the file names, erased while it is staged, fails the flip as a whole; foreign keys hold again after every flip', async () => {
    const { ctx, counter } = await shopWithHistory();
    try {
      const gone = (counter.db.prepare("SELECT id FROM customers WHERE external_id = '0002'").get() as { id: number }).id;
      let erased = false;
      const failed = await runImport(ctx, secondFile(), 'more.csv', SALES, {
        onChunk: (part) => {
          if (part !== 'sales' || erased) return;
          erased = true;
          // between two chunks, on the counter's connection (the erase's writing runs before dispatch first waits)
          void dispatch('customers.erase', { id: gone, confirm: true }, counter);
        },
      }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(erased).toBe(true);
      expect(failed).toMatchObject({ code: 'CONFLICT', detail: { reason: 'import_customers_changed' } });
      const before = state(counter);
      expect(counter.db.prepare('SELECT COUNT(*) AS n FROM customers WHERE id = ?').get(gone)).toEqual({ n: 0 });
      expect(ctx.db.pragma('foreign_keys', { simple: true })).toBe(1);
      // nothing of the file: no sale names the erased customer, the import left no row behind
      expect(counter.db.prepare('SELECT COUNT(*) AS n FROM sales WHERE customer_id = ?').get(gone)).toEqual({ n: 0 });
      expect(counter.db.prepare("SELECT COUNT(*) AS n FROM customers WHERE external_id LIKE 'N%'").get()).toEqual({ n: 0 });

      // the same file again: its rows for the erased customer now create a new one, and it goes in
      const r = await runImport(ctx, secondFile(), 'more.csv', SALES);
      expect(r).toMatchObject({ committed: true, imported: 24_000, customersCreated: 601 });
      expect(state(counter).sales).toBe(before.sales + 24_000);
      expect(ctx.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(counter.db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      closeApp(counter);
    }
  }, 120_000);

  it('the flip counts a customer the file names as changed when erased, merged away, or erased and their id given to a new customer since', async () => {
    const ctx = fresh();
    const make = (name: string, phone: string) => ok<{ id: number }>(ctx, 'customers.create', { name, phone });
    const a = await make('甲', '13900000001');
    const b = await make('乙', '13900000002');
    const c = await make('丙', '13900000003');
    const d = await make('丁', '13900000004');
    // as the file was matched (run.ts reads the keys before it stages)
    const { createdAt } = customerKeys(ctx.db);
    ctx.db.transaction(() => st.createStage(ctx.db, 98)).immediate();
    try {
      const row = (seq: number, id: number) => [
        seq,
        id,
        null,
        1_700_000_000_000,
        '2026-03-01',
        100,
        1,
        0,
        0,
        null,
        null,
        '',
        id,
        2461101,
        1,
      ];
      st.stageRows(ctx.db, 98, 'sales', [row(1, a.id), row(2, b.id), row(3, c.id), row(4, d.id)].flat());
      expect(st.changedCustomers(ctx.db, 98, createdAt)).toBe(0);
      await ok(ctx, 'customers.merge', { keepId: a.id, mergeId: b.id });
      expect(st.changedCustomers(ctx.db, 98, createdAt)).toBe(1);
      await ok(ctx, 'customers.erase', { id: c.id, confirm: true });
      expect(st.changedCustomers(ctx.db, 98, createdAt)).toBe(2);
      await ok(ctx, 'customers.erase', { id: d.id, confirm: true });
      expect(st.changedCustomers(ctx.db, 98, createdAt)).toBe(3);
      // with the highest ids erased, the next customer gets one of them again: the same id, not the
      // same person (a minute later), and still counted
      ctx.clock = { now: () => NOW + 60_000 };
      const e = await make('戊', '13900000005');
      expect(e.id).toBe(c.id);
      expect(st.changedCustomers(ctx.db, 98, createdAt)).toBe(3);
    } finally {
      clearStage(ctx.db, 98);
    }
  });

  it('a customers file gives nothing to a customer merged away meanwhile, nor of an erased one to the newcomer who got their id', async () => {
    const ctx = fresh();
    const kept = await ok<{ id: number }>(ctx, 'customers.create', { name: '甲', phone: '13900000001' });
    const merged = await ok<{ id: number }>(ctx, 'customers.create', { name: '丁', phone: '13900000004' });
    const gone = await ok<{ id: number }>(ctx, 'customers.create', { name: '乙', phone: '13900000002' });
    const counter = openApp({ dbPath: ctx.dbPath, clock: { now: () => NOW + 60_000 } });
    const tags = (id: number) => counter.db.prepare('SELECT COUNT(*) FROM customer_tags WHERE customer_id = ?').pluck().get(id);
    try {
      let newcomer: Promise<Awaited<ReturnType<typeof dispatch>>> | null = null;
      let beforeFlip: unknown = null;
      const file = ['phone,name,tags', '13900000001,甲,vip', '13900000004,丁,regular', '13900000002,乙,vip'].join('\n') + '\n';
      const r = await runImport(ctx, Buffer.from(file), 'tags.csv', ImportOptions.parse({ kind: 'customers' }), {
        onChunk: (part) => {
          if (part !== 'updates' || newcomer !== null) return;
          // after the file was matched and staged: one merged away, the highest id erased and given to a newcomer
          void dispatch('customers.merge', { keepId: kept.id, mergeId: merged.id }, counter);
          void dispatch('customers.erase', { id: gone.id, confirm: true }, counter);
          newcomer = dispatch('customers.create', { name: '丙', phone: '13900000003' }, counter);
        },
        onPhase: (phase) => {
          // all three happened before the flip (their writing runs before dispatch first waits)
          if (phase === 'flip')
            beforeFlip = counter.db
              .prepare('SELECT name, merged_into_id AS m FROM customers WHERE id IN (?, ?) ORDER BY id')
              .all(merged.id, gone.id);
        },
      });
      expect(beforeFlip).toEqual([
        { name: '丁', m: kept.id },
        { name: '丙', m: null },
      ]);
      // only the one updated counts as updated
      expect(r).toMatchObject({ committed: true, customersUpdated: 1 });
      expect(await newcomer).toMatchObject({ ok: true, data: { id: gone.id } });
      expect(tags(kept.id)).toBe(1);
      expect(tags(merged.id)).toBe(0);
      expect(tags(gone.id)).toBe(0);
    } finally {
      closeApp(counter);
    }
  });

  it('a cancel between chunks leaves the shop as it was: customers the file would update keep their tags', async () => {
    const { ctx, counter } = await shopWithHistory();
    try {
      const customers = customersFile(2357, 'tags,consent_sms', 'vip,yes');
      // phones first, so the second file matches the same customers
      await runImport(ctx, Buffer.from(customers.join('\n')), 'phones.csv', ImportOptions.parse({ kind: 'customers' }));
      const before = state(counter);
      const file = Buffer.from(
        [...customers.map((l) => l.replace(',vip,', ',regular,')), '9999,13911112222,Someone new,regular,yes'].join('\n'),
      );
      let chunks = 0;
      await expect(
        runImport(ctx, file, 'tags.csv', ImportOptions.parse({ kind: 'customers' }), {
          onChunk: () => void chunks++,
          isCancelled: () => chunks >= 1,
        }),
      ).rejects.toBeInstanceOf(ImportCancelled);
      expect(state(counter)).toEqual(before);
      expect(stagingTables(ctx)).toBe(0);
      // and the same file, not cancelled: every match updated in the flip
      const r = await runImport(ctx, file, 'tags.csv', ImportOptions.parse({ kind: 'customers' }));
      expect(r).toMatchObject({ committed: true, customersUpdated: 2357, customersCreated: 1 });
      expect(state(counter).tags).toBe(before.tags + 2358);
    } finally {
      closeApp(counter);
    }
  }, 120_000);

  it('an import whose process died is removed at the next start-up and listed as failed', async () => {
    const { ctx, counter } = await shopWithHistory();
    closeApp(counter);
    const before = state(ctx);
    const copy = path.join(dirOf(ctx), 'after-crash.db');
    let chunks = 0;
    await expect(
      runImport(ctx, secondFile(), 'more.csv', SALES, {
        onChunk: (part) => {
          if (part !== 'sales' || chunks++ !== 1) return;
          // The file as a power cut would leave it here: the pending import's row, no flip.
          fs.copyFileSync(ctx.dbPath, copy);
          fs.copyFileSync(`${ctx.dbPath}-wal`, `${copy}-wal`);
        },
        isCancelled: () => chunks > 1,
      }),
    ).rejects.toBeInstanceOf(ImportCancelled);
    const raw = openRaw(copy);
    expect(raw.pending).toBe(1);
    // the staged rows were the dead connection's temporary tables: none of them in the file
    expect(raw.staged).toBe(0);
    const reopened = openApp({ dbPath: copy, clock: ctx.clock });
    try {
      expect(state(reopened)).toEqual(before);
      expect(stagingTables(reopened)).toBe(0);
      const { imports } = await ok<{ imports: { fileName: string; state: string }[] }>(reopened, 'import.list', {});
      expect(imports[0]).toMatchObject({ fileName: 'more.csv', state: 'failed' });
      // and the same file can be imported again (a failed import is no duplicate)
      const r = await runImport(reopened, secondFile(), 'more.csv', SALES);
      expect(r.committed).toBe(true);
    } finally {
      closeApp(reopened);
    }
  }, 120_000);
  it("staging tables an older version left in the shop's file are removed at start-up, its import listed as failed", async () => {
    const { ctx, counter } = await shopWithHistory();
    closeApp(counter);
    const before = state(ctx);
    const file = ctx.dbPath;
    closeApp(ctx);
    // What a version that staged in the shop's file leaves when killed mid-import: a pending import
    // with no live owner and its tables, one of them larger than one cleaning transaction.
    const raw = new Database(file);
    try {
      const id = Number(
        raw
          .prepare(
            `INSERT INTO imports (kind, file_name, file_sha256, encoding, rows_total, rows_imported, rows_skipped, mapping, options, created_at, state)
             VALUES ('sales', 'old.csv', 'x', 'utf-8', 30000, 0, 0, '{}', '{}', 0, 'pending')`,
          )
          .run().lastInsertRowid,
      );
      raw.exec(`CREATE TABLE "import_stage_${id}_sales" (seq INTEGER PRIMARY KEY, amount_minor INTEGER NOT NULL) STRICT;
        CREATE TABLE "import_stage_${id}_names" (kind TEXT NOT NULL, key INTEGER NOT NULL, name TEXT NOT NULL, id INTEGER) STRICT;
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000)
        INSERT INTO "import_stage_${id}_sales" (seq, amount_minor) SELECT i, 100 FROM n;`);
    } catch (e) {
      raw.close();
      throw e;
    }
    raw.close();
    const reopened = openApp({ dbPath: file, clock: ctx.clock });
    try {
      expect(stagingTables(reopened)).toBe(0);
      expect(state(reopened)).toEqual(before);
      const { imports } = await ok<{ imports: { fileName: string; state: string }[] }>(reopened, 'import.list', {});
      expect(imports.find((i) => i.fileName === 'old.csv')).toMatchObject({ state: 'failed' });
    } finally {
      closeApp(reopened);
    }
  }, 120_000);

  it("a failure after the flip's commit (a hook that throws) leaves the import done and in the history; the connection's temp cache is as before", async () => {
    const { ctx, counter } = await shopWithHistory();
    try {
      // a file that only tags customers the shop has: nothing else would keep its history row
      const lines = customersFile(300, 'tags', '');
      await runImport(ctx, Buffer.from(lines.join('\n')), 'phones.csv', ImportOptions.parse({ kind: 'customers' }));
      const before = state(counter);
      const cache = ctx.db.pragma('temp.cache_size', { simple: true });
      const tagged = Buffer.from(lines.map((l, i) => (i ? `${l}vip` : l)).join('\n'));
      await expect(
        runImport(ctx, tagged, 'tags.csv', ImportOptions.parse({ kind: 'customers' }), {
          onPhase: (p) => {
            if (p === 'flipped') throw new Error('after the commit');
          },
        }),
      ).rejects.toThrow('after the commit');
      expect(state(counter)).toMatchObject({ customers: before.customers, tags: before.tags + 300, imports: before.imports + 1 });
      const { imports } = await ok<{ imports: { fileName: string; state: string }[] }>(counter, 'import.list', {});
      expect(imports.find((i) => i.fileName === 'tags.csv')).toMatchObject({ state: 'done' });
      expect(stagingTables(ctx)).toBe(0);
      expect(ctx.db.pragma('temp.cache_size', { simple: true })).toBe(cache);
    } finally {
      closeApp(counter);
    }
  }, 120_000);
});

function openRaw(file: string): { pending: number; staged: number } {
  const ctx = { db: new Database(file) };
  try {
    const pending = (ctx.db.prepare("SELECT COUNT(*) AS n FROM imports WHERE state = 'pending'").get() as { n: number }).n;
    const staged = (
      ctx.db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name LIKE 'import_stage_%'").get() as { n: number }
    ).n;
    return { pending, staged };
  } finally {
    ctx.db.close();
  }
}

import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { closeApp, openApp } from '../../main/app';
import type { Ctx } from '../../main/ctx';
import { dispatch } from '../../main/api';
import { runImport } from '../../main/services/import/run';
import { ImportCancelled } from '../../main/services/import/chunks';
import { ImportOptions } from '../../shared/schemas/import';
import { ok, tempShops } from '../helpers/shop';

/**
 * An import places its rows in the shop's own tables in short transactions, under its pending
 * import, and they stay out of sight until its flip (main/db/pending.ts, migration 23): every
 * query of the app sees the shop without them, the triggers count none of them, and a cancel, a
 * failure or a death takes them away again.
 */
const CDNOW = path.resolve(__dirname, '../fixtures/cdnow/cdnow_sample_sales.csv');
const NOW = Date.parse('2026-03-10T02:00:00Z');
const { fresh, dirOf } = tempShops(NOW);
const SALES = ImportOptions.parse({ kind: 'sales', createCustomers: true });
const NEWCOMERS = 400;

/** 20,000 sales: half for the CDNOW customers the shop has, half for 400 new ones with phones, some paid by a new method and rung up by a new cashier. */
function file(): Buffer {
  const lines = ['customer_id,name,phone,date,amount,items,payment,staff'];
  for (let i = 0; i < 20_000; i++) {
    const n = (i / 2) % NEWCOMERS;
    const mine = i % 2 === 1;
    const id = mine ? String(1 + (i % 2357)).padStart(4, '0') : `N${String(n).padStart(3, '0')}`;
    lines.push(
      [
        id,
        mine ? '' : `Newcomer ${id}`,
        mine ? '' : `1370000${String(n).padStart(4, '0')}`,
        `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
        `${(i % 90) + 1}.25`,
        1 + (i % 3),
        i % 7 ? 'cash' : 'Voucher',
        i % 5 ? '' : 'Cashier Wu',
      ].join(','),
    );
  }
  return Buffer.from(lines.join('\n') + '\n');
}

const TABLES = ['sales', 'customers', 'visit_days', 'visit_totals', 'shop_days', 'staff', 'payment_methods'] as const;
/** Rows and sums as the app sees them (through its views) or as they are in the file (`main.`). */
type Counts = Record<(typeof TABLES)[number] | 'amount' | 'totals' | 'shopDays' | 'spend', number>;
function counts(db: Database.Database, schema: '' | 'main.' = ''): Counts {
  const out = {} as Counts;
  for (const t of TABLES) out[t] = (db.prepare(`SELECT COUNT(*) AS n FROM ${schema}${t}`).get() as { n: number }).n;
  const sum = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  out.amount = sum(`SELECT COALESCE(SUM(amount_minor), 0) AS n FROM ${schema}sales`);
  out.totals = sum(`SELECT COALESCE(SUM(total_minor), 0) + COALESCE(SUM(visits), 0) AS n FROM ${schema}customers`);
  out.shopDays = sum(`SELECT COALESCE(SUM(amount_minor), 0) + COALESCE(SUM(visits), 0) AS n FROM shop_days`);
  out.spend = sum(`SELECT COALESCE(SUM(spend_minor), 0) AS n FROM ${schema}visit_totals`);
  return out;
}

/** Every customer's totals are those of their sales and visit days (the derived data is right). */
function wrongTotals(db: Database.Database): number {
  return (
    db
      .prepare(
        `SELECT COUNT(*) AS n FROM customers c
         WHERE total_minor IS NOT (SELECT COALESCE(SUM(amount_minor), 0) FROM sales WHERE customer_id = c.id AND voided_at IS NULL)
            OR visits IS NOT (SELECT COUNT(*) FROM visit_days WHERE customer_id = c.id)
            OR c.id IN (SELECT customer_id FROM visit_totals t WHERE visits IS NOT (SELECT COUNT(*) FROM visit_days WHERE customer_id = t.customer_id))`,
      )
      .get() as { n: number }
  ).n;
}

async function shopWithHistory(): Promise<{ ctx: Ctx; counter: Ctx }> {
  const ctx = fresh();
  await runImport(ctx, fs.readFileSync(CDNOW), 'cdnow.csv', SALES);
  return { ctx, counter: openApp({ dbPath: ctx.dbPath, clock: ctx.clock }) };
}

describe("an import's rows placed in the shop before its flip", () => {
  it('are in the file but out of sight and out of every total until the flip; the counter sells, searches and is told a newcomer’s phone is coming', async () => {
    const { ctx, counter } = await shopWithHistory();
    const raw = new Database(ctx.dbPath, { readonly: true });
    try {
      const before = counts(counter.db);
      const overview = await ok(counter, 'insights.overview', {});
      const checks: Promise<unknown>[] = [];
      let looked = false;
      let sale: Promise<Awaited<ReturnType<typeof dispatch>>> | null = null;
      const r = await runImport(ctx, file(), 'more.csv', SALES, {
        onChunk: (part) => {
          if (part !== 'placed' || looked) return;
          // once some sales are placed: the file has them, the app sees none of them
          if ((raw.prepare('SELECT COUNT(*) AS n FROM sales').get() as { n: number }).n === before.sales) return;
          looked = true;
          const inFile = counts(raw);
          expect(inFile.sales).toBeGreaterThan(before.sales);
          expect(inFile.customers).toBe(before.customers + NEWCOMERS);
          expect(inFile.staff).toBe(before.staff + 1);
          expect(inFile.payment_methods).toBe(before.payment_methods + 1);
          expect(counts(counter.db)).toEqual(before);
          expect(counts(counter.db, 'main.').sales).toBe(inFile.sales);
          checks.push(ok(counter, 'customers.search', { query: 'Newcomer' }).then((x) => expect(x).toEqual([])));
          checks.push(ok(counter, 'insights.overview', {}).then((x) => expect(x).toEqual(overview)));
          checks.push(
            dispatch('customers.create', { name: 'Walk-in with a phone', phone: '13700000007' }, counter).then((x) =>
              expect(x).toMatchObject({ ok: false, error: { code: 'CONFLICT', detail: { reason: 'import_running' } } }),
            ),
          );
          sale = dispatch('sales.record', { amountMinor: 1234 }, counter);
        },
      });
      expect(looked).toBe(true);
      await Promise.all(checks);
      expect((await sale!)?.ok).toBe(true);
      expect(r).toMatchObject({ committed: true, imported: 20_000, customersCreated: NEWCOMERS });
      const after = counts(counter.db);
      expect(after.sales).toBe(before.sales + 20_000 + 1);
      expect(after.customers).toBe(before.customers + NEWCOMERS);
      expect(after.staff).toBe(before.staff + 1);
      expect(after).toEqual(counts(counter.db, 'main.'));
      expect(wrongTotals(counter.db)).toBe(0);
      expect(after.shopDays - after.amount).toBe(
        (counter.db.prepare('SELECT COUNT(*) AS n FROM visit_days').get() as { n: number }).n,
      );
      expect(await ok(counter, 'customers.search', { query: 'Newcomer N001' })).not.toEqual([]);
      // the phone is the newcomer's now
      expect(await dispatch('customers.create', { name: 'Someone', phone: '13700000007' }, counter)).toMatchObject({
        ok: false,
        error: { code: 'PHONE_TAKEN' },
      });
    } finally {
      raw.close();
      closeApp(counter);
    }
  }, 120_000);

  it('are taken away when the import is cancelled or a customer it names is erased meanwhile: the file is as before', async () => {
    const { ctx, counter } = await shopWithHistory();
    try {
      const before = counts(counter.db, 'main.');
      let placed = 0;
      let removed = 0;
      await expect(
        runImport(ctx, file(), 'more.csv', SALES, {
          onChunk: (part, rows) => {
            if (part === 'placed') placed++;
            if (part === 'removed') removed += rows;
          },
          isCancelled: () => placed >= 2,
        }),
      ).rejects.toBeInstanceOf(ImportCancelled);
      // each transaction taking them away is told with its rows (the bench times them)
      expect(removed).toBeGreaterThan(0);
      expect(counts(counter.db, 'main.')).toEqual(before);
      expect(counter.db.prepare("SELECT COUNT(*) AS n FROM imports WHERE state <> 'done'").get()).toEqual({ n: 0 });

      // a customer of the shop the file names, erased while its sales are being placed
      let erased = false;
      let erasure: ReturnType<typeof dispatch> | null = null;
      const theirs = { seen: 0, placed: 0 };
      await expect(
        runImport(ctx, file(), 'more.csv', SALES, {
          onChunk: (part) => {
            if (part !== 'placed' || erased) return;
            if ((ctx.db.prepare('SELECT COUNT(*) AS n FROM main.sales').get() as { n: number }).n === before.sales) return;
            erased = true;
            const id = (counter.db.prepare("SELECT id FROM customers WHERE external_id = '0002'").get() as { id: number }).id;
            const count = (table: string) =>
              counter.db.prepare(`SELECT COUNT(*) FROM ${table} WHERE customer_id = ?`).pluck().get(id) as number;
            theirs.seen = count('sales');
            theirs.placed = count('main.sales') - theirs.seen;
            erasure = dispatch('customers.erase', { id, confirm: true }, counter);
          },
        }),
      ).rejects.toMatchObject({ code: 'CONFLICT', detail: { reason: 'import_customers_changed' } });
      expect(erased).toBe(true);
      // the erasure counts the sales the shop could see, not the file's placed out of sight
      expect(theirs.placed).toBeGreaterThan(0);
      expect(await erasure).toMatchObject({ ok: true, data: { anonymisedSales: theirs.seen } });
      const now = counts(counter.db, 'main.');
      // the erased customer and their sales' link are gone; nothing of the file is left
      expect(now.customers).toBe(before.customers - 1);
      expect(now.sales).toBe(before.sales);
      expect(now.amount).toBe(before.amount);
      expect(now.staff).toBe(before.staff);
      expect(now.payment_methods).toBe(before.payment_methods);
      expect(wrongTotals(counter.db)).toBe(0);
      // nothing refers to a customer or a name that is gone
      expect(counter.db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      closeApp(counter);
    }
  }, 120_000);

  it("a customers file naming a new customer twice gives the second row's tags to the customer its first row creates", async () => {
    const ctx = fresh();
    const csv = 'phone,name,tags\n13911112222,Amy,vip\n13911112222,Amy,regular\n';
    const r = await runImport(ctx, Buffer.from(csv), 'twice.csv', ImportOptions.parse({ kind: 'customers' }));
    expect(r).toMatchObject({ committed: true, customersCreated: 1, customersUpdated: 1 });
    const [amy] = await ok<{ id: number }[]>(ctx, 'customers.search', { query: 'Amy' });
    const got = await ok<{ tags: string[] }>(ctx, 'customers.get', { id: amy!.id });
    expect([...got.tags].sort()).toEqual(['regular', 'vip']);
  });

  it('of an import that died while placing stay out of sight, and the next start-up takes them away', async () => {
    const { ctx, counter } = await shopWithHistory();
    closeApp(counter);
    const before = counts(ctx.db, 'main.');
    const copy = path.join(dirOf(ctx), 'after-crash.db');
    let copied = false;
    await expect(
      runImport(ctx, file(), 'more.csv', SALES, {
        onChunk: (part) => {
          if (part !== 'placed' || copied) return;
          // once some of its sales are placed (after its new customers, however many chunks they take)
          if ((ctx.db.prepare('SELECT COUNT(*) FROM main.sales').pluck().get() as number) === before.sales) return;
          // the file as a power cut would leave it here: some rows placed, no flip
          fs.copyFileSync(ctx.dbPath, copy);
          fs.copyFileSync(`${ctx.dbPath}-wal`, `${copy}-wal`);
          copied = true;
        },
        isCancelled: () => copied,
      }),
    ).rejects.toBeInstanceOf(ImportCancelled);
    const raw = new Database(copy, { readonly: true });
    const left = counts(raw);
    raw.close();
    // its new customers, then some of its sales
    expect(left.customers).toBeGreaterThan(before.customers);
    expect(left.sales).toBeGreaterThan(before.sales);
    const reopened = openApp({ dbPath: copy, clock: ctx.clock });
    try {
      expect(counts(reopened.db, 'main.')).toEqual(before);
      const { imports } = await ok<{ imports: { fileName: string; state: string }[] }>(reopened, 'import.list', {});
      expect(imports[0]).toMatchObject({ fileName: 'more.csv', state: 'failed' });
      const r = await runImport(reopened, file(), 'more.csv', SALES);
      expect(r).toMatchObject({ committed: true, customersCreated: NEWCOMERS });
      expect(wrongTotals(reopened.db)).toBe(0);
    } finally {
      closeApp(reopened);
    }
  }, 120_000);
});

import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { tempShops } from '../helpers/shop';
import { runImport } from '../../main/services/import/run';
import { ImportOptions } from '../../shared/schemas/import';

const CDNOW = path.resolve(__dirname, '../fixtures/cdnow/cdnow_sample_sales.csv');
const { fresh } = tempShops(Date.parse('2026-03-10T02:00:00Z'));

describe('importing the CDNOW sample', () => {
  it('imports 6,919 sales for 2,357 created customers, all or nothing', async () => {
    const ctx = fresh();
    const bytes = fs.readFileSync(CDNOW);
    const opts = ImportOptions.parse({ kind: 'sales', createCustomers: true });
    const r = await runImport(ctx, bytes, 'cdnow_sample_sales.csv', opts);
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ committed: true, rows: 6919, imported: 6919, customersCreated: 2357 });
    const counts = ctx.db
      .prepare('SELECT (SELECT COUNT(*) FROM sales) AS sales, (SELECT COUNT(*) FROM customers) AS customers')
      .get();
    expect(counts).toEqual({ sales: 6919, customers: 2357 });
    // The source ids are kept as text, leading zeros included, and name the created customers.
    const first = ctx.db.prepare("SELECT name, external_id, visits FROM customers WHERE external_id = '0001'").get() as Record<
      string,
      unknown
    >;
    expect(first).toMatchObject({ name: '0001', external_id: '0001' });
    const total = ctx.db.prepare('SELECT SUM(amount_minor) AS t FROM sales').get() as { t: number };
    const expected = fs
      .readFileSync(CDNOW, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .reduce((s, line) => s + Math.round(Number(line.split(',')[2]) * 100), 0);
    expect(total.t).toBe(expected);

    // The same file again is refused unless confirmed.
    await expect(runImport(ctx, bytes, 'again.csv', opts)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((ctx.db.prepare('SELECT COUNT(*) AS n FROM sales').get() as { n: number }).n).toBe(6919);
  });

  it('without --create-customers every unknown customer is a bad row and nothing is written', async () => {
    const ctx = fresh();
    const r = await runImport(ctx, fs.readFileSync(CDNOW), 'x.csv', ImportOptions.parse({ kind: 'sales' }));
    expect(r.committed).toBe(false);
    expect(r.errorCount).toBe(6919);
    expect(r.errors[0]).toMatchObject({ row: 2, column: 'customer_id', reason: 'customer_unknown', value: '0001' });
    expect((ctx.db.prepare('SELECT COUNT(*) AS n FROM sales').get() as { n: number }).n).toBe(0);
  });
});

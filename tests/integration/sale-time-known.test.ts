import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../main/db/migrations';
import { openApp, closeApp } from '../../main/app';
import { runImport } from '../../main/services/import/run';
import { ImportOptions } from '../../shared/schemas/import';
import { cleanupAll, olderShop } from '../helpers/db';
import { ok, tempShops } from '../helpers/shop';

afterEach(cleanupAll);
const NOW = Date.parse('2026-03-10T02:00:00Z');
const { fresh } = tempShops(NOW);
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

interface SaleOut {
  occurredAt: number;
  businessDate: string;
  timeKnown: boolean;
}

describe('whether a sale’s time of day is known', () => {
  it('a sale imported with a date only is kept at noon of its day and marked as having no time; one with a time, and one at the counter, are not', async () => {
    const ctx = fresh();
    await ok(ctx, 'settings.update', { timeZone: 'Asia/Shanghai' });
    const text = 'customer_id,date,amount\nC1,2026-03-01,12\nC1,2026-03-02 09:15,13\n';
    const r = await runImport(ctx, utf8(text), 's.csv', ImportOptions.parse({ kind: 'sales', createCustomers: true }));
    expect(r.errors).toEqual([]);
    const [customer] = ctx.db.prepare('SELECT id FROM customers').all() as { id: number }[];
    await ok(ctx, 'sales.record', { amountMinor: 500, customerId: customer!.id });
    const sales = await ok<SaleOut[]>(ctx, 'customers.sales', { customerId: customer!.id });
    expect(sales.map((s) => [s.businessDate, s.timeKnown])).toEqual([
      ['2026-03-10', true],
      ['2026-03-02', true],
      ['2026-03-01', false],
    ]);
    // the date-only sale still falls on its own day in the shop's zone (Asia/Shanghai, noon = 04:00 UTC)
    expect(new Date(sales[2]!.occurredAt).toISOString()).toBe('2026-03-01T04:00:00.000Z');
  });

  it("0022 keeps an older shop's sales as sales with a known time, and its file passes the integrity check", async () => {
    const { file, db: old } = olderShop(22);
    old
      .prepare(
        "INSERT INTO main.sales (customer_id, occurred_at, business_date, amount_minor, created_at) VALUES (NULL, ?, '2026-03-09', 1250, 0)",
      )
      .run(Date.parse('2026-03-09T03:00:00Z'));
    old.close();
    const ctx = openApp({ dbPath: file, clock: { now: () => NOW } });
    try {
      expect(ctx.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(ctx.db.prepare('SELECT time_known FROM sales').all()).toEqual([{ time_known: 1 }]);
      expect(() => ctx.db.prepare('UPDATE main.sales SET time_known = 2').run()).toThrow(/CHECK/);
    } finally {
      closeApp(ctx);
    }
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { openDb } from '../../main/db/open';
import { tableVersions } from '../../main/db/queries/table-versions';
import { ANALYTICS_READS, cached } from '../../main/services/cache';
import { cleanupAll, makeCtx, ok, olderShop } from '../helpers/db';

afterEach(cleanupAll);
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('table versions (migration 13)', () => {
  it('has a counter for every table the cache names, bumped by inserts, updates and deletes', async () => {
    const { ctx } = makeCtx();
    const v = () => tableVersions(ctx.db);
    for (const t of ANALYTICS_READS) expect(v().has(t), t).toBe(true);
    const c = await ok<{ id: number }>(ctx, 'customers.create', { name: '张三' });
    const afterCreate = v();
    const sale = await ok<{ id: number }>(ctx, 'sales.record', { customerId: c.id, amountMinor: 1000 });
    const afterSale = v();
    expect(afterSale.get('sales')).toBeGreaterThan(afterCreate.get('sales')!);
    // The sale moved the customer's totals (kept by triggers) but not the customers' counter.
    expect(afterSale.get('customers')).toBe(afterCreate.get('customers'));
    await ok(ctx, 'customers.update', { id: c.id, notes: 'likes tea' });
    expect(v().get('customers')).toBeGreaterThan(afterSale.get('customers')!);
    await ok(ctx, 'sales.void', { id: sale.id, reason: 'test' });
    expect(v().get('sales')).toBeGreaterThan(afterSale.get('sales')!);
    const settings = v().get('settings')!;
    await ok(ctx, 'settings.update', { shopName: 'Tea' });
    expect(v().get('settings')).toBeGreaterThan(settings);
  });

  it('a write by another connection (the command line, an import) makes a cached result stale', () => {
    const { ctx, dir } = makeCtx();
    let computed = 0;
    const ask = () => cached(ctx, 'test', null, ['sales'], () => ++computed).value;
    expect(ask()).toBe(1);
    expect(ask()).toBe(1);
    const other = new Database(path.join(dir, 'shop.db'));
    other
      .prepare("INSERT INTO main.sales (occurred_at, business_date, amount_minor, created_at) VALUES (0, '2026-03-10', 100, 0)")
      .run();
    other.close();
    expect(ask()).toBe(2);
    expect(ask()).toBe(2);
  });
});

describe('customers’ totals kept by triggers', () => {
  it('migration 13 starts an older shop from totals that are right and keeps them from then on', () => {
    const { file, db: old } = olderShop(13);
    old.prepare("INSERT INTO main.customers (name, created_at, updated_at) VALUES ('张三', 0, 0)").run();
    const sale = old.prepare(
      'INSERT INTO main.sales (customer_id, occurred_at, business_date, amount_minor, created_at) VALUES (1, ?, ?, ?, 0)',
    );
    sale.run(1000, '2026-03-01', 500);
    sale.run(2000, '2026-03-01', 700);
    sale.run(90_000_000, '2026-03-02', 300);
    // totals as a bug might have left them
    old.prepare('UPDATE main.customers SET visits = 7, total_minor = 1 WHERE id = 1').run();
    old.close();

    const db = openDb(file);
    try {
      const totals = () =>
        db
          .prepare(
            'SELECT visits, sales_count, total_minor, first_visit_at, last_visit_at, first_visit_date, last_visit_date FROM customers WHERE id = 1',
          )
          .get();
      expect(totals()).toEqual({
        visits: 2,
        sales_count: 3,
        total_minor: 1500,
        first_visit_at: 1000,
        last_visit_at: 90_000_000,
        first_visit_date: '2026-03-01',
        last_visit_date: '2026-03-02',
      });
      // Voiding the last visit's only sale takes the visit and the last visit back.
      db.prepare('UPDATE main.sales SET voided_at = 1 WHERE occurred_at = 90000000').run();
      expect(totals()).toMatchObject({
        visits: 1,
        sales_count: 2,
        total_minor: 1200,
        last_visit_at: 2000,
        last_visit_date: '2026-03-01',
      });
      // Moving a sale to a walk-in, then deleting the rest, leaves nothing.
      db.prepare('UPDATE main.sales SET customer_id = NULL WHERE occurred_at = 1000').run();
      expect(totals()).toMatchObject({ visits: 1, sales_count: 1, total_minor: 700, first_visit_at: 2000 });
      db.prepare('DELETE FROM main.sales WHERE customer_id = 1').run();
      expect(totals()).toEqual({
        visits: 0,
        sales_count: 0,
        total_minor: 0,
        first_visit_at: null,
        last_visit_at: null,
        first_visit_date: null,
        last_visit_date: null,
      });
    } finally {
      db.close();
    }
  });
});

describe('the one cache', () => {
  it('keeps at most two inputs of one method, the most recently used', () => {
    const { ctx } = makeCtx();
    let computed = 0;
    const ask = (day: string) => cached(ctx, 'per-day', day, ['sales'], () => `${day}#${++computed}`).value;
    expect(ask('a')).toBe('a#1');
    expect(ask('b')).toBe('b#2');
    expect(ask('a')).toBe('a#1'); // a is now the most recent
    expect(ask('c')).toBe('c#3'); // b goes
    expect(ask('a')).toBe('a#1');
    expect(ask('b')).toBe('b#4');
  });

  it('without its counters computes every time and says so in the log, once', () => {
    const { ctx } = makeCtx();
    const logged: string[] = [];
    const c = { ...ctx, log: { error: (m: string) => logged.push(m), info: () => {} } };
    ctx.db.exec('DROP TABLE table_versions');
    let computed = 0;
    const ask = () => cached(c, 'no-counters', null, ['sales'], () => ++computed).value;
    expect([ask(), ask()]).toEqual([1, 2]);
    expect(logged).toEqual(['the cache cannot read the table versions; every result is computed again']);
  });
});

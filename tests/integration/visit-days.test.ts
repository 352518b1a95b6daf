import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '../../main/db/open';
import { LATEST_VERSION, migrations } from '../../main/db/migrations';
import { openApp, closeApp } from '../../main/app';
import type { Ctx } from '../../main/ctx';
import { runImport } from '../../main/services/import/run';
import { ImportOptions } from '../../shared/schemas/import';
import { customerWindows, customerWindowsNow } from '../../main/db/queries/customer-windows';
import { shopWeeks } from '../../main/services/analytics/price-evidence';
import { DERIVED_TRIGGERS } from '../../main/db/queries/derived';
import { julianDay } from '../../shared/domain/dates';
import { cleanupAll, FIXED_NOW, makeCtx, ok, olderShop } from '../helpers/db';
import { MERGED, MERGED_INTO } from '../../main/db/migrations/0024-merged-insert-triggers';
import { REFRESH_STATS_SQL } from '../../main/db/queries/customers';
import { generateDemo } from '../../main/services/demo/generate';

afterEach(cleanupAll);

/** visit_days and shop_days as they must be: recomputed from the sales table from scratch. */
function recomputed(db: Ctx['db']) {
  return {
    visits: db
      .prepare(
        `SELECT customer_id, CAST(julianday(business_date) AS INTEGER) AS day,
                CAST(strftime('%Y', business_date) AS INTEGER) * 12 + CAST(strftime('%m', business_date) AS INTEGER) - 1 AS month, COUNT(*) AS sales, SUM(amount_minor) AS amount_minor,
                SUM(discount_minor) AS discount_minor, SUM(items) AS items, SUM(is_promotion = 1 OR discount_minor > 0) AS promo_sales
         FROM sales WHERE customer_id IS NOT NULL AND voided_at IS NULL GROUP BY customer_id, business_date ORDER BY 1, 2`,
      )
      .all(),
    days: db
      .prepare(
        `SELECT CAST(julianday(business_date) AS INTEGER) AS day, COUNT(*) AS sales, SUM(amount_minor) AS amount_minor, SUM(items) AS items,
                SUM(customer_id IS NULL) AS walk_in_sales,
                COUNT(DISTINCT customer_id) AS visits,
                (SELECT COUNT(DISTINCT d.customer_id) FROM sales d
                 WHERE d.business_date = s.business_date AND d.voided_at IS NULL AND (d.is_promotion = 1 OR d.discount_minor > 0)) AS deal_visits
         FROM sales s WHERE voided_at IS NULL GROUP BY business_date ORDER BY 1`,
      )
      .all(),
    totals: db
      .prepare(
        `SELECT customer_id, MIN(day) AS first_day, MAX(day) AS last_day, COUNT(*) AS visits, SUM(amount_minor) AS spend_minor,
                SUM(discount_minor) AS discount_minor, SUM(promo_sales > 0) AS promo_visits
         FROM (SELECT customer_id, CAST(julianday(business_date) AS INTEGER) AS day, SUM(amount_minor) AS amount_minor,
                      SUM(discount_minor) AS discount_minor, SUM(is_promotion = 1 OR discount_minor > 0) AS promo_sales
               FROM sales WHERE customer_id IS NOT NULL AND voided_at IS NULL GROUP BY customer_id, business_date)
         GROUP BY customer_id ORDER BY customer_id`,
      )
      .all(),
  };
}
function kept(db: Ctx['db']) {
  return {
    visits: db.prepare('SELECT * FROM visit_days ORDER BY customer_id, day').all(),
    days: db.prepare('SELECT * FROM shop_days ORDER BY day').all(),
    totals: db.prepare('SELECT * FROM visit_totals ORDER BY customer_id').all(),
  };
}

/** The per-row derived-data triggers are all there, as the migrations made them (a bulk write took them away for its own transaction only). */
function expectDerivedTriggers(db: Ctx['db']) {
  const names = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name IN (SELECT value FROM json_each(?)) ORDER BY name")
    .pluck()
    .all(JSON.stringify(DERIVED_TRIGGERS));
  expect(names).toEqual([...DERIVED_TRIGGERS].sort());
}

/** The totals on the customers' rows equal a recompute from the sales, column for column. */
function expectTotalsAsRecomputed(db: Ctx['db']) {
  const rows = () =>
    db
      .prepare(
        'SELECT id, visits, sales_count, total_minor, first_visit_at, last_visit_at, first_visit_date, last_visit_date FROM customers ORDER BY id',
      )
      .all();
  const kept = rows();
  db.exec(REFRESH_STATS_SQL);
  expect(kept).toEqual(rows());
}

const DAY = 86_400_000;

describe('visit_days and shop_days follow every write to sales', () => {
  it('record, same-day second sale, walk-in, void, merge and erase', async () => {
    const { ctx } = makeCtx();
    const a = await ok<{ id: number }>(ctx, 'customers.create', { name: '张三' });
    const b = await ok<{ id: number }>(ctx, 'customers.create', { name: '李四' });
    const s1 = await ok<{ id: number }>(ctx, 'sales.record', {
      customerId: a.id,
      amountMinor: 1000,
      occurredAt: FIXED_NOW - 3 * DAY,
    });
    await ok(ctx, 'sales.record', {
      customerId: a.id,
      amountMinor: 500,
      discountMinor: 100,
      items: 3,
      occurredAt: FIXED_NOW - 3 * DAY + 60_000,
    });
    await ok(ctx, 'sales.record', { customerId: b.id, amountMinor: 700, isPromotion: true, occurredAt: FIXED_NOW - 3 * DAY });
    await ok(ctx, 'sales.record', { amountMinor: 300 });
    expect(kept(ctx.db)).toEqual(recomputed(ctx.db));
    // Two sales on one day are one visit with both amounts.
    expect(ctx.db.prepare('SELECT sales, amount_minor, promo_sales FROM visit_days WHERE customer_id = ?').all(a.id)).toEqual([
      { sales: 2, amount_minor: 1500, promo_sales: 1 },
    ]);

    await ok(ctx, 'sales.void', { id: s1.id, reason: 'wrong customer' });
    expect(kept(ctx.db)).toEqual(recomputed(ctx.db));
    // The list as of today reads the kept totals; as of an earlier day, it aggregates: the same rows.
    const w = {
      asOf: julianDay('2026-03-10'),
      year: julianDay('2025-03-10'),
      recent: julianDay('2025-09-09'),
      before: julianDay('2024-09-09'),
    };
    const deals = shopWeeks(ctx.db, w.before, w.asOf);
    expect(customerWindowsNow(ctx.db, w, deals)).toEqual(customerWindows(ctx.db, w, deals));

    await ok(ctx, 'customers.merge', { keepId: a.id, mergeId: b.id });
    expect(kept(ctx.db)).toEqual(recomputed(ctx.db));
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM visit_days WHERE customer_id = ?').get(b.id)).toEqual({ n: 0 });

    await ok(ctx, 'customers.erase', { id: a.id, confirm: true });
    expect(kept(ctx.db)).toEqual(recomputed(ctx.db));
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM visit_days').get()).toEqual({ n: 0 });
    // The shop's day totals keep the anonymised sales as walk-ins.
    expect(ctx.db.prepare('SELECT SUM(walk_in_sales) AS n FROM shop_days').get()).toEqual({ n: 3 });
  });

  it('an import adds its derived data set-based, equal to a recompute: days the shop had, promotions, new customers, walk-ins', async () => {
    const { ctx } = makeCtx();
    const a = await ok<{ id: number }>(ctx, 'customers.create', { name: '张三', phone: '13912345678' });
    await ok<{ id: number }>(ctx, 'customers.create', { name: '李四', phone: '13800001111' });
    // history: 张三 on 2026-01-05 without a promotion, 李四 with one on 2026-02-01
    await ok(ctx, 'sales.record', { customerId: a.id, amountMinor: 1000, occurredAt: Date.parse('2026-01-05T10:00:00+08:00') });
    await ok(ctx, 'sales.record', { amountMinor: 400, occurredAt: Date.parse('2026-01-05T11:00:00+08:00') });
    const before = (ctx.db.prepare("SELECT version FROM table_versions WHERE name = 'sales'").get() as { version: number })
      .version;
    const csv = [
      'phone,name,date,amount,discount,promotion',
      // a day 张三 already had: a second sale, now a promotion day
      '13912345678,张三,2026-01-05,12.50,0,yes',
      // a new day for 张三, earlier than any he had
      '13912345678,张三,2025-12-20,3,0,no',
      // two sales on one new day for 李四
      '13800001111,李四,2026-02-03,8,1,no',
      '13800001111,李四,2026-02-03,2,0,no',
      // a customer the shop lacks, created by the import, on two days
      '13700002222,王五,2026-02-03,5,0,no',
      '13700002222,王五,2026-02-10,6,0,yes',
      // a walk-in sale on a day the shop had
      ',,2026-01-05,7,0,no',
    ].join('\n');
    const r = await runImport(
      ctx,
      new Uint8Array(Buffer.from(csv + '\n', 'utf8')),
      'sales.csv',
      ImportOptions.parse({ kind: 'sales', createCustomers: true }),
    );
    expect(r).toMatchObject({ committed: true, imported: 7, customersCreated: 1 });
    expect(kept(ctx.db)).toEqual(recomputed(ctx.db));
    expectTotalsAsRecomputed(ctx.db);
    expect(ctx.db.prepare('SELECT visits, promo_visits FROM visit_totals WHERE customer_id = ?').get(a.id)).toEqual({
      visits: 2,
      promo_visits: 1,
    });
    // the cache sees one new version of the sales, and the per-row triggers are back for the counter
    const after = (ctx.db.prepare("SELECT version FROM table_versions WHERE name = 'sales'").get() as { version: number })
      .version;
    expect(after).toBe(before + 1);
    expectDerivedTriggers(ctx.db);
    await ok(ctx, 'sales.record', { customerId: a.id, amountMinor: 900, occurredAt: Date.parse('2026-02-20T10:00:00+08:00') });
    expect(kept(ctx.db)).toEqual(recomputed(ctx.db));
  });

  it('a larger import in a zone with daylight saving (late sales on the short and long days) sums as a recompute does', async () => {
    const { ctx } = makeCtx();
    await ok(ctx, 'settings.update', { timeZone: 'America/New_York' });
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), Math.floor((seed / 2 ** 31) * n));
    const phones = Array.from({ length: 12 }, (_, i) => `1391234${String(5000 + i)}`);
    // half of them the shop knows, with sales on days the file has too
    for (const phone of phones.slice(0, 6)) {
      const c = await ok<{ id: number }>(ctx, 'customers.create', { name: `顾客${phone.slice(-2)}`, phone });
      await ok(ctx, 'sales.record', { customerId: c.id, amountMinor: 900, occurredAt: Date.parse('2026-03-08T10:00:00-04:00') });
    }
    // around the spring change (2026-03-08, 23 hours) and the autumn one (2025-11-02, 25 hours)
    const days = ['2025-11-01', '2025-11-02', '2025-11-03', '2026-03-07', '2026-03-08', '2026-03-09'];
    const times = ['', ' 00:10', ' 09:30', ' 23:30', ' 23:59'];
    const lines = ['phone,name,date,amount,discount,promotion'];
    for (let i = 0; i < 400; i++) {
      const who = rand(14);
      const phone = who < 12 ? phones[who]! : '';
      lines.push(
        `${phone},${phone ? `顾客${phone.slice(-2)}` : ''},${days[rand(days.length)]}${times[rand(times.length)]},${1 + rand(90)}.${rand(10)}0,${rand(4) === 0 ? 1 : 0},${rand(5) === 0 ? 'yes' : 'no'}`,
      );
    }
    const r = await runImport(
      ctx,
      new Uint8Array(Buffer.from(lines.join('\n') + '\n', 'utf8')),
      'sales.csv',
      ImportOptions.parse({ kind: 'sales', createCustomers: true }),
    );
    expect(r).toMatchObject({ committed: true, imported: 400, customersCreated: 6 });
    expect(kept(ctx.db)).toEqual(recomputed(ctx.db));
    expectTotalsAsRecomputed(ctx.db);
    expectDerivedTriggers(ctx.db);
  });

  it('the demo shop sums its derived data once at the end, equal to a recompute, and the triggers are back on', async () => {
    const { ctx } = makeCtx();
    generateDemo(ctx.db, { customers: 400, years: 1, seed: 3, now: FIXED_NOW });
    expect(kept(ctx.db)).toEqual(recomputed(ctx.db));
    expectTotalsAsRecomputed(ctx.db);
    expectDerivedTriggers(ctx.db);
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM visit_days').get()).not.toEqual({ n: 0 });
  });

  it('an import of sales adds its visits in the same transaction', async () => {
    const { ctx } = makeCtx();
    const csv = 'phone,date,amount\n13912345678,2026-01-05,12.50\n13912345678,2026-01-05,3\n13800001111,2026-02-01,8\n';
    await ok(ctx, 'customers.create', { name: '张三', phone: '13912345678' });
    await ok(ctx, 'customers.create', { name: '李四', phone: '13800001111' });
    await runImport(
      ctx,
      new Uint8Array(Buffer.from(csv, 'utf8')),
      'sales.csv',
      ImportOptions.parse({ kind: 'sales', map: { phone: 'phone', date: 'date', amount: 'amount' } }),
    );
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM sales').get()).toEqual({ n: 3 });
    expect(kept(ctx.db)).toEqual(recomputed(ctx.db));
    expect(kept(ctx.db).visits).toHaveLength(2);
  });
});

it('0003 and later upgrade a version-2 shop: visit days built from its sales, which are kept', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-m3-'));
  try {
    const file = path.join(dir, 'shop.db');
    const v2 = new Database(file);
    migrate(v2, file, migrations.slice(0, 2));
    v2.prepare(
      `INSERT INTO main.customers (name, name_key, name_pinyin, name_initials, created_at, updated_at) VALUES ('张三', '张三', 'zhangsan', 'zs', 0, 0)`,
    ).run();
    const sale = v2.prepare(
      'INSERT INTO main.sales (customer_id, occurred_at, business_date, amount_minor, discount_minor, voided_at, created_at) VALUES (?, 0, ?, ?, ?, ?, 0)',
    );
    sale.run(1, '2026-01-01', 500, 0, null);
    sale.run(1, '2026-01-01', 200, 50, null);
    sale.run(1, '2026-01-09', 900, 0, 1);
    sale.run(null, '2026-01-09', 300, 0, null);
    expect(v2.pragma('user_version', { simple: true })).toBe(2);
    v2.close();

    const ctx = openApp({ dbPath: file, clock: { now: () => FIXED_NOW } });
    try {
      expect(ctx.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(5);
      expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM sales').get()).toEqual({ n: 4 });
      expect(kept(ctx.db)).toEqual(recomputed(ctx.db));
      expect(ctx.db.prepare('SELECT customer_id, sales, amount_minor, promo_sales FROM visit_days').all()).toEqual([
        { customer_id: 1, sales: 2, amount_minor: 700, promo_sales: 1 },
      ]);
      const backups = fs.readdirSync(path.join(dir, 'backups'));
      const before = backups.find((b) => b.includes('before-migration'));
      expect(before).toBeDefined();
      const old = new Database(path.join(dir, 'backups', before!), { readonly: true });
      expect(old.pragma('user_version', { simple: true })).toBe(2);
      old.close();
    } finally {
      closeApp(ctx);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

it('0024 merges an older shop’s three insert triggers on sales and on visit days into one each: sales inserted before and after count the same', async () => {
  const { file, db: old } = olderShop(24);
  const triggers = (db: Ctx['db']) =>
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%insert%' ORDER BY name").pluck().all();
  expect(triggers(old)).toEqual(expect.arrayContaining(Object.keys(MERGED_INTO).sort()));
  old
    .prepare(
      "INSERT INTO main.customers (id, name, name_key, name_pinyin, name_initials, name_given, notes, created_at, updated_at) VALUES (1, '张三', '张三', 'zhangsan', 'zs', '三', '', 0, 0)",
    )
    .run();
  const SALE =
    'INSERT INTO main.sales (customer_id, occurred_at, business_date, amount_minor, discount_minor, is_promotion, voided_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0)';
  const sale = old.prepare(SALE);
  // (the old triggers: a visit, a second sale the same day with a discount, a walk-in, a voided sale)
  sale.run(1, Date.parse('2026-03-01T03:00:00Z'), '2026-03-01', 500, 0, 0, null);
  sale.run(1, Date.parse('2026-03-01T05:00:00Z'), '2026-03-01', 200, 50, 0, null);
  sale.run(null, Date.parse('2026-03-02T03:00:00Z'), '2026-03-02', 300, 0, 0, null);
  sale.run(1, Date.parse('2026-03-02T04:00:00Z'), '2026-03-02', 900, 0, 1, Date.parse('2026-03-02T05:00:00Z'));
  const before = { kept: kept(old), recomputed: recomputed(old) };
  expect(before.kept).toEqual(before.recomputed);
  const salesVersion = (db: Ctx['db']) => db.prepare("SELECT version FROM table_versions WHERE name = 'sales'").pluck().get();
  const version = salesVersion(old) as number;
  old.close();

  const ctx = openApp({ dbPath: file, clock: { now: () => FIXED_NOW } });
  try {
    const db = ctx.db;
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    const now = triggers(db);
    for (const gone of Object.keys(MERGED_INTO)) expect(now).not.toContain(gone);
    expect(now).toEqual(expect.arrayContaining(Object.keys(MERGED)));
    expectDerivedTriggers(db);
    expect(kept(db)).toEqual(before.kept);

    // the same kinds of sales again, through the merged triggers: each row counted once, as a recompute counts it
    const again = db.prepare(SALE);
    again.run(1, Date.parse('2026-03-01T06:00:00Z'), '2026-03-01', 100, 0, 1, null);
    again.run(1, Date.parse('2026-03-03T03:00:00Z'), '2026-03-03', 400, 20, 0, null);
    again.run(null, Date.parse('2026-03-03T03:30:00Z'), '2026-03-03', 250, 0, 0, null);
    again.run(1, Date.parse('2026-03-04T03:00:00Z'), '2026-03-04', 800, 0, 0, Date.parse('2026-03-04T04:00:00Z'));
    // every insert is a change of the sales, a voided one too
    expect(salesVersion(db)).toBe(version + 4);
    await ok(ctx, 'sales.record', { customerId: 1, amountMinor: 650, isPromotion: true });
    expect(kept(db)).toEqual(recomputed(db));
    expectTotalsAsRecomputed(db);
    expect(db.prepare('SELECT sales_count, total_minor, visits FROM customers WHERE id = 1').get()).toEqual({
      sales_count: 5,
      total_minor: 1850,
      visits: 3,
    });
  } finally {
    closeApp(ctx);
  }
});

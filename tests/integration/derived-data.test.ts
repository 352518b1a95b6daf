import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, closeApp } from '../../main/app';
import type { Ctx } from '../../main/ctx';
import { runImport } from '../../main/services/import/run';
import { ImportOptions } from '../../shared/schemas/import';
import { cleanupAll, FIXED_NOW, makeCtx, ok, type TestShop } from '../helpers/db';

/**
 * The one cache and the totals the database keeps (issue 13, section 2): after every kind of write
 * the cached lapsed list and Insights are computed again and equal what a fresh connection (with
 * nothing cached) computes, and every customer's totals equal a from-scratch SQL recomputation.
 */

interface Lapsed {
  computedAt: number;
  rows: { id: number; name: string; phone: string | null; last_visit: string }[];
}
interface Overview {
  computedAt: number;
  months: { month: string; revenue_minor: number; buyers: number }[];
}

afterEach(cleanupAll);

/** Customers' kept totals beside the same figures summed from their sales now. */
function totalsDrift(ctx: Ctx): unknown[] {
  return ctx.db
    .prepare(
      `WITH s AS (
         SELECT customer_id AS id, COUNT(DISTINCT business_date) AS visits, COUNT(*) AS sales_count,
           SUM(amount_minor) AS total_minor, MIN(occurred_at) AS first_at, MAX(occurred_at) AS last_at,
           MIN(business_date) AS first_date, MAX(business_date) AS last_date
         FROM sales WHERE voided_at IS NULL AND customer_id IS NOT NULL GROUP BY customer_id)
       SELECT c.id, c.visits, s.visits AS want_visits, c.sales_count, s.sales_count AS want_sales, c.total_minor,
         s.total_minor AS want_total
       FROM customers c LEFT JOIN s ON s.id = c.id
       WHERE c.visits IS NOT COALESCE(s.visits, 0) OR c.sales_count IS NOT COALESCE(s.sales_count, 0)
         OR c.total_minor IS NOT COALESCE(s.total_minor, 0) OR c.first_visit_at IS NOT s.first_at
         OR c.last_visit_at IS NOT s.last_at OR c.first_visit_date IS NOT s.first_date OR c.last_visit_date IS NOT s.last_date`,
    )
    .all();
}

/** The answer of a second connection to the same file: nothing cached there yet. */
async function freshAnswer<T>(shop: TestShop, method: string, input: unknown = {}): Promise<T> {
  const other = openApp({ dbPath: shop.ctx.dbPath, clock: { now: () => shop.clock.now }, register: false });
  try {
    return await ok<T>(other, method, input);
  } finally {
    closeApp(other);
  }
}

const withoutTime = <T extends { computedAt: number }>(r: T) => ({ ...r, computedAt: 0 });

let shop: TestShop;
let flagged: Lapsed['rows'];
/** One demo shop made once; each test works on its own copy. */
let template = '';

beforeAll(async () => {
  const made = makeCtx();
  await ok(made.ctx, 'shop.loadDemo', { customers: 300, years: 2, seed: 5 });
  made.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  template = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-derived-')), 'demo.db');
  fs.copyFileSync(made.ctx.dbPath, template);
  made.cleanup();
});
afterAll(() => fs.rmSync(path.dirname(template), { recursive: true, force: true }));

beforeEach(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-'));
  fs.copyFileSync(template, path.join(dir, 'shop.db'));
  const clock = { now: FIXED_NOW };
  const ctx = openApp({ dbPath: path.join(dir, 'shop.db'), clock: { now: () => clock.now } });
  shop = {
    ctx,
    dir,
    clock,
    cleanup: () => {
      closeApp(ctx);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  flagged = (await ok<Lapsed>(ctx, 'lapsed.list')).rows;
  expect(flagged.length).toBeGreaterThan(4);
});
afterEach(() => shop.cleanup());

/** Lists once (cached), moves the clock, writes, and returns the lists before and after. */
async function around(write: (ctx: Ctx) => Promise<void>) {
  const { ctx, clock } = shop;
  const before = await ok<Lapsed>(ctx, 'lapsed.list');
  const overviewBefore = await ok<Overview>(ctx, 'insights.overview');
  clock.now += 60_000;
  // Nothing written: the same result, computed when it was.
  expect((await ok<Lapsed>(ctx, 'lapsed.list')).computedAt).toBe(before.computedAt);
  expect((await ok<Overview>(ctx, 'insights.overview')).computedAt).toBe(overviewBefore.computedAt);
  clock.now += 60_000;
  await write(ctx);
  const after = await ok<Lapsed>(ctx, 'lapsed.list');
  const overviewAfter = await ok<Overview>(ctx, 'insights.overview');
  expect(after.computedAt).toBe(clock.now);
  expect(overviewAfter.computedAt).toBe(clock.now);
  expect(withoutTime(after)).toEqual(withoutTime(await freshAnswer<Lapsed>(shop, 'lapsed.list')));
  expect(withoutTime(overviewAfter)).toEqual(withoutTime(await freshAnswer<Overview>(shop, 'insights.overview')));
  expect(totalsDrift(ctx)).toEqual([]);
  return { before, after, overviewBefore, overviewAfter };
}

const TODAY = '2026-03-10';
const ids = (l: Lapsed) => l.rows.map((r) => r.id);
/** The customer's last visit as the list shows it (a customer who is no longer flagged: today). */
const lastVisit = (l: Lapsed, id: number) => l.rows.find((r) => r.id === id)?.last_visit ?? TODAY;
const revenueNow = (o: Overview) => o.months[o.months.length - 1]!.revenue_minor;

describe('a write makes the cached lapsed list and Insights stale; the next call is right', () => {
  it('starts from kept totals that equal their sales', () => {
    expect(totalsDrift(shop.ctx)).toEqual([]);
  });

  it('a sale', async () => {
    const who = flagged[0]!.id;
    const r = await around(async (ctx) => {
      await ok(ctx, 'sales.record', { customerId: who, amountMinor: 4200 });
    });
    expect(ids(r.before)).toContain(who);
    expect(lastVisit(r.after, who)).toBe(TODAY);
    expect(revenueNow(r.overviewAfter)).toBe(revenueNow(r.overviewBefore) + 4200);
  });

  it('a void', async () => {
    const who = flagged[1]!.id;
    const sale = await ok<{ id: number }>(shop.ctx, 'sales.record', { customerId: who, amountMinor: 999 });
    const r = await around(async (ctx) => {
      await ok(ctx, 'sales.void', { id: sale.id, reason: 'rung up twice' });
    });
    expect(lastVisit(r.before, who)).toBe(TODAY);
    expect(lastVisit(r.after, who)).toBe(flagged[1]!.last_visit);
    expect(revenueNow(r.overviewAfter)).toBe(revenueNow(r.overviewBefore) - 999);
  });

  it('a customer edit', async () => {
    const who = flagged[2]!.id;
    const r = await around(async (ctx) => {
      await ok(ctx, 'customers.update', { id: who, name: '改了名字' });
    });
    expect(r.after.rows.find((x) => x.id === who)?.name).toBe('改了名字');
  });

  it('an import', async () => {
    const who = flagged[3]!;
    expect(who.phone).not.toBeNull();
    const r = await around(async (ctx) => {
      const csv = `date,amount,phone\n2026-03-10,31.50,${who.phone}\n`;
      await runImport(ctx, new Uint8Array(Buffer.from(csv)), 'one.csv', ImportOptions.parse({ kind: 'sales' }));
    });
    expect(lastVisit(r.after, who.id)).toBe(TODAY);
    expect(revenueNow(r.overviewAfter)).toBe(revenueNow(r.overviewBefore) + 3150);
  });

  it('a merge', async () => {
    const [keep, gone] = [flagged[0]!.id, flagged[1]!.id];
    const r = await around(async (ctx) => {
      await ok(ctx, 'customers.merge', { keepId: keep, mergeId: gone });
    });
    expect(ids(r.after)).not.toContain(gone);
  });

  it('an erasure', async () => {
    const who = flagged[4]!.id;
    const r = await around(async (ctx) => {
      await ok(ctx, 'customers.erase', { id: who, confirm: true });
    });
    expect(ids(r.after)).not.toContain(who);
    // the sales stay as anonymous sales: the shop's revenue is unchanged
    expect(revenueNow(r.overviewAfter)).toBe(revenueNow(r.overviewBefore));
  });
});

describe('the usual gap', () => {
  it('is the same on the customer page and in the lapsed list', async () => {
    const list = await ok<{ rows: { id: number; usual_gap_days: number | null; visits: number }[] }>(shop.ctx, 'lapsed.list');
    for (const row of list.rows.filter((r) => r.visits > 1).slice(0, 10)) {
      const c = await ok<{ stats: { usualGapDays: number | null } }>(shop.ctx, 'customers.get', { id: row.id });
      expect(c.stats.usualGapDays).toBe(row.usual_gap_days);
    }
  });
});

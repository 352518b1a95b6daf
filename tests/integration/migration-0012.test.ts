import { afterEach, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '../../main/db/open';
import { LATEST_VERSION, migrations } from '../../main/db/migrations';
import { openApp, closeApp } from '../../main/app';
import { dispatch } from '../../main/api';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const clock = { now: () => Date.parse('2026-03-10T02:00:00Z') };

it('0012 gives a version-11 shop an empty offers table; its customers and sales take offers', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-m12-'));
  dirs.push(dir);
  const file = path.join(dir, 'shop.db');
  const v11 = new Database(file);
  migrate(v11, file, migrations.slice(0, 11));
  expect(v11.pragma('user_version', { simple: true })).toBe(11);
  v11.prepare("INSERT INTO main.customers (name, phone, created_at, updated_at) VALUES ('张三', '+8613912345678', 0, 0)").run();
  v11
    .prepare(
      `INSERT INTO main.sales (customer_id, occurred_at, business_date, amount_minor, items, discount_minor, is_promotion, note, created_at)
       VALUES (1, 0, '2025-01-01', 5000, 1, 0, 0, '', 0)`,
    )
    .run();
  v11.close();

  const ctx = openApp({ dbPath: file, clock });
  try {
    expect(ctx.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM offers').get()).toEqual({ n: 0 });
    const issued = await dispatch('offers.issue', { customerId: 1, kind: 'amount_off', value: 500 }, ctx);
    expect(issued.ok, JSON.stringify(issued)).toBe(true);
    const code = (issued as { data: { code: string } }).data.code;
    const sale = await dispatch('sales.record', { customerId: 1, amountMinor: 3000, offerCode: code }, ctx);
    expect(sale.ok && (sale.data as { amountMinor: number }).amountMinor).toBe(2500);
    // the old sale is untouched
    expect(ctx.db.prepare('SELECT amount_minor FROM sales WHERE id = 1').get()).toEqual({ amount_minor: 5000 });
  } finally {
    closeApp(ctx);
  }
});

import { afterEach, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../main/db/migrations';
import { openApp, closeApp } from '../../main/app';
import { cleanupAll, olderShop } from '../helpers/db';
import { ok } from '../helpers/shop';

afterEach(cleanupAll);
const clock = { now: () => Date.parse('2026-03-10T02:00:00Z') };
const salesIndexes = (db: { prepare(sql: string): { all(): unknown[] } }) =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sales' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((i) => i.name);

it("0021 drops an older shop's index of sales by time alone; its sales are still counted, listed by day and by customer", async () => {
  const { file, db: old } = olderShop(21);
  expect(salesIndexes(old)).toEqual(['sales_business_date', 'sales_customer', 'sales_occurred']);
  old
    .prepare(
      "INSERT INTO main.customers (id, name, name_key, name_pinyin, name_initials, name_given, notes, created_at, updated_at) VALUES (1, '张三', '张三', 'zhangsan', 'zs', '三', '', 0, 0)",
    )
    .run();
  old
    .prepare(
      "INSERT INTO main.sales (customer_id, occurred_at, business_date, amount_minor, created_at) VALUES (1, ?, '2026-03-09', 1250, 0), (NULL, ?, '2026-03-10', 300, 0)",
    )
    .run(Date.parse('2026-03-09T03:00:00Z'), Date.parse('2026-03-10T01:00:00Z'));
  old.close();

  const ctx = openApp({ dbPath: file, clock });
  try {
    expect(ctx.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    // (migration 23 adds the partial index of imported sales, migration 25 those of the staff and
    // payment method a sale refers to)
    expect(salesIndexes(ctx.db)).toEqual([
      'sales_business_date',
      'sales_customer',
      'sales_import',
      'sales_payment_method',
      'sales_staff',
      'sales_voided_by',
    ]);
    expect(ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // counting every sale no longer has that index to walk, and needs none
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM sales').get()).toEqual({ n: 2 });
    const sale = await ok<{ id: number }>(ctx, 'sales.record', { amountMinor: 500, customerId: 1 });
    const customer = await ok<{ stats: { visits: number; totalMinor: number } }>(ctx, 'customers.get', { id: 1 });
    expect(customer.stats).toMatchObject({ visits: 2, totalMinor: 1750 });
    const today = await ok<{ id: number }[]>(ctx, 'sales.today', {});
    expect(today.map((s) => s.id)).toContain(sale.id);
  } finally {
    closeApp(ctx);
  }
});

import { afterEach, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../main/db/migrations';
import { PAUSABLE } from '../../main/db/migrations/0019-shop-day-visits';
import { MERGED_INTO } from '../../main/db/migrations/0024-merged-insert-triggers';
import { openApp, closeApp } from '../../main/app';
import { dispatch } from '../../main/api';
import { cleanupAll, olderShop } from '../helpers/db';
import type { Ctx } from '../../main/ctx';
import { julianDay } from '../../shared/domain/dates';

afterEach(cleanupAll);
const clock = { now: () => Date.parse('2026-03-10T02:00:00Z') };

/** Each day's customers' visits and deal visits, counted from the sales themselves. */
function recounted(db: Ctx['db']) {
  return db
    .prepare(
      `SELECT CAST(julianday(business_date) AS INTEGER) AS day, COUNT(DISTINCT customer_id) AS visits,
              COUNT(DISTINCT CASE WHEN is_promotion = 1 OR discount_minor > 0 THEN customer_id END) AS deal_visits
       FROM sales WHERE voided_at IS NULL GROUP BY business_date ORDER BY 1`,
    )
    .all();
}
const kept = (db: Ctx['db']) => db.prepare('SELECT day, visits, deal_visits FROM shop_days ORDER BY day').all();

it("0019 counts an older shop's visits and deal visits per day from its visit days; sales, voids and merges keep them", async () => {
  const { file, db: old } = olderShop(19);
  const customer = old.prepare(
    "INSERT INTO main.customers (id, name, name_key, name_pinyin, name_initials, name_given, notes, created_at, updated_at) VALUES (?, ?, ?, '', '', '', '', 0, 0)",
  );
  customer.run(1, '张三', '张三');
  customer.run(2, '李四', '李四');
  const sale = old.prepare(
    `INSERT INTO main.sales (customer_id, occurred_at, business_date, amount_minor, items, discount_minor, is_promotion, created_at)
     VALUES (?, ?, ?, ?, 1, ?, ?, 0)`,
  );
  // 3 March: 张三 twice (one a promotion), 李四 once, a walk-in; 4 March: 李四 with a discount
  sale.run(1, Date.parse('2026-03-03T02:00:00Z'), '2026-03-03', 1200, 0, 1);
  sale.run(1, Date.parse('2026-03-03T05:00:00Z'), '2026-03-03', 800, 0, 0);
  sale.run(2, Date.parse('2026-03-03T06:00:00Z'), '2026-03-03', 500, 0, 0);
  sale.run(null, Date.parse('2026-03-03T07:00:00Z'), '2026-03-03', 300, 0, 0);
  sale.run(2, Date.parse('2026-03-04T02:00:00Z'), '2026-03-04', 900, 100, 0);
  old.close();

  const ctx = openApp({ dbPath: file, clock });
  try {
    expect(ctx.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    const day3 = julianDay('2026-03-03');
    expect(kept(ctx.db)).toEqual([
      { day: day3, visits: 2, deal_visits: 1 },
      { day: day3 + 1, visits: 1, deal_visits: 1 },
    ]);
    expect(kept(ctx.db)).toEqual(recounted(ctx.db));
    // its triggers are there (paused by migration 18's rule until migration 20 took the pause away;
    // the insert trigger merged into visit_days_insert_derived by migration 24)
    for (const name of PAUSABLE.map((n) => MERGED_INTO[n] ?? n))
      expect(ctx.db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").pluck().get(name)).toMatch(
        /^CREATE TRIGGER/,
      );

    // After the upgrade the triggers keep them: a promotion on a day 李四 already came, a void, a merge.
    const promo = await dispatch('sales.record', { customerId: 2, amountMinor: 700, isPromotion: true }, ctx);
    if (!promo.ok) throw new Error('sales.record');
    expect(kept(ctx.db)).toEqual(recounted(ctx.db));
    await dispatch('sales.void', { id: (promo.data as { id: number }).id, reason: 'test' }, ctx);
    expect(kept(ctx.db)).toEqual(recounted(ctx.db));
    await dispatch('customers.merge', { keepId: 1, mergeId: 2 }, ctx);
    expect(kept(ctx.db)).toEqual(recounted(ctx.db));
    expect(kept(ctx.db)[0]).toEqual({ day: day3, visits: 1, deal_visits: 1 });
  } finally {
    closeApp(ctx);
  }
});

import { afterEach, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../main/db/migrations';
import { DERIVED_TRIGGERS, unpaused } from '../../main/db/migrations/0020-derived-unpause';
import { pausable } from '../../main/db/migrations/0018-derived-pause';
import { openApp, closeApp } from '../../main/app';
import { dispatch } from '../../main/api';
import { REFRESH_STATS_SQL } from '../../main/db/queries/customers';
import { SHOP_DAY_VISITS_SQL } from '../../main/db/queries/derived';
import { cleanupAll, olderShop } from '../helpers/db';

afterEach(cleanupAll);
const clock = { now: () => Date.parse('2026-03-10T02:00:00Z') };
const triggerSql = (db: { prepare(sql: string): { all(): unknown[] } }) =>
  Object.fromEntries(
    (
      db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as {
        name: string;
        sql: string;
      }[]
    ).map((t) => [t.name, t.sql]),
  );

/** SQL as words: pausable() lays out the lines before BEGIN anew, and SQLite ignores how. */
const words = (sql: string | undefined) => sql?.replace(/\s+/g, ' ');

it('unpaused() gives back the trigger pausable() was given', () => {
  for (const sql of [
    'CREATE TRIGGER t AFTER INSERT ON x\n    BEGIN SELECT 1; END',
    'CREATE TRIGGER t AFTER INSERT ON x WHEN NEW.a IS NULL OR (NEW.b = 1)\n    BEGIN SELECT 1; END',
    'CREATE TRIGGER t AFTER UPDATE OF a ON x\n    WHEN OLD.a IS NOT NEW.a\n    BEGIN SELECT 1; END',
  ])
    expect(words(unpaused(pausable(sql)))).toBe(words(sql));
  expect(() => unpaused('CREATE TRIGGER t AFTER INSERT ON x\n    BEGIN SELECT 1; END')).toThrow(/without the pause/);
});

it("0020 gives an older shop's derived-data triggers back their text without the pause and drops derived_pause; sales, voids and merges keep every total right", async () => {
  // the triggers as they were before migration 18 paused them
  const before18 = olderShop(18);
  const original = triggerSql(before18.db);
  before18.db.close();

  const { file, db: old } = olderShop(20);
  expect(Object.values(triggerSql(old)).filter((s) => s.includes('derived_pause'))).toHaveLength(DERIVED_TRIGGERS.length);
  old
    .prepare(
      "INSERT INTO customers (id, name, name_key, name_pinyin, name_initials, name_given, notes, created_at, updated_at) VALUES (1, '张三', '张三', 'zhangsan', 'zs', '三', '', 0, 0)",
    )
    .run();
  old.close();

  const ctx = openApp({ dbPath: file, clock });
  try {
    expect(ctx.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    const now = triggerSql(ctx.db);
    expect(Object.values(now).filter((s) => s.includes('derived_pause'))).toEqual([]);
    expect(ctx.db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'derived_pause'").get()).toEqual({ n: 0 });
    // migration 18's triggers read as before it, word for word; migration 19's have no WHEN at all
    for (const name of DERIVED_TRIGGERS) {
      if (original[name]) expect(words(now[name])).toBe(words(original[name]));
      else expect(now[name]).not.toMatch(/\bWHEN\b/);
    }

    const b = await dispatch('customers.create', { name: '李四' }, ctx);
    if (!b.ok) throw new Error('customers.create');
    const bId = (b.data as { id: number }).id;
    const sale = await dispatch('sales.record', { customerId: 1, amountMinor: 1200, isPromotion: true }, ctx);
    if (!sale.ok) throw new Error('sales.record');
    await dispatch('sales.record', { customerId: bId, amountMinor: 500 }, ctx);
    expect(ctx.db.prepare('SELECT customer_id, visits, promo_visits FROM visit_totals ORDER BY customer_id').all()).toEqual([
      { customer_id: 1, visits: 1, promo_visits: 1 },
      { customer_id: bId, visits: 1, promo_visits: 0 },
    ]);
    const shopDays = () =>
      ctx.db.prepare('SELECT day, sales, amount_minor, visits, deal_visits FROM shop_days ORDER BY day').all();
    expect(shopDays()).toEqual([{ day: expect.any(Number), sales: 2, amount_minor: 1700, visits: 2, deal_visits: 1 }]);
    await dispatch('sales.void', { id: (sale.data as { id: number }).id, reason: 'test' }, ctx);
    await dispatch('customers.merge', { keepId: 1, mergeId: bId }, ctx);
    const rows = () =>
      ctx.db
        .prepare('SELECT id, visits, sales_count, total_minor, first_visit_at, last_visit_at FROM customers ORDER BY id')
        .all();
    const kept = rows();
    ctx.db.exec(REFRESH_STATS_SQL);
    expect(kept).toEqual(rows());
    const keptDays = shopDays();
    ctx.db.exec(SHOP_DAY_VISITS_SQL);
    expect(keptDays).toEqual(shopDays());
    expect(keptDays).toEqual([{ day: expect.any(Number), sales: 1, amount_minor: 500, visits: 1, deal_visits: 0 }]);
    expect(ctx.db.prepare('SELECT customer_id, visits, spend_minor FROM visit_totals').all()).toEqual([
      { customer_id: 1, visits: 1, spend_minor: 500 },
    ]);
  } finally {
    closeApp(ctx);
  }
});

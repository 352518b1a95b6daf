import { afterEach, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../main/db/migrations';
import { CONDITIONS, withCondition } from '../../main/db/migrations/0023-pending-imports';
import { DERIVED_TRIGGERS, unpaused } from '../../main/db/migrations/0020-derived-unpause';
import { pausable } from '../../main/db/migrations/0018-derived-pause';
import { MERGED_INTO } from '../../main/db/migrations/0024-merged-insert-triggers';
import { openApp, closeApp } from '../../main/app';
import { cleanupAll, olderShop } from '../helpers/db';
import { saleVoidMergeKeepDerived } from '../helpers/derived-kept';

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
      "INSERT INTO main.customers (id, name, name_key, name_pinyin, name_initials, name_given, notes, created_at, updated_at) VALUES (1, '张三', '张三', 'zhangsan', 'zs', '三', '', 0, 0)",
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
    // (apart from the condition migration 23 gives some of them: a pending import's rows)
    // (the insert triggers migration 24 merges into one per table are gone: visit-days.test.ts)
    for (const name of DERIVED_TRIGGERS) {
      if (MERGED_INTO[name]) {
        expect(now[name]).toBeUndefined();
        continue;
      }
      const cond = CONDITIONS[name];
      if (original[name]) expect(words(now[name])).toBe(words(cond ? withCondition(original[name], cond) : original[name]));
      else expect(cond ? words(now[name])!.replace(words(`WHEN ${cond}`)!, '') : now[name]).not.toMatch(/\bWHEN\b/);
    }

    await saleVoidMergeKeepDerived(ctx);
  } finally {
    closeApp(ctx);
  }
});

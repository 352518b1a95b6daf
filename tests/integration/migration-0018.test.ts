import { afterEach, expect, it } from 'vitest';
import { LATEST_VERSION, migrations } from '../../main/db/migrations';
import { migrate } from '../../main/db/open';
import { PAUSABLE, pausable } from '../../main/db/migrations/0018-derived-pause';
import { openApp, closeApp } from '../../main/app';
import { cleanupAll, olderShop } from '../helpers/db';
import { saleVoidMergeKeepDerived } from '../helpers/derived-kept';

afterEach(cleanupAll);
const clock = { now: () => Date.parse('2026-03-10T02:00:00Z') };

it('pausable() adds the pause to a WHEN of its own, or to the one a trigger has, in brackets', () => {
  expect(pausable('CREATE TRIGGER t AFTER INSERT ON x\n    BEGIN SELECT 1; END')).toBe(
    'CREATE TRIGGER t AFTER INSERT ON x\n    WHEN NOT (SELECT paused FROM derived_pause WHERE id = 1)\n    BEGIN SELECT 1; END',
  );
  expect(pausable('CREATE TRIGGER t AFTER INSERT ON x WHEN NEW.a IS NULL OR NEW.b = 1\n BEGIN SELECT 1; END')).toBe(
    'CREATE TRIGGER t AFTER INSERT ON x WHEN (NEW.a IS NULL OR NEW.b = 1) AND NOT (SELECT paused FROM derived_pause WHERE id = 1)\n    BEGIN SELECT 1; END',
  );
});

it('0018 makes the derived-data triggers of an older shop pausable; unpaused, a sale, a void and a merge keep every total right', async () => {
  const { file, db: old } = olderShop(18);
  old
    .prepare(
      "INSERT INTO main.customers (id, name, name_key, name_pinyin, name_initials, name_given, notes, created_at, updated_at) VALUES (1, '张三', '张三', 'zhangsan', 'zs', '三', '', 0, 0)",
    )
    .run();
  // up to 18 only: migration 20 takes the pause away again
  migrate(
    old,
    file,
    migrations.filter((m) => m.version <= 18),
  );
  const sqlOf = (name: string) =>
    (old.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").get(name) as { sql: string }).sql;
  for (const name of PAUSABLE) expect(sqlOf(name)).toContain('NOT (SELECT paused FROM derived_pause WHERE id = 1)');
  expect(old.prepare('SELECT paused FROM derived_pause').all()).toEqual([{ paused: 0 }]);
  old.close();

  const ctx = openApp({ dbPath: file, clock });
  try {
    expect(ctx.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);

    await saleVoidMergeKeepDerived(ctx);
  } finally {
    closeApp(ctx);
  }
});

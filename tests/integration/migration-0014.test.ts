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

it('0014 keeps the imports a shop had as done and lists them', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-m14-'));
  dirs.push(dir);
  const file = path.join(dir, 'shop.db');
  const before = migrations.filter((m) => m.version < 14);
  const old = new Database(file);
  migrate(old, file, before);
  expect(old.pragma('user_version', { simple: true })).toBe(before[before.length - 1]!.version);
  old
    .prepare(
      `INSERT INTO imports (kind, file_name, file_sha256, encoding, rows_total, rows_imported, rows_skipped, mapping, options, created_at)
       VALUES ('sales', 'old.csv', 'abc', 'utf-8', 3, 3, 0, '{}', '{}', 1)`,
    )
    .run();
  old.close();

  const ctx = openApp({ dbPath: file, clock });
  try {
    expect(ctx.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(ctx.db.prepare('SELECT state, owner FROM imports').get()).toEqual({ state: 'done', owner: null });
    const r = await dispatch('import.list', {}, ctx);
    expect(r.ok && (r.data as { imports: unknown[] }).imports).toMatchObject([
      { fileName: 'old.csv', state: 'done', imported: 3 },
    ]);
  } finally {
    closeApp(ctx);
  }
});

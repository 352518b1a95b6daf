import { afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, closeApp } from '../../main/app';
import type { Ctx } from '../../main/ctx';
import { dispatch } from '../../main/api';

/**
 * Temporary shops for integration tests: each `fresh()` is a new migrated SQLite file in its own
 * folder, on a clock the test can move (`clock.now`); all are closed and deleted after each test.
 */
export function tempShops(start = Date.parse('2026-03-10T10:00:00+08:00')) {
  const dirs: string[] = [];
  const ctxs: Ctx[] = [];
  const clock = { now: start };
  afterEach(() => {
    ctxs.splice(0).forEach(closeApp);
    dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
    clock.now = start;
  });
  const fresh = (): Ctx => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-test-'));
    dirs.push(dir);
    const ctx = openApp({ dbPath: path.join(dir, 'shop.db'), clock: { now: () => clock.now } });
    ctxs.push(ctx);
    return ctx;
  };
  return { fresh, clock, dirOf: (ctx: Ctx) => path.dirname(ctx.dbPath) };
}

/** Calls the API like a transport does and returns the data, failing the test on an error reply. */
export async function ok<T = Record<string, unknown>>(ctx: Ctx, method: string, input: unknown = {}): Promise<T> {
  const r = await dispatch(method, input, ctx);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.data as T;
}

export const count = (ctx: Ctx, table: string): number =>
  (ctx.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

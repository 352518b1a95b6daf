import { expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, closeApp } from '../../main/app';
import type { Ctx } from '../../main/ctx';
import { dispatch } from '../../main/api';
import Database from 'better-sqlite3';
import { migrate } from '../../main/db/open';
import { migrations } from '../../main/db/migrations';
import type { Failure } from '../../shared/api/errors';

/** 2026-03-10 10:00 in Shanghai: the fixed "now" of the integration tests. */
export const FIXED_NOW = Date.parse('2026-03-10T10:00:00+08:00');

export interface TestShop {
  ctx: Ctx;
  /** the temporary folder holding shop.db (and backups/) */
  dir: string;
  /** the clock's current instant; assign to move time */
  clock: { now: number };
  /** closes the database and deletes the folder (safe to call twice) */
  cleanup(): void;
}

const open = new Set<TestShop>();

/**
 * A fresh, migrated shop in its own temp folder on a fixed (movable) clock. Call `cleanup()` or
 * `cleanupAll()` (e.g. in `afterEach`) to close and delete it.
 */
export function makeCtx(clockMs: number = FIXED_NOW): TestShop {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-'));
  const clock = { now: clockMs };
  const ctx = openApp({ dbPath: path.join(dir, 'shop.db'), clock: { now: () => clock.now } });
  const shop: TestShop = {
    ctx,
    dir,
    clock,
    cleanup() {
      open.delete(shop);
      closeApp(ctx);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  open.add(shop);
  return shop;
}

/** Closes and deletes every shop made by `makeCtx` that is still open. */
export function cleanupAll(): void {
  for (const s of [...open]) s.cleanup();
  for (const d of olderDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** Calls the API as a transport does; fails the test on an error reply and returns the data. */
export async function ok<T = Record<string, unknown>>(ctx: Ctx, method: string, input: unknown = {}): Promise<T> {
  const r = await dispatch(method, input, ctx);
  expect(r.ok, `${method} failed: ${JSON.stringify(r.ok ? null : r.error)}`).toBe(true);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.data as T;
}

/** Calls the API expecting a failure; fails the test on success and returns the error. */
export async function err(ctx: Ctx, method: string, input: unknown = {}): Promise<Failure['error']> {
  const r = await dispatch(method, input, ctx);
  expect(r.ok, `${method} unexpectedly succeeded: ${JSON.stringify(r.ok ? r.data : null)}`).toBe(false);
  if (r.ok) throw new Error(`${method} unexpectedly succeeded`);
  return r.error;
}

export const COUNTED_TABLES = ['customers', 'sales', 'audit_log', 'consents', 'consent_events', 'tags'] as const;
export type Counts = Record<(typeof COUNTED_TABLES)[number], number>;

/** Row counts of the tables a write would touch, to prove a refused call wrote nothing. */
export function counts(ctx: Ctx): Counts {
  const out = {} as Counts;
  for (const t of COUNTED_TABLES) out[t] = (ctx.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
  return out;
}

/** `call(ctx, method, input)`: the API answer's data, failing the test on an error reply (alias of `ok`). */
export const call = ok;
/** `failOf(ctx, method, input)`: the error of a call that must fail (alias of `err`). */
export const failOf = err;

/**
 * A shop file as an older app left it: migrated up to (not including) `version`, open for the test
 * to write its rows before the app opens it. Its folder goes with `cleanupAll`.
 */
export function olderShop(version: number): { file: string; db: Database.Database } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `regulars-m${version}-`));
  olderDirs.push(dir);
  const file = path.join(dir, 'shop.db');
  const db = new Database(file);
  migrate(
    db,
    file,
    migrations.filter((m) => m.version < version),
  );
  return { file, db };
}
const olderDirs: string[] = [];

import { test as base, expect, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The clock every e2e server runs on, so dates on screen are stable. */
export const NOW = '2026-03-10T10:00:00+08:00';
export const CLI = path.resolve('dist/cli/index.mjs');
export const env = { ...process.env, REGULARS_NOW: NOW, TZ: 'Asia/Shanghai' };

export interface Shop {
  /** address with the token, without a language */
  url: string;
  dbPath: string;
  /** opens a route (e.g. '/customers') in a language */
  open(page: Page, route?: string, lang?: 'en' | 'zh-CN'): Promise<void>;
  /** calls the API like the renderer does (to set up data a test needs) */
  api<T = unknown>(method: string, input?: unknown): Promise<T>;
}

export function startServe(dbPath: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', '--db', dbPath, '--port', '0'], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Regulars is running at (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

export const test = base.extend<{ shop: Shop; emptyShop: Shop }, { demoTemplate: string }>({
  // The browser's clock is the server's: whatever day or time zone the machine is in, every page
  // sees the same "now" (time zones and locale are fixed in playwright.config.ts).
  page: async ({ page }, use) => {
    await page.clock.setFixedTime(new Date(NOW));
    await use(page);
  },
  // One demo database per worker, its models fitted once; every test gets its own copy, so no test
  // sees another's data.
  demoTemplate: [demoTemplate(300, 3), { scope: 'worker' }],
  shop: async ({ demoTemplate }, use, testInfo) => serveCopy(demoTemplate, testInfo.outputPath('shop.db'), use),
  // eslint-disable-next-line no-empty-pattern
  emptyShop: async ({}, use, testInfo) => {
    const dbPath = testInfo.outputPath('empty.db');
    fs.mkdirSync(path.dirname(dbPath), { recursive: true });
    const { child, url } = await startServe(dbPath);
    await use(makeShop(url, dbPath));
    child.kill('SIGTERM');
  },
});

/** A worker-scoped fixture: a demo shop of `customers` customers over two years, made once per worker. */
export function demoTemplate(customers: number, seed: number) {
  // eslint-disable-next-line no-empty-pattern
  return async ({}, use: (db: string) => Promise<void>) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-e2e-'));
    const db = path.join(dir, 'template.db');
    const r = spawnSync(
      process.execPath,
      [CLI, 'demo', '--db', db, '--customers', String(customers), '--years', '2', '--seed', String(seed)],
      { env, encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`demo failed: ${r.stderr}`);
    await fitModelsOnce(db);
    await use(db);
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

/**
 * Opens a template once, as the app would, until the models a first start fits in the background
 * (the lapsed list's and Insights' checks) are fitted and stored in the file. Every test's copy then
 * starts as a shop opened before does, with its fits stored for the same data, instead of each
 * test's server fitting the same models again (up to 3 s of CPU per test on the 2-core CI machine).
 * Everything else a start does (integrity check, daily backup beside the copy) still runs per test.
 */
async function fitModelsOnce(db: string): Promise<void> {
  const { child, url } = await startServe(db);
  try {
    const shop = makeShop(url, db);
    await shop.api('lapsed.list', {});
    await shop.api('insights.checks', {});
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

/** Serves a copy of a template shop at `dbPath` for one test (the server stops when it ends). */
export async function serveCopy(template: string, dbPath: string, use: (shop: Shop) => Promise<void>): Promise<void> {
  fs.mkdirSync(path.dirname(dbPath), { recursive: true });
  fs.copyFileSync(template, dbPath);
  const { child, url } = await startServe(dbPath);
  await use(makeShop(url, dbPath));
  child.kill('SIGTERM');
}

export function makeShop(url: string, dbPath: string): Shop {
  return {
    url,
    dbPath,
    async open(page, route = '/counter', lang = 'en') {
      await page.goto(`${url}&lang=${lang}#${route}`);
    },
    async api<T>(method: string, input: unknown = {}) {
      const u = new URL(url);
      const res = await fetch(`${u.origin}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${u.searchParams.get('token')}` },
        body: JSON.stringify(input),
      });
      const reply = (await res.json()) as { ok: boolean; data?: T; error?: unknown };
      if (!reply.ok) throw new Error(`${method} failed: ${JSON.stringify(reply.error)}`);
      return reply.data as T;
    },
  };
}

export { expect };

import { soakSection } from './soak';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { openApp, closeApp } from '../main/app';
import type { Ctx } from '../main/ctx';
import { generateDemo } from '../main/services/demo/generate';
import { LATEST_VERSION } from '../main/db/open';
import { counterSection } from './counter';
import { dataSection } from './data';
import { insightsSection, lapsedSection } from './lapsed';
import { poolSection } from './pool';
import { shareSection } from './share';

/** The repository root (nearest folder up from here with package.json), so the cache is found from any working directory. */
function repoRoot(): string {
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

/** Everything the benchmark writes goes here (git-ignored). */
export const BENCH_DIR = path.join(repoRoot(), '.bench');
export const SHOP = path.join(BENCH_DIR, 'shop-100k.db');
/** The benchmark's clock: fixed, so the cached shop and every run agree on "today". */
export const BENCH_NOW = Date.parse('2026-03-10T10:00:00+08:00');

export interface Row {
  section: string;
  name: string;
  p50?: number;
  p95?: number;
  value?: string;
  target?: string;
  pass?: boolean;
}

/** p50/p95/max in ms of `fn` over `runs` calls, after a short warm-up. */
export async function measure(
  runs: number,
  fn: (i: number) => unknown | Promise<unknown>,
): Promise<{ p50: number; p95: number; max: number }> {
  for (let i = 0; i < Math.min(20, runs); i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  return { p50: q(0.5), p95: q(0.95), max: times[times.length - 1]! };
}

/** Deterministic pseudo-random integers for picking inputs. */
export function picker(seed: number) {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a % n;
  };
}

export const SHOP_CUSTOMERS = 100_000;

/** The cached shop is reused when it is of the latest schema and complete (a run stopped half-way leaves it empty). */
function cachedShopUsable(): boolean {
  if (!fs.existsSync(SHOP)) return false;
  try {
    const db = new Database(SHOP, { readonly: true, fileMustExist: true });
    try {
      const v = db.pragma('user_version', { simple: true }) as number;
      const n = (db.prepare('SELECT COUNT(*) AS n FROM customers').get() as { n: number }).n;
      return v === LATEST_VERSION && n === SHOP_CUSTOMERS;
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

/** Builds (or reuses) the 100,000-customer / ~2,000,000-sale shop; returns the generation time if it built one. */
export function ensureShop(fresh: boolean): Row[] {
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  if (!fresh && cachedShopUsable()) return [{ section: 'demo', name: 'demo shop (cached)', value: path.relative('.', SHOP) }];
  for (const f of [SHOP, SHOP + '-wal', SHOP + '-shm']) fs.rmSync(f, { force: true });
  const ctx = openApp({ dbPath: SHOP, clock: { now: () => BENCH_NOW } });
  let tenth = -1;
  const s = generateDemo(ctx.db, { customers: SHOP_CUSTOMERS, years: 3, seed: 1, now: BENCH_NOW }, (done, total) => {
    const t = Math.floor((done / total) * 10);
    if (t !== tenth) process.stderr.write(`  demo ${t * 10}%\n`);
    tenth = t;
  });
  ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  closeApp(ctx);
  return [
    {
      section: 'demo',
      name: `demo generation (${s.customers.toLocaleString('en')} customers, ${s.sales.toLocaleString('en')} sales, ${s.saleLines.toLocaleString('en')} lines)`,
      value: `${s.seconds.toFixed(1)} s`,
      // four million sale lines since the catalogue came: about 1.5× the time without them
      target: '≈ 90 s',
      pass: s.seconds <= 120,
    },
  ];
}

/** A scratch copy of the cached shop (or `from`) for benchmarks that write; no backups left from a run before. */
export function workCopy(name: string, from = SHOP): Ctx {
  const file = path.join(BENCH_DIR, name);
  for (const f of [file, file + '-wal', file + '-shm']) fs.rmSync(f, { force: true });
  fs.rmSync(path.join(BENCH_DIR, 'backups'), { recursive: true, force: true });
  fs.copyFileSync(from, file);
  return openApp({ dbPath: file, clock: { now: () => BENCH_NOW } });
}

/** The phone numbers a till searches by (the last four digits of the first 5,000 customers'). */
export function counterPhones(ctx: Ctx): string[] {
  return ctx.db
    .prepare('SELECT phone FROM customers WHERE phone IS NOT NULL AND merged_into_id IS NULL ORDER BY id LIMIT 5000')
    .pluck()
    .all() as string[];
}

export function openShop(): Ctx {
  return openApp({ dbPath: SHOP, clock: { now: () => BENCH_NOW } });
}

function printTable(rows: Row[]): void {
  const fmt = (n?: number) => (n === undefined ? '' : n < 10 ? n.toFixed(2) : n.toFixed(1));
  const table = [
    ['section', 'measure', 'p50 ms', 'p95 ms', 'value', 'target', ''],
    ...rows.map((r) => [
      r.section,
      r.name,
      fmt(r.p50),
      fmt(r.p95),
      r.value ?? '',
      r.target ?? '',
      r.pass === undefined ? '' : r.pass ? 'PASS' : 'MISS',
    ]),
  ];
  // East Asian characters take two columns in a terminal.
  const width = (s: string) => [...s].reduce((w, c) => w + (/[\u1100-\uffff]/.test(c) && !/[…≤≥≈—]/.test(c) ? 2 : 1), 0);
  const cols = table[0]!.map((_, i) => Math.max(...table.map((r) => width(r[i]!))));
  const numeric = new Set([2, 3]);
  const line = (r: string[]) =>
    r
      .map((c, i) => (numeric.has(i) ? ' '.repeat(cols[i]! - width(c)) + c : c + ' '.repeat(cols[i]! - width(c))))
      .join('  ')
      .trimEnd();
  console.log('\n' + [line(table[0]!), cols.map((w) => '-'.repeat(w)).join('  '), ...table.slice(1).map(line)].join('\n'));
  const missed = rows.filter((r) => r.pass === false);
  console.log(missed.length ? `\n${missed.length} measure(s) missed their target.` : '\nAll measures with a target met it.');
}

/** `extra`: sections registered by bench.ts (each runs after these, or alone with --only=NAME). */
export async function runBench(args: string[], extra: [string, () => Promise<Row[]>][] = []): Promise<void> {
  const fresh = args.includes('--fresh');
  const only = args.find((a) => a.startsWith('--only='))?.slice(7);
  console.log(`Regulars benchmark — Node ${process.version}, ${new Date().toISOString()}`);
  const rows: Row[] = [...ensureShop(fresh)];
  const sections: [string, () => Promise<Row[]>][] = [
    ['counter', counterSection],
    ['lapsed', lapsedSection],
    ['insights', insightsSection],
    ['data', dataSection],
    ['soak', soakSection],
    ['pool', () => poolSection()],
    ['share', () => shareSection(args)],
  ];
  for (const [name, run] of [...sections, ...extra]) {
    if (only && only !== name) continue;
    process.stderr.write(`running ${name}…\n`);
    rows.push(...(await run()));
  }
  printTable(rows);
}

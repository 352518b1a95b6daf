import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Reply } from '../shared/api/errors';
import { dispatch } from '../main/api';
import { closeApp, openApp } from '../main/app';
import { CORE_WORKER_FILE, createPool } from '../main/core/pool';
import { BENCH_DIR, BENCH_NOW, SHOP, picker, type Row } from './lib';

const SEARCH_P95_TARGET = 50;
const MAX_TARGET = 300;
/** a till does not search a thousand times a second: a short pause between calls */
const GAP_MS = 10;

type Call = (method: string, input: unknown) => Promise<Reply>;
interface Lat {
  search: number[];
  sale: number[];
}

const dist = () => path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
};

function rowsOf(phase: string, lat: Lat, base?: Lat): Row[] {
  return (['search', 'sale'] as const).flatMap((kind): Row[] => {
    const xs = lat[kind];
    if (!xs.length) return [];
    const max = Math.max(...xs);
    const p95 = q(xs, 0.95);
    const ref = base?.[kind].length ? `; baseline p95 ${q(base[kind], 0.95).toFixed(1)}` : '';
    return [
      {
        section: 'latency',
        name: `${kind} ${phase} (${xs.length} calls)`,
        p50: q(xs, 0.5),
        p95,
        value: `max ${max.toFixed(0)} ms${ref}`,
        // the targets: search p95 ≤ 50 ms, and every search and every sale ≤ 300 ms
        target: !base ? undefined : kind === 'search' ? `p95 ≤ ${SEARCH_P95_TARGET}, max ≤ ${MAX_TARGET}` : `max ≤ ${MAX_TARGET}`,
        pass: !base ? undefined : (kind === 'sale' || p95 <= SEARCH_P95_TARGET) && max <= MAX_TARGET,
      },
    ];
  });
}

/** A till: search, search, … and a sale every tenth call, until `busy` settles (at least `min` searches). */
async function till(call: Call, query: () => string, busy: Promise<unknown>, min: number): Promise<Lat> {
  let done = false;
  void busy.finally(() => (done = true));
  const lat: Lat = { search: [], sale: [] };
  for (let i = 0; !done || lat.search.length < min; i++) {
    let t = performance.now();
    const r = await call('customers.search', { query: query(), limit: 8 });
    if (!r.ok) throw new Error(`search failed: ${JSON.stringify(r.error)}`);
    lat.search.push(performance.now() - t);
    if (i % 10 === 0) {
      t = performance.now();
      const s = await call('sales.record', { amountMinor: 1500 + (i % 997) });
      if (!s.ok) throw new Error(`sale failed: ${JSON.stringify(s.error)}`);
      lat.sale.push(performance.now() - t);
    }
    await sleep(GAP_MS);
  }
  return lat;
}

/** A scratch copy of the shop with no stored model fits (the month's fits are made again) and no backups. */
function scratch(name: string, shopFile: string): string {
  const dir = path.join(BENCH_DIR, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'shop.db');
  fs.copyFileSync(shopFile, file);
  const ctx = openApp({ dbPath: file, clock: { now: () => BENCH_NOW } });
  ctx.db.exec('DELETE FROM model_fits');
  closeApp(ctx);
  return file;
}

/** The baseline: the same calls in-process on an idle connection (plain SQL behind `dispatch`, no pool, no HTTP). */
async function baseline(file: string, query: () => string): Promise<Lat> {
  const ctx = openApp({ dbPath: file, clock: { now: () => BENCH_NOW } });
  try {
    return await till((m, i) => dispatch(m, i, ctx), query, Promise.resolve(), 200);
  } finally {
    closeApp(ctx);
  }
}

/** Calls over HTTP as the browser makes them (keep-alive, bearer token); no client timeout: a slow answer is measured, not cut off. */
function httpCaller(url: URL, token: string): Call {
  const agent = new http.Agent({ keepAlive: true });
  return (method, input) =>
    new Promise<Reply>((resolve, reject) => {
      const body = JSON.stringify(input ?? {});
      const req = http.request(
        new URL(`/api/${method}`, url),
        {
          method: 'POST',
          agent,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Reply));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}

/**
 * (a) Start-up as a new user sees it: a real `regulars serve` child, driven over HTTP with its token
 * from the moment it prints its address, through its start-up checks (integrity check, the daily
 * backup's VACUUM INTO, the month's model fits). The checks are over when the heavy lane has
 * answered the list and the Insights checks they prepare.
 */
async function startup(file: string, query: () => string, base: Lat): Promise<Row[]> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(dist(), 'cli', 'index.mjs'), 'serve', '--db', file, '--port', '0'], {
    env: { ...process.env, REGULARS_NOW: String(BENCH_NOW) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  try {
    const url = await new Promise<URL>((resolve, reject) => {
      const lines = readline.createInterface({ input: child.stdout });
      lines.on('line', (l) => {
        const m = /running at (\S+)/.exec(l);
        if (m) resolve(new URL(m[1]!));
      });
      void exited.then((code) => reject(new Error(`regulars serve stopped (exit ${code}): ${stderr.slice(-500)}`)));
    });
    const tAddress = performance.now();
    const call = httpCaller(url, url.searchParams.get('token') ?? '');
    const first = await call('customers.search', { query: query(), limit: 8 });
    if (!first.ok) throw new Error(`first search failed: ${JSON.stringify(first.error)}`);
    const tFirst = performance.now();
    const checks = Promise.all([call('lapsed.list', {}), call('insights.checks', {})]);
    const lat = await till(call, query, checks, 50);
    const tChecked = performance.now();
    for (const r of await checks) if (!r.ok) throw new Error(`a start-up list failed: ${JSON.stringify(r.error)}`);
    const status = await call('shop.status', {});
    const health = status.ok ? (status.data as { health: string; backupWarning: string | null }) : null;
    const backups = fs.readdirSync(path.join(path.dirname(file), 'backups')).filter((f) => f.includes('daily'));
    const idle = await till(call, query, Promise.resolve(), 200);
    child.kill('SIGTERM');
    const code = await exited;
    const incidents = stderr.split('\n').filter((l) => /incident|stopped/.test(l));
    return [
      {
        section: 'latency',
        name: 'start-up: serve started → address printed',
        value: `${(tAddress - t0).toFixed(0)} ms`,
      },
      {
        section: 'latency',
        name: 'start-up: address printed → first search answered',
        value: `${(tFirst - tAddress).toFixed(0)} ms`,
        target: `≤ ${MAX_TARGET} ms`,
        pass: tFirst - tAddress <= MAX_TARGET,
      },
      {
        section: 'latency',
        name: `start-up checks in the background (health ${health?.health}, ${backups.length} daily backup)`,
        value: `${((tChecked - tAddress) / 1000).toFixed(1)} s`,
        pass: health?.health === 'ok' && health.backupWarning === null && backups.length === 1,
      },
      ...rowsOf('over HTTP during start-up', lat, base),
      ...rowsOf('over HTTP, idle after start-up', idle, base),
      {
        section: 'latency',
        name: 'shutdown (SIGTERM): exit code, incidents logged',
        value: `exit ${code}, ${incidents.length} incident(s)`,
        target: 'exit 0, none',
        pass: code === 0 && incidents.length === 0,
      },
    ];
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

/**
 * Counter latency (issue 13 §1): searches and sales through the worker pool exactly as the app runs
 * it, (a) from `regulars serve` printing its address through its start-up checks, (b) while the
 * heavy reader builds Lapsed and Insights cold, (c) during a backup; each beside the same calls
 * in-process on an idle connection, measured in the same run.
 */
export async function latencySection(shopFile = SHOP): Promise<Row[]> {
  const serveFile = scratch('latency-serve', shopFile);
  const phones = (() => {
    const ctx = openApp({ dbPath: serveFile, clock: { now: () => BENCH_NOW } });
    try {
      return ctx.db
        .prepare('SELECT phone FROM customers WHERE phone IS NOT NULL AND merged_into_id IS NULL ORDER BY id LIMIT 5000')
        .pluck()
        .all() as string[];
    } finally {
      closeApp(ctx);
    }
  })();
  const pick = picker(7);
  const query = () => phones[pick(phones.length)]!.slice(-4);

  const base = await baseline(scratch('latency-baseline', shopFile), query);
  const rows: Row[] = [...rowsOf('in-process, idle connection (baseline)', base)];
  rows.push(...(await startup(serveFile, query, base)));

  // (b) and (c): the pool in this process, as Electron's main process holds it.
  const file = scratch('latency-pool', shopFile);
  const clock = { now: () => BENCH_NOW };
  const pool = await createPool({
    dbPath: file,
    script: path.join(dist(), 'workers', CORE_WORKER_FILE),
    clock,
    role: 'bench',
    log: { error: () => {}, info: () => {} },
  });
  try {
    const call: Call = (m, i) => pool.dispatch(m, i);
    const t = performance.now();
    const cold = Promise.all([call('lapsed.list', {}), call('insights.overview', {}), call('insights.checks', {})]);
    rows.push(...rowsOf('through the pool while Lapsed + Insights build cold', await till(call, query, cold, 50), base));
    for (const r of await cold) if (!r.ok) throw new Error(`a cold list failed: ${JSON.stringify(r.error)}`);
    rows.push({
      section: 'latency',
      name: 'Lapsed + Insights cold on the heavy reader (model fits included)',
      value: `${(performance.now() - t).toFixed(0)} ms`,
    });
    const backup = call('backups.create', {});
    rows.push(...rowsOf('through the pool during a backup', await till(call, query, backup, 50), base));
    const b = await backup;
    if (!b.ok) throw new Error(`the backup failed: ${JSON.stringify(b.error)}`);
  } finally {
    await pool.close();
  }
  return rows;
}

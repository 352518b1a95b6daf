import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dispatch } from '../main/api';
import { closeApp } from '../main/app';
import { CORE_WORKER_FILE, createPool, type Pool } from '../main/core/pool';
import { BENCH_NOW, SHOP, counterPhones, picker, workCopy, type Row } from './lib';

const SEARCH_P95_TARGET = 50;
const MAX_TARGET = 300;

/** dist/bench/bench.mjs -> dist/workers/core-worker.mjs */
function workerScript(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'workers', CORE_WORKER_FILE);
}

interface Lat {
  search: number[];
  sale: number[];
}

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
};

function rowsOf(phase: string, lat: Lat): Row[] {
  const out: Row[] = [];
  for (const kind of ['search', 'sale'] as const) {
    const xs = lat[kind];
    if (!xs.length) continue;
    const max = Math.max(...xs);
    const p95 = q(xs, 0.95);
    out.push({
      section: 'pool',
      name: `${kind} ${phase} (${xs.length} calls)`,
      p50: q(xs, 0.5),
      p95,
      value: `max ${max.toFixed(0)} ms`,
      target: kind === 'search' ? `p95 ≤ ${SEARCH_P95_TARGET}, max ≤ ${MAX_TARGET}` : `max ≤ ${MAX_TARGET}`,
      pass: (kind === 'sale' || p95 <= SEARCH_P95_TARGET) && max <= MAX_TARGET,
    });
  }
  return out;
}

/**
 * The counter as the owner sees it (issue 13 §1): searches and sales through the worker pool, one
 * after another like a till, while the heavy reader builds Lapsed and Insights cold and while it
 * takes a backup, beside the same calls in-process on an idle connection (the plain baseline).
 */
export async function poolSection(shopFile = SHOP, script = workerScript()): Promise<Row[]> {
  const ctx = workCopy('pool-shop.db', shopFile);
  const file = ctx.dbPath;
  const clock = { now: () => BENCH_NOW };
  const phones = counterPhones(ctx);
  // models cold: the month's fit is made again by the first list
  ctx.db.exec('DELETE FROM model_fits');
  const pick = picker(7);
  const query = () => phones[pick(phones.length)]!.slice(-4);

  const rows: Row[] = [];
  const baseline: Lat = { search: [], sale: [] };
  for (let i = 0; i < 200; i++) {
    let t = performance.now();
    await dispatch('customers.search', { query: query(), limit: 8 }, ctx);
    baseline.search.push(performance.now() - t);
    if (i % 10 === 0) {
      t = performance.now();
      await dispatch('sales.record', { amountMinor: 1000 + i }, ctx);
      baseline.sale.push(performance.now() - t);
    }
  }
  rows.push(...rowsOf('in-process, idle (baseline)', baseline));
  closeApp(ctx);

  const pool: Pool = await createPool({ dbPath: file, script, clock, role: 'bench', log: { error: () => {}, info: () => {} } });
  try {
    /** A till: search, search, … and a sale every tenth call, until `busy` settles (at least `min` searches). */
    const till = async (busy: Promise<unknown>, min: number): Promise<Lat> => {
      let done = false;
      void busy.finally(() => (done = true));
      const lat: Lat = { search: [], sale: [] };
      for (let i = 0; !done || lat.search.length < min; i++) {
        let t = performance.now();
        const r = await pool.dispatch('customers.search', { query: query(), limit: 8 });
        if (!r.ok) throw new Error(`search failed: ${JSON.stringify(r.error)}`);
        lat.search.push(performance.now() - t);
        if (i % 10 === 0) {
          t = performance.now();
          const s = await pool.dispatch('sales.record', { amountMinor: 1500 + i });
          if (!s.ok) throw new Error(`sale failed: ${JSON.stringify(s.error)}`);
          lat.sale.push(performance.now() - t);
        }
      }
      return lat;
    };
    rows.push(...rowsOf('through the pool, idle', await till(Promise.resolve(), 200)));
    const t = performance.now();
    const cold = Promise.all([
      pool.dispatch('lapsed.list', {}),
      pool.dispatch('insights.overview', {}),
      pool.dispatch('insights.checks', {}),
    ]);
    rows.push(...rowsOf('while Lapsed + Insights build cold', await till(cold, 50)));
    rows.push({
      section: 'pool',
      name: 'Lapsed + Insights cold, on the heavy reader',
      value: `${(performance.now() - t).toFixed(0)} ms`,
    });
    rows.push(...rowsOf('during a backup', await till(pool.dispatch('backups.create', {}), 50)));
  } finally {
    await pool.close();
  }
  return rows;
}

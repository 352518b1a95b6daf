import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { closeApp } from '../main/app';
import { BENCH_DIR, BENCH_NOW, picker, workCopy, type Row } from './lib';

const SALES = Number(process.env.REGULARS_SOAK_SALES ?? 20_000);
const BLOCK = Math.min(2_000, SALES);
const SAVE_TARGET = 15;

/** Resident memory of a process in MB (Linux /proc; elsewhere not measured). */
function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

const q = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

/**
 * A day at the counter: browser mode on a copy of the 2-million-sale shop, 20,000 sales saved
 * through the HTTP API as the counter saves them — find the customer by the last digits of the
 * phone (each keystroke a search), then the sale, half of them with items from the catalogue —
 * with the server's latency per 2,000 sales and its memory at the start and the end.
 */
export async function soakSection(): Promise<Row[]> {
  const work = workCopy('work-soak.db');
  const sample = work.db
    .prepare('SELECT id, phone FROM customers WHERE phone IS NOT NULL AND merged_into_id IS NULL ORDER BY id')
    .all() as { id: number; phone: string }[];
  const products = work.db.prepare('SELECT id FROM products WHERE is_active = 1').pluck().all() as number[];
  closeApp(work);
  const file = path.join(BENCH_DIR, 'work-soak.db');
  const child = spawn(process.execPath, [path.resolve('dist/cli/index.mjs'), 'serve', '--db', file, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, REGULARS_NOW: new Date(BENCH_NOW).toISOString(), TZ: 'Asia/Shanghai' },
  });
  const url = await new Promise<URL>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Regulars is running at (\S+)/.exec(out);
      if (m) resolve(new URL(m[1]!));
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${url.searchParams.get('token')}` };
  const call = async (method: string, input: unknown) => {
    const r = (await (
      await fetch(`${url.origin}/api/${method}`, { method: 'POST', headers, body: JSON.stringify(input) })
    ).json()) as {
      ok: boolean;
    };
    if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r)}`);
  };
  // Let start-up (integrity check, model preparation) settle before measuring.
  await new Promise((r) => setTimeout(r, 15_000));
  const pick = picker(99);
  const startRss = rssMb(child.pid!);
  const rows: Row[] = [];
  const all: number[] = [];
  const searches: number[] = [];
  let block: number[] = [];
  let firstBlockRss: number | null = null;
  for (let i = 0; i < SALES; i++) {
    const c = sample[pick(sample.length)]!;
    const digits = c.phone.slice(-4);
    for (let k = 2; k <= 4; k++) {
      const t = performance.now();
      await call('customers.search', { query: digits.slice(0, k), limit: 8 });
      searches.push(performance.now() - t);
    }
    const walkIn = pick(6) === 0;
    const withItems = pick(2) === 0;
    const input = withItems
      ? {
          customerId: walkIn ? null : c.id,
          lines: Array.from({ length: 1 + pick(5) }, (_, k) => ({
            productId: products[(pick(products.length) + k) % products.length]!,
            quantity: 1 + pick(2),
          })),
        }
      : { customerId: walkIn ? null : c.id, amountMinor: (20 + pick(400)) * 100 };
    const t = performance.now();
    await call('sales.record', input);
    const ms = performance.now() - t;
    block.push(ms);
    all.push(ms);
    if (block.length === BLOCK) {
      block.sort((a, b) => a - b);
      const rss = rssMb(child.pid!);
      firstBlockRss ??= rss;
      rows.push({
        section: 'soak',
        name: `sales ${i + 2 - BLOCK}–${i + 1}: save a sale over HTTP`,
        p50: q(block, 0.5),
        p95: q(block, 0.95),
        value: `max ${block[block.length - 1]!.toFixed(1)} ms${rss === null ? '' : `, server ${rss.toFixed(0)} MB`}`,
      });
      block = [];
    }
  }
  all.sort((a, b) => a - b);
  searches.sort((a, b) => a - b);
  const endRss = rssMb(child.pid!);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rows.push({
    section: 'soak',
    name: `all ${SALES.toLocaleString('en')} sales (half with 1–5 items), after 3 searches each`,
    p50: q(all, 0.5),
    p95: q(all, 0.95),
    value: `max ${all[all.length - 1]!.toFixed(1)} ms`,
    target: `p95 < ${SAVE_TARGET} ms`,
    pass: q(all, 0.95) < SAVE_TARGET,
  });
  rows.push({
    section: 'soak',
    name: 'counter searches in between (phone digits)',
    p50: q(searches, 0.5),
    p95: q(searches, 0.95),
  });
  if (startRss !== null && endRss !== null && firstBlockRss !== null)
    rows.push({
      section: 'soak',
      name: 'server memory: at start → after the first 2,000 → at the end',
      value: `${startRss.toFixed(0)} → ${firstBlockRss.toFixed(0)} → ${endRss.toFixed(0)} MB`,
      // bounded: the last 18,000 sales add less than a quarter to what the first 2,000 left
      target: 'end ≤ 1.25 × after 2,000',
      pass: endRss <= firstBlockRss * 1.25,
    });
  return rows;
}

import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { CORE_WORKER_FILE, createPool } from '../main/core/pool';
import { certificateFiles } from '../main/share/cert';
import { openShareHost } from '../main/share/setup';
import { BENCH_DIR, BENCH_NOW, SHOP, picker, type Row } from './lib';

const P95_TARGET = 30;
/** the run: 10 minutes; `--share-seconds N` for a quicker look */
const DEFAULT_SECONDS = 600;
/** a busy till at rush hour: a search and a sale every moment, not a flood */
const PAUSE_MS = 150;

const here = path.dirname(fileURLToPath(import.meta.url));
const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
};

interface Client {
  name: string;
  agent: https.Agent;
  cookie: string;
}

/**
 * Two tills and the owner's phone (issue 18) on the 100k / 2M-sale shop, each over its own HTTPS
 * connection to `regulars serve --share` (the same ShareHost, pool and listener, in this process):
 * each searches and saves, one after another, for `--share-seconds` (default 10 minutes). Every
 * 25th save is sent twice with the same idempotency key, as a till retrying after a lost answer.
 * Prints save and search p95 (target ≤ 30 ms) and checks that every acknowledged sale is in the
 * file exactly once.
 */
export async function shareSection(args: string[] = []): Promise<Row[]> {
  const flag = args.find((a) => a.startsWith('--share-seconds='))?.slice('--share-seconds='.length);
  const seconds = flag ? Math.max(1, Number(flag)) : DEFAULT_SECONDS;
  const file = path.join(BENCH_DIR, 'share-shop.db');
  for (const f of [file, file + '-wal', file + '-shm', ...Object.values(certificateFiles(file))]) fs.rmSync(f, { force: true });
  fs.copyFileSync(SHOP, file);
  const clock = { now: () => BENCH_NOW };
  const log = { error: (m: string, e?: unknown) => console.error(m, e), info: () => {} };
  const workerDir = path.resolve(here, '..', 'workers');
  const pool = await createPool({
    dbPath: file,
    script: path.join(workerDir, CORE_WORKER_FILE),
    workerDir,
    clock,
    role: 'bench',
    log,
  });
  const host = await openShareHost({
    dispatch: (m, i, meta) => pool.dispatch(m, i, meta),
    dbPath: file,
    staticDir: path.resolve(here, '..', 'renderer'),
    clock,
    log,
  });
  const owner = (m: string, i: unknown) => host.local(m, i);
  try {
    const status = await host.start('127.0.0.1', 0);
    const base = status.url!;
    const ca = fs.readFileSync(certificateFiles(file).cert, 'utf8');
    if (new X509Certificate(ca).fingerprint256 !== status.fingerprint) throw new Error('not the certificate printed');
    const post = (c: { agent: https.Agent; cookie?: string }, method: string, input: unknown) =>
      new Promise<{ status: number; body: { ok: boolean; data?: unknown }; cookie: string | null }>((resolve, reject) => {
        const body = JSON.stringify(input);
        const req = https.request(
          `${base}/api/${method}`,
          {
            method: 'POST',
            agent: c.agent,
            headers: { 'Content-Type': 'application/json', Origin: base, ...(c.cookie ? { Cookie: c.cookie } : {}) },
          },
          (res) => {
            let text = '';
            res.on('data', (d: Buffer) => (text += d.toString()));
            res.on('end', () =>
              resolve({
                status: res.statusCode!,
                body: JSON.parse(text),
                cookie: res.headers['set-cookie']?.[0]?.split(';')[0] ?? null,
              }),
            );
          },
        );
        req.once('error', reject);
        req.end(body);
      });

    const clients: Client[] = [];
    for (const [name, role, pin] of [
      ['till 1', 'cashier', '1111'],
      ['till 2', 'cashier', '2222'],
      ['phone', 'owner', '3333'],
    ] as const) {
      const s = await owner('staff.create', { name: `bench ${name}` });
      const id = (s as { data: { id: number } }).data.id;
      await owner('staff.setAccess', { id, role, pin });
      const code = (await host.newPairing()).code;
      const agent = new https.Agent({ ca, keepAlive: true, maxSockets: 1 });
      const paired = await post({ agent }, 'device.pair', { code, name });
      if (!paired.cookie) throw new Error(`pairing ${name} failed: ${JSON.stringify(paired.body)}`);
      const signed = await post({ agent, cookie: paired.cookie }, 'device.signIn', { staffId: id, pin });
      if (!signed.body.ok) throw new Error(`sign-in on ${name} failed`);
      clients.push({ name, agent, cookie: paired.cookie });
    }

    const reader = new Database(file, { readonly: true });
    const phones = reader
      .prepare('SELECT phone FROM customers WHERE phone IS NOT NULL AND merged_into_id IS NULL ORDER BY id LIMIT 5000')
      .pluck()
      .all() as string[];
    reader.close();
    // the same calls straight into the pool (no HTTPS, no device check), one client, as a baseline
    const direct = { search: [] as number[], save: [] as number[] };
    const bp = picker(99);
    for (let i = 0; i < 100; i++) {
      let t = performance.now();
      await pool.dispatch('customers.search', { query: phones[bp(phones.length)]!.slice(-4), limit: 8 });
      direct.search.push(performance.now() - t);
      t = performance.now();
      await pool.dispatch('sales.record', { amountMinor: 1000 + i, note: `baseline-${i}` });
      direct.save.push(performance.now() - t);
    }
    const search: number[] = [];
    const save: number[] = [];
    const acked = new Map<string, number>();
    let failures = 0;
    const until = performance.now() + seconds * 1000;
    process.stderr.write(`  share: 3 clients over HTTPS for ${seconds} s\n`);
    await Promise.all(
      clients.map(async (c, ci) => {
        const pick = picker(101 + ci);
        for (let i = 0; performance.now() < until; i++) {
          let t = performance.now();
          const found = await post(c, 'customers.search', { query: phones[pick(phones.length)]!.slice(-4), limit: 8 });
          search.push(performance.now() - t);
          const hits = (found.body.data ?? []) as { id: number }[];
          const key = `bench-${ci}-${i}`;
          const sale = { customerId: hits[0]?.id ?? null, amountMinor: 1000 + pick(9000), note: key, idempotencyKey: key };
          t = performance.now();
          const r = await post(c, 'sales.record', sale);
          save.push(performance.now() - t);
          if (!r.body.ok) failures++;
          else acked.set(key, (r.body.data as { id: number }).id);
          if (i % 25 === 0) {
            const again = await post(c, 'sales.record', sale);
            if (!again.body.ok || (again.body.data as { id: number }).id !== acked.get(key)) failures++;
          }
          await new Promise((r2) => setTimeout(r2, PAUSE_MS));
        }
      }),
    );
    clients.forEach((c) => c.agent.destroy());

    const check = new Database(file, { readonly: true });
    const rows = check.prepare("SELECT id, note FROM sales WHERE note LIKE 'bench-%'").all() as { id: number; note: string }[];
    check.close();
    const inFile = new Map(rows.map((r) => [r.note, r.id]));
    const lost = [...acked].filter(([k, id]) => inFile.get(k) !== id).length;
    const duplicated = rows.length - inFile.size;
    const extra = rows.length - acked.size;
    const ok = lost === 0 && duplicated === 0 && extra === 0 && failures === 0;
    const p = (xs: number[]) => ({ p50: q(xs, 0.5), p95: q(xs, 0.95) });
    return [
      {
        section: 'share',
        name: `save over HTTPS, 2 tills + phone, ${seconds} s (${save.length} saves)`,
        ...p(save),
        target: `p95 ≤ ${P95_TARGET}`,
        pass: q(save, 0.95) <= P95_TARGET,
      },
      {
        section: 'share',
        name: `search over HTTPS, 2 tills + phone (${search.length} searches)`,
        ...p(search),
        target: `p95 ≤ ${P95_TARGET}`,
        pass: q(search, 0.95) <= P95_TARGET,
      },
      { section: 'share', name: 'save through the pool, no HTTPS (baseline, 100 calls)', ...p(direct.save) },
      { section: 'share', name: 'search through the pool, no HTTPS (baseline, 100 calls)', ...p(direct.search) },
      {
        section: 'share',
        name: 'nothing lost (acknowledged sales in the file, once each; retries saved once)',
        value: `${acked.size} acknowledged, ${rows.length} in file, ${lost} lost, ${duplicated} duplicated, ${failures} failed`,
        target: '0 lost, 0 duplicated',
        pass: ok,
      },
    ];
  } finally {
    await host.stop();
    await pool.close();
  }
}

import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Reply } from '../../shared/api/errors';
import { createPool, type Pool, type PoolOptions } from '../../main/core/pool';
import { WRITE_STEPS } from '../../main/core/write-steps';
import { SMALL_UPLOAD_BASE64 } from '../../main/core/routes';
import { openApp, closeApp } from '../../main/app';
import { dispatch } from '../../main/api';
import { startServer } from '../../main/server/server';
import { poolHarness } from '../helpers/core-worker';

/**
 * Issue 13, "one writer owns every write": a call on a reader lane hands its write to the writer
 * lane as a write step (main/core/write-step.ts). An export of many customers with offers builds
 * its segment, messages and file on the heavy reader and writes in one short transaction on the
 * writer, so the counter's sales are not held up by it; an upload is checked and decoded on the
 * heavy reader, not on the writer lane where the counter's sales queue.
 */
const harness = poolHarness();
const { dirs, pools } = harness;
const quiet = { error: () => {}, info: () => {} };

/** A shop with `customers` customers who agreed to SMS (imported in-process), opened in a pool. */
async function shop(customers = 0, extra: Partial<PoolOptions> = {}): Promise<{ pool: Pool; file: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-steps-'));
  dirs.push(dir);
  const file = path.join(dir, 'shop.db');
  if (customers > 0) {
    const ctx = openApp({ dbPath: file, clock: { now: () => Date.now() } });
    const lines = ['name,phone,consent_sms'];
    for (let i = 0; i < customers; i++) lines.push(`客户${i},139${String(i).padStart(8, '0')},yes`);
    fs.writeFileSync(path.join(dir, 'customers.csv'), lines.join('\n') + '\n');
    const r = await dispatch('import.file', { path: path.join(dir, 'customers.csv'), options: { kind: 'customers' } }, ctx, {
      local: true,
    });
    closeApp(ctx);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  const pool = await createPool({
    dbPath: file,
    script: harness.script,
    workerDir: path.dirname(harness.script),
    log: quiet,
    role: 'test',
    ...extra,
  });
  pools.push(pool);
  return { pool, file };
}

async function ok<T = Record<string, unknown>>(pool: Pool, method: string, input: unknown = {}, meta = {}): Promise<T> {
  const r = await pool.dispatch(method, input, meta);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.data as T;
}

const read = <T>(file: string, sql: string, ...params: unknown[]): T[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
};

const OFFER = { kind: 'amount_off', value: 2000, minSpendMinor: 10000, expiresOn: '2099-12-31' } as const;

describe('write steps', () => {
  it('are named once each (the writer runs a step by its name)', () => {
    const names = WRITE_STEPS.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('an export of many customers with offers', () => {
  it('lets the counter record its sales while the export is built, then writes every offer at once', async () => {
    const N = 5000;
    const { pool, file } = await shop(N);
    await ok(pool, 'sales.record', { amountMinor: 100 });
    const started = performance.now();
    let finished = 0;
    const exported = pool.dispatch('exports.contacts', {
      segment: 'all',
      channel: 'sms',
      format: 'xlsx',
      message: true,
      offer: OFFER,
    });
    void exported.then(() => (finished = performance.now()));
    const waits: number[] = [];
    while (!finished) {
      const t = performance.now();
      const sale = await pool.dispatch('sales.record', { amountMinor: 1000 });
      expect(sale.ok).toBe(true);
      waits.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 5));
    }
    const r = (await exported) as Reply<{ campaign: { id: number }; offers: number }>;
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const took = finished - started;
    // Before, the offers were issued one by one, the messages built and the campaign written inside
    // one write transaction on the heavy reader (nice 10): a sale waited for most of the export
    // (8.2 of 11.5 s for 10,000 customers). Now only the write's own transaction can hold a sale up.
    expect(waits.length).toBeGreaterThan(0);
    // (measured: the longest sale 6–9 % of the export's time now, 65 % before on this test's shop)
    const longest = Math.max(...waits);
    expect(longest, `the longest sale ${longest.toFixed(0)} ms of ${took.toFixed(0)}`).toBeLessThan(took / 4);
    expect(r.data.offers).toBe(N);
    const [offers] = read<{ n: number; codes: number; customers: number }>(
      file,
      'SELECT COUNT(*) AS n, COUNT(DISTINCT code) AS codes, COUNT(DISTINCT customer_id) AS customers FROM offers WHERE campaign_id = ?',
      r.data.campaign.id,
    );
    expect(offers).toEqual({ n: N, codes: N, customers: N });
    const [members] = read<{ n: number; messages: number }>(
      file,
      'SELECT COUNT(*) AS n, COUNT(message) AS messages FROM campaign_members WHERE campaign_id = ?',
      r.data.campaign.id,
    );
    expect(members).toEqual({ n: N, messages: N });
    const logged = read<{ action: string; n: number }>(
      file,
      "SELECT action, COUNT(*) AS n FROM audit_log WHERE action IN ('offer.issue', 'export.contacts') GROUP BY action ORDER BY action",
    );
    expect(logged).toEqual([
      { action: 'export.contacts', n: 1 },
      { action: 'offer.issue', n: N },
    ]);
  });

  it("writes on the writer lane as the caller: the device and staff member are named in the export's log entries", async () => {
    const { pool, file } = await shop(3);
    const actor = { device: 'Till 2', staff: 'Ana' };
    const r = await ok<{ campaign: { id: number } }>(
      pool,
      'exports.contacts',
      { segment: 'all', channel: 'sms', format: 'csv', offer: OFFER },
      { actor },
    );
    const rows = read<{ action: string; device: string; staff: string; detail: string }>(
      file,
      "SELECT action, device, staff, detail FROM audit_log WHERE action IN ('offer.issue', 'export.contacts') ORDER BY id",
    );
    expect(rows.map((x) => [x.action, x.device, x.staff])).toEqual([
      ['offer.issue', 'Till 2', 'Ana'],
      ['offer.issue', 'Till 2', 'Ana'],
      ['offer.issue', 'Till 2', 'Ana'],
      ['export.contacts', 'Till 2', 'Ana'],
    ]);
    // each offer's entry as an offer issued alone has it
    const offer = read<{ id: number; customer_id: number }>(file, 'SELECT id, customer_id FROM offers ORDER BY id')[0]!;
    expect(JSON.parse(rows[0]!.detail)).toEqual({ customerId: offer.customer_id, kind: 'amount_off', value: 2000 });
    expect(JSON.parse(rows[3]!.detail)).toMatchObject({ segment: 'all', offers: 3, to: 'download' });
    expect(r.campaign.id).toBeGreaterThan(0);
  });
});

describe('an upload', () => {
  it('is checked and decoded off the writer lane when it is big: a sale sent with it does not wait for it', async () => {
    // the test-only stall stands in for checking and decoding a big upload where import.start runs
    const { pool } = await shop(0, { slowMethods: { 'import.start': 4000 } });
    const rows = ['phone,date,amount'];
    for (let i = 0; i < 32_000; i++) rows.push(`139${String(i).padStart(8, '0')},2026-01-15,35`);
    const data = Buffer.from(rows.join('\n') + '\n').toString('base64');
    expect(data.length).toBeGreaterThan(SMALL_UPLOAD_BASE64);
    const order: string[] = [];
    const start = pool
      .dispatch('import.start', { fileName: 'sales.csv', data, kind: 'sales', dryRun: true })
      .then((r) => (order.push('import.start'), r));
    const sale = pool.dispatch('sales.record', { amountMinor: 500 }).then((r) => (order.push('sale'), r));
    const [s, j] = await Promise.all([sale, start]);
    expect(s.ok).toBe(true);
    expect(j).toMatchObject({ ok: true, data: { state: 'running' } });
    expect(order).toEqual(['sale', 'import.start']);
    // the job lives on the writer lane, where import.status asks
    let state = 'running';
    for (let i = 0; i < 300 && state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      state = (await ok<{ state: string }>(pool, 'import.status', { id: (j as { data: { id: string } }).data.id })).state;
    }
    expect(state).toBe('done');
  });

  it('that is not base64 gets the same validation error as before, and starts nothing', async () => {
    const { pool } = await shop();
    const bad = await pool.dispatch('import.start', { fileName: 'bad.csv', data: 'not*base64!', kind: 'sales' });
    expect(bad).toEqual({ ok: false, error: { code: 'VALIDATION', issues: [{ path: ['data'], message: 'invalid' }] } });
    expect(await ok<{ imports: unknown[] }>(pool, 'import.list')).toEqual({ imports: [] });
  });
});

describe('an upload over HTTP (browser mode)', () => {
  const post = (server: { port: number; token: string }, method: string, body: string) =>
    fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
      body,
    }).then((r) => r.json() as Promise<Reply>);

  it('reaches the lane unread: the HTTP thread hands its body over as bytes, other calls as they parse', async () => {
    const seen: [string, unknown][] = [];
    const server = await startServer({
      call: (m, i) => (seen.push([m, i]), Promise.resolve({ ok: true, data: null })),
      staticDir: os.tmpdir(),
      port: 0,
    });
    try {
      const upload = JSON.stringify({ fileName: 'a.csv', data: Buffer.from('phone\n1\n').toString('base64'), kind: 'sales' });
      await post(server, 'import.start', upload);
      await post(server, 'customers.search', '{"query":"王"}');
    } finally {
      await server.close();
    }
    expect(seen[0]![1]).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(seen[0]![1] as Uint8Array).toString('utf8')).toContain('"fileName":"a.csv"');
    expect(seen[1]).toEqual(['customers.search', { query: '王' }]);
  });

  it('is parsed and checked where it runs, with the errors it always had', async () => {
    const { pool } = await shop();
    const server = await startServer({ call: (m, i) => pool.dispatch(m, i), staticDir: os.tmpdir(), port: 0 });
    try {
      expect(await post(server, 'import.start', '{"fileName": "a.csv", "data": ')).toEqual({
        ok: false,
        error: { code: 'VALIDATION', issues: [{ path: [], message: 'invalid_json' }] },
      });
      expect(
        await post(server, 'import.start', JSON.stringify({ fileName: 'a.csv', data: 'not*base64', kind: 'sales' })),
      ).toEqual({
        ok: false,
        error: { code: 'VALIDATION', issues: [{ path: ['data'], message: 'invalid' }] },
      });
      const csv = Buffer.from('name,phone\n张三,13912345678\n').toString('base64');
      const preview = await post(server, 'import.preview', JSON.stringify({ fileName: 'a.csv', data: csv, kind: 'customers' }));
      expect(preview).toMatchObject({ ok: true, data: { rows: 1 } });
      // a big one too, through the heavy reader
      const rows = ['name,phone'];
      for (let i = 0; i < 40_000; i++) rows.push(`客户${i},139${String(i).padStart(8, '0')}`);
      const big = Buffer.from(rows.join('\n') + '\n').toString('base64');
      expect(big.length).toBeGreaterThan(SMALL_UPLOAD_BASE64);
      const job = await post(
        server,
        'import.start',
        JSON.stringify({ fileName: 'b.csv', data: big, kind: 'customers', dryRun: true }),
      );
      expect(job).toMatchObject({ ok: true, data: { state: 'running' } });
    } finally {
      await server.close();
    }
  });
});

describe("a reader lane's own writes go to the writer lane", () => {
  it("a customer's data export is logged (as the caller) before it is answered; a backup's and a model fit's lines follow", async () => {
    const { pool, file } = await shop(2);
    const actor = { device: 'Till 2', staff: 'Ana' };
    await ok(pool, 'customers.exportData', { id: 1 }, { actor });
    expect(read(file, "SELECT entity_id, device, staff, detail FROM audit_log WHERE action = 'customer.export'")).toEqual([
      { entity_id: 1, device: 'Till 2', staff: 'Ana', detail: '{"to":"download"}' },
    ]);
    const backup = await ok<{ file: string }>(pool, 'backups.create');
    await ok(pool, 'lapsed.list');
    // handed over without waiting: the writer lane writes them next, before a later call of its own
    await ok(pool, 'settings.update', { shopName: 'Noodles' });
    const backups = read<{ detail: string }>(file, "SELECT detail FROM audit_log WHERE action = 'backup'");
    expect(backups.map((b) => JSON.parse(b.detail) as unknown)).toContainEqual({ reason: 'manual', to: backup.file });
    expect(read<{ n: number }>(file, 'SELECT COUNT(*) AS n FROM model_fits')[0]!.n).toBeGreaterThan(0);
  });
});

import { describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { contract } from '../../shared/api/contract';
import type { Reply } from '../../shared/api/errors';
import { createPool, type Pool, type PoolOptions } from '../../main/core/pool';
import { LANES, ROUTES, SMALL_UPLOAD_BASE64, laneFor } from '../../main/core/routes';
import { poolHarness } from '../helpers/core-worker';
import { LaneWorker, type LaneHost } from '../../main/core/lane-worker';
import { encodedText } from '../../main/core/encoded-reply';
import { startServer } from '../../main/server/server';

/**
 * Issue 13 section 1, the core in workers: a writer, a counter reader and a heavy reader, each a
 * worker thread with its own connection to a real SQLite file. The counter is answered while the
 * heavy reader is busy; a worker that dies is started again; every contract method has a lane.
 */
const harness = poolHarness();
const { dirs, pools } = harness;
const quiet = { error: () => {}, info: () => {} };
const NOW = Date.parse('2026-03-10T10:00:00+08:00');

async function shop(extra: Partial<PoolOptions> = {}): Promise<{ pool: Pool; file: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-pool-'));
  dirs.push(dir);
  const file = path.join(dir, 'shop.db');
  const pool = await createPool({
    dbPath: file,
    script: harness.script,
    clock: { now: () => NOW },
    log: quiet,
    role: 'test',
    ...extra,
  });
  pools.push(pool);
  return { pool, file };
}

async function ok<T = Record<string, unknown>>(pool: Pool, method: string, input: unknown = {}): Promise<T> {
  const r = await pool.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.data as T;
}

/** The state an import job ends in, asked every 100 ms, at most `polls` times ('running' if it has not ended by then). */
async function importEnds(pool: Pool, id: string, polls: number): Promise<string> {
  let state = 'running';
  for (let i = 0; i < polls && state === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 100));
    state = (await ok<{ state: string }>(pool, 'import.status', { id })).state;
  }
  return state;
}

describe('routing', () => {
  it('sends every contract method to a lane, and names no method the contract lacks', () => {
    const methods = Object.keys(contract).sort();
    expect(Object.keys(ROUTES).sort()).toEqual(methods);
    for (const m of methods) expect(LANES).toContain(ROUTES[m as keyof typeof ROUTES]);
  });

  it('keeps the counter on its own lane: its searches and sales are never behind a list or a fit', () => {
    for (const m of ['customers.search', 'customers.get', 'products.list', 'shop.status', 'sales.today'] as const)
      expect(ROUTES[m]).toBe('counter');
    for (const m of ['sales.record', 'customers.create', 'import.start', 'import.status', 'import.cancel'] as const)
      expect(ROUTES[m]).toBe('writer');
    for (const m of ['lapsed.list', 'insights.overview', 'backups.create', 'db.integrityCheck', 'import.preview'] as const)
      expect(ROUTES[m]).toBe('heavy');
  });

  it('checks and decodes a big upload on the heavy reader, a small one where its job lives', () => {
    const upload = (chars: number) => ({ fileName: 'a.csv', kind: 'sales', data: 'A'.repeat(chars) });
    expect(laneFor('import.start', upload(10))).toBe('writer');
    expect(laneFor('import.start', upload(SMALL_UPLOAD_BASE64))).toBe('writer');
    expect(laneFor('import.start', upload(SMALL_UPLOAD_BASE64 + 4))).toBe('heavy');
    // what the schema refuses anyway goes where it always went
    expect(laneFor('import.start', { data: 42 })).toBe('writer');
    expect(laneFor('import.start', null)).toBe('writer');
    expect(laneFor('sales.record', upload(SMALL_UPLOAD_BASE64 + 4))).toBe('writer');
  });

  it('refuses an unknown method without a trip to a worker', async () => {
    const { pool } = await shop();
    expect(await pool.dispatch('db.drop', {})).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await pool.dispatch(42, {})).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    // validation happens in the worker's dispatch, with the same envelope as in-process
    expect(await pool.dispatch('customers.create', { name: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('the counter comes first', () => {
  it('answers searches and sales while the heavy reader is busy with a long Lapsed build', async () => {
    // the test-only stall stands in for a cold model fit on a big shop (never reachable through the API)
    const { pool } = await shop({ slowMethods: { 'lapsed.list': 2500 } });
    const c = await ok<{ id: number }>(pool, 'customers.create', { name: '王芳', phone: '13800138000' });
    const order: string[] = [];
    const heavy = pool.dispatch('lapsed.list', {}).then((r) => {
      order.push('lapsed.list');
      return r;
    });
    const counter: Promise<Reply>[] = [];
    for (let i = 0; i < 5; i++) {
      counter.push(pool.dispatch('customers.search', { query: '王' }).then((r) => (order.push('search'), r)));
      counter.push(
        pool.dispatch('sales.record', { amountMinor: 1000 + i, customerId: c.id }).then((r) => (order.push('sale'), r)),
      );
    }
    counter.push(pool.dispatch('shop.status', {}).then((r) => (order.push('status'), r)));
    const replies = await Promise.all(counter);
    for (const r of replies) expect(r.ok).toBe(true);
    // every counter call was answered while the heavy call was still running
    expect(order).not.toContain('lapsed.list');
    expect((await heavy).ok).toBe(true);
    expect(order.at(-1)).toBe('lapsed.list');
    const found = await ok<{ id: number }[]>(pool, 'customers.search', { query: '王' });
    expect(found.map((f) => f.id)).toEqual([c.id]);
    expect(await ok(pool, 'shop.status')).toMatchObject({ sales: 5 });
  });

  it('shares one clock: every lane starts from the main thread\'s "now" and runs on with real time', async () => {
    const { pool } = await shop();
    const sale = await ok<{ occurredAt: number }>(pool, 'sales.record', { amountMinor: 500 });
    const status = await ok<{ now: number }>(pool, 'shop.status');
    expect(sale.occurredAt).toBeGreaterThanOrEqual(NOW);
    expect(status.now).toBeGreaterThanOrEqual(sale.occurredAt);
    expect(status.now - NOW).toBeLessThan(120_000);
  });
});

describe('replies cross to the relaying thread as the worker wrote them', () => {
  it("a list comes as the worker's JSON text, read only on demand, and HTTP sends exactly that text; a failure is a plain object", async () => {
    const { pool } = await shop();
    for (const name of ['王芳', '李雷', '韩梅梅']) await ok(pool, 'customers.create', { name });
    const list = await pool.dispatch('customers.list', {});
    const text = encodedText(list);
    expect(text).toBeDefined();
    expect(JSON.parse(text!)).toEqual({ ok: true, data: list.ok ? list.data : null });
    expect(JSON.stringify(list)).toBe(text);
    const refused = await pool.dispatch('customers.get', { id: 999 });
    expect(refused.ok).toBe(false);
    expect(encodedText(refused)).toBeUndefined();

    const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-static-'));
    dirs.push(staticDir);
    const server = await startServer({ call: (m, i) => pool.dispatch(m, i), staticDir, port: 0 });
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/api/customers.list`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(await res.text()).toBe(encodedText(await pool.dispatch('customers.list', {})));
    } finally {
      await server.close();
    }
  });
});

describe('heavy work yields the CPU', () => {
  /** the nice value of each thread of this process (field 19 of /proc/self/task/TID/stat) */
  const niceness = () =>
    fs.readdirSync('/proc/self/task').map((tid) => {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    });
  it.skipIf(process.platform !== 'linux')('the heavy reader runs at nice 10, the counter and the writer as before', async () => {
    const before = niceness().filter((n) => n === 10).length;
    const { pool } = await shop();
    // the heavy reader opens after the counter's lane is ready: once it answers, it has
    await ok(pool, 'customers.list', {});
    const after = niceness();
    expect(after.filter((n) => n === 10).length).toBe(before + 1);
    expect(os.getPriority()).toBe(0);
  });
});

describe('background checks', () => {
  it('run on the heavy reader; their verdict reaches shop.status on the counter lane', async () => {
    const { pool, file } = await shop();
    expect(await ok(pool, 'shop.status')).toMatchObject({ health: 'unchecked' });
    await pool.runChecks();
    expect(pool.shared()).toEqual({ health: 'ok', backupWarning: null });
    expect(await ok(pool, 'shop.status')).toMatchObject({ health: 'ok', backupWarning: null });
    const backups = fs.readdirSync(path.join(path.dirname(file), 'backups')).filter((f) => f.endsWith('-daily.db'));
    expect(backups).toHaveLength(1);
    // the same day again (a timer tick while the app stays open): no second daily backup
    await pool.runChecks();
    expect(fs.readdirSync(path.join(path.dirname(file), 'backups')).filter((f) => f.endsWith('-daily.db'))).toHaveLength(1);
  });
});

describe('a sale while another connection holds the write lock', () => {
  it('waits for it (as for an import’s flip of several seconds) and is saved, not refused with DB_BUSY', async () => {
    const { pool, file } = await shop();
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    const sale = pool.dispatch('sales.record', { amountMinor: 900, note: 'waited' });
    // longer than every other connection's 5 s busy timeout
    await new Promise((r) => setTimeout(r, 6_000));
    other.exec('COMMIT');
    other.close();
    const r = await sale;
    expect(r).toMatchObject({ ok: true });
    expect(await ok(pool, 'shop.status')).toMatchObject({ sales: 1 });
  }, 30_000);
});

describe('workers that stop', () => {
  it('a killed worker is started again; its unanswered call gets INTERNAL with an incident id; the next call works', async () => {
    const { pool } = await shop({ slowMethods: { 'lapsed.list': 3000 } });
    const inFlight = pool.dispatch('lapsed.list', {});
    // let the heavy lane take it up, then stop the thread as a crash would
    await new Promise((r) => setTimeout(r, 300));
    await pool.crash('heavy');
    const r = await inFlight;
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(r.ok ? '' : r.error.incidentId).toMatch(/^[0-9a-f]{8}$/);
    expect(await pool.dispatch('backups.list', {})).toMatchObject({ ok: true });
  });

  it('a write acknowledged before the writer died is kept; the restarted writer goes on', async () => {
    const { pool, file } = await shop();
    const before = await ok<{ id: number }>(pool, 'sales.record', { amountMinor: 700, note: 'before' });
    await pool.crash('writer');
    const after = await ok<{ id: number }>(pool, 'sales.record', { amountMinor: 800, note: 'after' });
    expect(after.id).toBeGreaterThan(before.id);
    await pool.crash('counter');
    expect(await ok(pool, 'shop.status')).toMatchObject({ sales: 2 });
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT note FROM sales ORDER BY id').pluck().all()).toEqual(['before', 'after']);
    db.close();
  });

  it('a reader that cannot reopen after a restore ends, and is started again once the file opens', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-pool-'));
    dirs.push(dir);
    const file = path.join(dir, 'shop.db');
    let seq = 0;
    const host: LaneHost = {
      script: harness.script,
      log: quiet,
      workerData: (lane) => ({
        lane,
        dbPath: file,
        now: NOW,
        at: Date.now(),
        shared: { health: 'unchecked', backupWarning: null },
      }),
      onShared: () => {},
      onStep: (_from, _m, answer) => answer({ ok: false, error: { code: 'INTERNAL' } }),
      nextSeq: () => ++seq,
    };
    const counter = new LaneWorker('counter', host);
    counter.start();
    try {
      await counter.ready;
      await counter.control('suspend');
      // the file is not there to open when the lane resumes (a folder in its place)
      fs.renameSync(file, `${file}.aside`);
      fs.mkdirSync(file);
      await counter.control('resume');
      fs.rmdirSync(file);
      fs.renameSync(`${file}.aside`, file);
      await vi.waitFor(async () => expect(await counter.call('shop.status', {})).toMatchObject({ ok: true }), {
        timeout: 15_000,
        interval: 200,
      });
    } finally {
      await counter.close();
    }
  }, 30_000);

  it('a call whose input cannot cross to its thread gets INTERNAL with an incident id at once; the lane goes on', async () => {
    const errors: string[] = [];
    const { pool } = await shop({ log: { error: (m: string) => void errors.push(m), info: () => {} } });
    const late = new Promise<string>((r) => setTimeout(() => r('still waiting'), 10_000).unref());
    const r = await Promise.race([pool.dispatch('customers.create', { name: '王芳', note: () => 'not data' }), late]);
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const incident = typeof r === 'string' || r.ok ? '' : r.error.incidentId!;
    expect(incident).toMatch(/^[0-9a-f]{8}$/);
    expect(errors.some((e) => e.includes(incident) && e.includes('writer lane (customers.create)'))).toBe(true);
    expect(await ok(pool, 'customers.create', { name: '王芳' })).toMatchObject({ name: '王芳' });
  }, 30_000);

  it('a shop that cannot be opened fails the start with the open error, and nothing stays running', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-pool-'));
    dirs.push(dir);
    const file = path.join(dir, 'shop.db');
    fs.writeFileSync(file, 'this is not a database, just text that is long enough to be read as a header by sqlite');
    await expect(createPool({ dbPath: file, script: harness.script, log: quiet })).rejects.toMatchObject({
      code: 'SQLITE_NOTADB',
    });
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });
});

describe('imports through the pool', () => {
  it('import.start, import.status and import.cancel share the writer lane, so the job started is the job asked about', async () => {
    const { pool } = await shop({ workerDir: path.dirname(harness.script) });
    const csv = ['phone,date,amount', '13900000001,2026-01-15,35', '13900000002,2026-02-03,120'].join('\n') + '\n';
    const job = await ok<{ id: string }>(pool, 'import.start', {
      fileName: 'sales.csv',
      data: Buffer.from(csv).toString('base64'),
      kind: 'sales',
      createCustomers: true,
    });
    expect(await importEnds(pool, job.id, 600)).toBe('done');
    // the counter lane reads what the import worker wrote
    expect(await ok(pool, 'shop.status')).toMatchObject({ sales: 2 });
  });
});

describe('a restore through the pool', () => {
  it('two at once run one after the other: a call held meanwhile is answered, and every lane reads the second one’s shop', async () => {
    const { pool } = await shop();
    const backups: string[] = [];
    for (const name of ['一', '二']) {
      await ok(pool, 'customers.create', { name });
      backups.push(path.basename((await ok<{ file: string }>(pool, 'backups.create')).file));
    }
    await ok(pool, 'customers.create', { name: '三' });
    const first = pool.dispatch('backups.restore', { name: backups[0] });
    // held behind the first restore's gate
    await new Promise((r) => setImmediate(r));
    const held = pool.dispatch('shop.status', {});
    const second = pool.dispatch('backups.restore', { name: backups[1] });
    const late = new Promise<string>((r) => setTimeout(() => r('still waiting'), 20_000).unref());
    expect(await Promise.race([held, late])).toMatchObject({ ok: true });
    expect(await first).toMatchObject({ ok: true });
    expect(await second).toMatchObject({ ok: true });
    // the counter and the heavy reader both read the file the second restore put in place
    expect(await ok(pool, 'shop.status')).toMatchObject({ customers: 2 });
    expect(await ok(pool, 'customers.list', {})).toMatchObject({ total: 2 });
  }, 60_000);

  it('holds the counter only once the heavy reader has finished its long job: the counter answers meanwhile', async () => {
    const { pool } = await shop({ slowMethods: { 'lapsed.list': 3000 } });
    await ok(pool, 'sales.record', { amountMinor: 100 });
    const backup = await ok<{ file: string }>(pool, 'backups.create');
    const order: string[] = [];
    const heavy = pool.dispatch('lapsed.list', {}).then((r) => (order.push('lapsed.list'), r));
    await new Promise((r) => setTimeout(r, 300));
    const restore = pool.dispatch('backups.restore', { name: path.basename(backup.file) });
    await new Promise((r) => setTimeout(r, 300));
    expect(await pool.dispatch('shop.status', {}).then((r) => (order.push('shop.status'), r))).toMatchObject({ ok: true });
    expect(order).toEqual(['shop.status']);
    expect(await heavy).toMatchObject({ ok: true });
    expect(await restore).toMatchObject({ ok: true });
  }, 30_000);

  it('background checks asked for during a restore wait for it, and check the restored file (no false backup warning)', async () => {
    const { pool, file } = await shop({ slowMethods: { 'backups.restore': 3000 } });
    await ok(pool, 'sales.record', { amountMinor: 100 });
    const backup = await ok<{ file: string }>(pool, 'backups.create');
    const restore = pool.dispatch('backups.restore', { name: path.basename(backup.file) });
    // the readers are closed by now; the restore is still on the writer
    await new Promise((r) => setTimeout(r, 1000));
    await pool.runChecks();
    expect(await restore).toMatchObject({ ok: true });
    expect(pool.shared()).toEqual({ health: 'ok', backupWarning: null });
    expect(fs.readdirSync(path.join(path.dirname(file), 'backups')).filter((f) => f.endsWith('-daily.db'))).toHaveLength(1);
  }, 30_000);

  it('is refused while an import runs: the import is not lost into the file the restore would replace', async () => {
    const { pool } = await shop({ workerDir: path.dirname(harness.script) });
    await ok(pool, 'sales.record', { amountMinor: 100 });
    const backup = await ok<{ file: string }>(pool, 'backups.create');
    const rows = ['phone,date,amount'];
    for (let i = 0; i < 60_000; i++)
      rows.push(`139${String(10_000_000 + (i % 3000))},2026-01-${String((i % 28) + 1).padStart(2, '0')},${(i % 90) + 10}`);
    const job = await ok<{ id: string }>(pool, 'import.start', {
      fileName: 'sales.csv',
      data: Buffer.from(rows.join('\n') + '\n').toString('base64'),
      kind: 'sales',
      createCustomers: true,
    });
    const refused = await pool.dispatch('backups.restore', { name: path.basename(backup.file) });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', detail: { reason: 'import_running', jobId: job.id } },
    });
    expect(await importEnds(pool, job.id, 1200)).toBe('done');
    expect(await ok(pool, 'shop.status')).toMatchObject({ sales: 60_001 });
    // once the import's worker has ended, the restore goes ahead
    await vi.waitFor(
      async () =>
        expect(await pool.dispatch('backups.restore', { name: path.basename(backup.file) })).toMatchObject({ ok: true }),
      {
        timeout: 10_000,
        interval: 100,
      },
    );
    expect(await ok(pool, 'shop.status')).toMatchObject({ sales: 1 });
  }, 180_000);

  it('closes the readers around the swap, so every lane sees the restored shop', async () => {
    const { pool } = await shop();
    await ok(pool, 'sales.record', { amountMinor: 100 });
    const backup = await ok<{ file: string }>(pool, 'backups.create');
    await ok(pool, 'sales.record', { amountMinor: 200 });
    expect(await ok(pool, 'shop.status')).toMatchObject({ sales: 2 });
    await ok(pool, 'backups.restore', { name: path.basename(backup.file) });
    expect(await ok(pool, 'shop.status')).toMatchObject({ sales: 1 });
    expect(await ok<unknown[]>(pool, 'sales.today', {})).toHaveLength(1);
    await ok(pool, 'sales.record', { amountMinor: 300 });
    expect(await ok(pool, 'shop.status')).toMatchObject({ sales: 2 });
  });
});

import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { count, tempShops } from '../helpers/shop';
import type { Ctx } from '../../main/ctx';
import { dispatch } from '../../main/api';
import {
  KEEP_READ_MS,
  KEEP_UNREAD_MS,
  WORKER_FILE,
  importJobsHeld,
  sweepImportJobs,
  workerFailure,
} from '../../main/services/import/jobs';
import { ImportCancelled, runImport } from '../../main/services/import/run';
import { ImportOptions } from '../../shared/schemas/import';

/**
 * Issue 14 items 10 and 17, the import jobs behind import.start: one import at a time per shop,
 * finished jobs dropped from memory, product imports cancellable, a worker's database fault reaching
 * the owner as that fault, and a worker script that does not match the build refused.
 */
const { fresh } = tempShops(Date.parse('2026-03-10T02:00:00Z'));
const WORKERS = path.resolve(__dirname, '../../dist/workers');

function withWorker(ctx: Ctx): Ctx {
  ctx.workerDir = WORKERS;
  ctx.log = { error: () => {}, info: () => {} };
  return ctx;
}

function salesFile(rows: number): string {
  const out = ['phone,date,amount'];
  for (let i = 0; i < rows; i++)
    out.push(
      `139${String(10_000_000 + (i % 5000)).slice(0, 8)},2025-${String((i % 12) + 1).padStart(2, '0')}-15,${(i % 300) + 10}`,
    );
  return Buffer.from(out.join('\n') + '\n').toString('base64');
}

type Job = { id: string; state: string; error: { code: string; detail?: Record<string, unknown> } | null };
async function start(ctx: Ctx, input: Record<string, unknown>) {
  return dispatch('import.start', { fileName: 'f.csv', ...input }, ctx);
}
async function status(ctx: Ctx, id: string): Promise<Job> {
  const r = await dispatch('import.status', { id }, ctx);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.data as Job;
}
async function finished(ctx: Ctx, id: string): Promise<Job> {
  let j: Job = await status(ctx, id);
  await vi.waitFor(
    async () => {
      j = await status(ctx, id);
      expect(j.state).not.toBe('running');
    },
    { timeout: 60_000, interval: 100 },
  );
  return j;
}

beforeAll(() => {
  if (!fs.existsSync(path.join(WORKERS, WORKER_FILE))) throw new Error('run `node scripts/build.mjs` first');
});

describe('import jobs', () => {
  it('one import at a time per shop: parallel starts of a 150k-row file get CONFLICT import_running', async () => {
    const ctx = withWorker(fresh());
    const data = salesFile(150_000);
    const input = { data, kind: 'sales', createCustomers: true };
    const replies = await Promise.all([start(ctx, input), start(ctx, input), start(ctx, input)]);
    const started = replies.filter((r) => r.ok);
    expect(started).toHaveLength(1);
    const first = (started[0] as { data: Job }).data;
    for (const r of replies.filter((x) => !x.ok))
      expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', detail: { reason: 'import_running', jobId: first.id } } });
    // once it is over, the shop takes the next one
    const done = await finished(ctx, first.id);
    expect(done.state).toBe('done');
    expect(count(ctx, 'sales')).toBe(150_000);
    const again = await start(ctx, { ...input, dryRun: true, allowDuplicate: true });
    expect(again.ok).toBe(true);
    await finished(ctx, (again as { data: Job }).data.id);
  }, 120_000);

  it('finished jobs are dropped from memory after their result was read, or after a while unread', async () => {
    const ctx = withWorker(fresh());
    const input = { data: salesFile(10), kind: 'sales', createCustomers: true, dryRun: true };
    const a = ((await start(ctx, input)) as { data: Job }).data;
    await finished(ctx, a.id); // read once done
    sweepImportJobs(Date.now() + KEEP_READ_MS - 5000);
    expect((await dispatch('import.status', { id: a.id }, ctx)).ok).toBe(true);
    sweepImportJobs(Date.now() + KEEP_READ_MS + 1000);
    expect(await dispatch('import.status', { id: a.id }, ctx)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    // never read: the shop is free again once it is over, and it goes after KEEP_UNREAD_MS
    const b = ((await start(ctx, input)) as { data: Job }).data;
    let c: Job | null = null;
    await vi.waitFor(
      async () => {
        const r = await start(ctx, input);
        expect(r.ok).toBe(true);
        c = (r as { data: Job }).data;
      },
      { timeout: 30_000, interval: 50 },
    );
    await finished(ctx, c!.id);
    sweepImportJobs(Date.now() + KEEP_UNREAD_MS + 1000);
    expect(await dispatch('import.status', { id: b.id }, ctx)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // every finished job of this file is gone by now
    expect(importJobsHeld()).toBe(0);
  }, 60_000);

  it('a product import can be cancelled like a sales import: nothing is written', async () => {
    const ctx = fresh();
    const bytes = new Uint8Array(Buffer.from('name,price\n茉莉花茶,38\n龙井,128\n'));
    const opts = ImportOptions.parse({ kind: 'products' });
    await expect(runImport(ctx, bytes, 'p.csv', opts, { isCancelled: () => true })).rejects.toBeInstanceOf(ImportCancelled);
    expect(count(ctx, 'products')).toBe(0);
    expect(count(ctx, 'imports')).toBe(0);
  });

  it('a database fault in the worker reaches the owner as that fault, not INTERNAL', async () => {
    const logged: string[] = [];
    const log = { error: (m: string) => logged.push(m), info: () => {} };
    const failure = (e: unknown) => workerFailure(e, log, 'the import worker');
    expect(failure(Object.assign(new Error('full'), { code: 'SQLITE_FULL' }))).toEqual({ type: 'failed', code: 'DB_FULL' });
    expect(failure(Object.assign(new Error('ro'), { code: 'SQLITE_READONLY' }))).toEqual({
      type: 'failed',
      code: 'DB_READONLY',
    });
    // anything else: INTERNAL under an incident id, the one the log names (the one mapping, main/errors.ts)
    const internal = failure(new Error('boom'));
    expect(internal).toEqual({ type: 'failed', code: 'INTERNAL', incidentId: expect.stringMatching(/^[0-9a-f]{8}$/) });
    expect(logged.at(-1)).toBe(`incident ${internal.incidentId} in the import worker`);

    // another program holds the database: the worker's write waits its busy timeout, then DB_BUSY
    const ctx = withWorker(fresh());
    const other = new Database(ctx.dbPath);
    other.exec('BEGIN EXCLUSIVE');
    try {
      const r = await start(ctx, { data: salesFile(20), kind: 'sales', createCustomers: true });
      expect(r.ok).toBe(true);
      const j = await finished(ctx, (r as { data: Job }).data.id);
      expect(j).toMatchObject({ state: 'failed', error: { code: 'DB_BUSY' } });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(count(ctx, 'sales')).toBe(0);
  }, 30_000);

  it('a worker script that does not match the build is not run', async () => {
    const ctx = withWorker(fresh());
    const input = { data: salesFile(5), kind: 'sales', createCustomers: true, dryRun: true };
    ctx.workerSha256 = '0'.repeat(64);
    expect(await start(ctx, input)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    ctx.workerSha256 = createHash('sha256')
      .update(fs.readFileSync(path.join(WORKERS, WORKER_FILE)))
      .digest('hex');
    const r = await start(ctx, input);
    expect(r.ok).toBe(true);
    expect(await finished(ctx, (r as { data: Job }).data.id)).toMatchObject({ state: 'done' });
  }, 30_000);
});

import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { cleanupAll, makeCtx, ok } from '../helpers/db';
import type { Ctx } from '../../main/ctx';
import { KEEP_UNREAD_MS, WORKER_FILE, sweepImportJobs } from '../../main/services/import/jobs';
import { runImport } from '../../main/services/import/run';
import { ImportOptions, type ImportRecord } from '../../shared/schemas/import';

/**
 * Issue 15, item 17: `import.list` lists this shop's imports, newest first: the jobs of this run
 * (running, done, failed, cancelled) with their result, kept after the job itself is dropped, then
 * the imports the database records from before, each once.
 */
afterEach(cleanupAll);
const WORKERS = path.resolve(__dirname, '../../dist/workers');
beforeAll(() => {
  if (!fs.existsSync(path.join(WORKERS, WORKER_FILE))) throw new Error('run `node scripts/build.mjs` first');
});

function withWorker(ctx: Ctx): Ctx {
  ctx.workerDir = WORKERS;
  ctx.log = { error: () => {}, info: () => {} };
  return ctx;
}
const b64 = (s: string) => Buffer.from(s).toString('base64');
const list = async (ctx: Ctx) => (await ok<{ imports: ImportRecord[] }>(ctx, 'import.list')).imports;
async function settled(ctx: Ctx, id: string): Promise<ImportRecord> {
  let r: ImportRecord | undefined;
  await vi.waitFor(
    async () => {
      r = (await list(ctx)).find((x) => x.id === id);
      expect(r?.state).not.toBe('running');
    },
    { timeout: 60_000, interval: 100 },
  );
  return r!;
}

describe('import.list', () => {
  it('lists an import committed before (from the database) with its counts', async () => {
    const { ctx, clock } = makeCtx();
    const file = Buffer.from('name,phone\n张三,13912345678\n李四,13800138000,x\n');
    const opts = ImportOptions.parse({ kind: 'customers', skipBadRows: true });
    await runImport(ctx, file, '会员.csv', opts);
    expect(await list(ctx)).toEqual([
      expect.objectContaining({
        state: 'done',
        kind: 'customers',
        fileName: '会员.csv',
        startedAt: clock.now,
        rows: 2,
        imported: 1,
        badRows: 1,
        error: null,
      }),
    ]);
  });

  it('a job of this run is listed with its result, once, and stays listed after the job is dropped', async () => {
    const { ctx } = makeCtx();
    withWorker(ctx);
    const job = await ok<{ id: string }>(ctx, 'import.start', {
      fileName: 'sales.csv',
      data: b64('phone,date,amount\n13912345678,2025-01-05,10\n13912345679,2025-01-06,20\nnope,2025-01-07,x\n'),
      kind: 'sales',
      createCustomers: true,
      skipBadRows: true,
    });
    const first = (await list(ctx))[0]!;
    expect(first).toMatchObject({ id: job.id, fileName: 'sales.csv', kind: 'sales' });
    expect(await settled(ctx, job.id)).toMatchObject({ state: 'done', rows: 3, imported: 2, badRows: 1, error: null });
    sweepImportJobs(Date.now() + KEEP_UNREAD_MS + 1000);
    expect(await ok(ctx, 'import.status', { id: job.id }).catch((e: Error) => e.message)).toMatch(/NOT_FOUND/);
    const after = await list(ctx);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: job.id, state: 'done', imported: 2, badRows: 1 });
  }, 90_000);

  it('a running import is one line all the way, also between its flip and the job’s last word', async () => {
    const { ctx } = makeCtx();
    withWorker(ctx);
    const rows = ['customer_id,date,amount'];
    for (let i = 0; i < 40_000; i++) rows.push(`C${i % 2000},2025-0${1 + (i % 9)}-1${i % 10},${10 + (i % 90)}.50`);
    const job = await ok<{ id: string }>(ctx, 'import.start', {
      fileName: 'big.csv',
      data: b64(rows.join('\n') + '\n'),
      kind: 'sales',
      createCustomers: true,
    });
    // the database has the import's row (pending, then done) while the job still runs: asked
    // again and again, the list never shows the file twice
    let most = 0;
    let polls = 0;
    for (;;) {
      const lines = (await list(ctx)).filter((r) => r.fileName === 'big.csv');
      most = Math.max(most, lines.length);
      polls++;
      if (lines[0]?.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 2));
    }
    expect(polls).toBeGreaterThan(1);
    expect(most).toBe(1);
    expect(await settled(ctx, job.id)).toMatchObject({ state: 'done', imported: 40_000 });
    expect((await list(ctx)).filter((r) => r.fileName === 'big.csv')).toHaveLength(1);
  }, 120_000);

  it('a failed import is listed with why; a check (dry run) is not an import', async () => {
    const { ctx } = makeCtx();
    withWorker(ctx);
    const data = b64('name,phone\n张三,13912345678\n');
    const dry = await ok<{ id: string }>(ctx, 'import.start', { fileName: 'check.csv', data, kind: 'customers', dryRun: true });
    await vi.waitFor(
      async () => expect((await ok<{ state: string }>(ctx, 'import.status', { id: dry.id })).state).not.toBe('running'),
      { timeout: 60_000, interval: 100 },
    );
    const done = await ok<{ id: string }>(ctx, 'import.start', { fileName: 'a.csv', data, kind: 'customers' });
    await settled(ctx, done.id);
    // the same file again is refused as a duplicate
    const again = await ok<{ id: string }>(ctx, 'import.start', { fileName: 'again.csv', data, kind: 'customers' });
    expect(await settled(ctx, again.id)).toMatchObject({
      state: 'failed',
      imported: null,
      error: { code: 'CONFLICT', detail: { reason: 'duplicate_file' } },
    });
    const names = (await list(ctx)).map((r) => r.fileName);
    expect(names).toEqual(['again.csv', 'a.csv']);
  }, 90_000);
});

import { afterEach, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { cleanupAll, err, makeCtx, ok } from '../helpers/db';
import { closeApp } from '../../main/app';
import type { SavedFilter } from '../../shared/schemas/customer';

afterEach(cleanupAll);
const CLI = path.resolve(__dirname, '../../dist/cli/index.mjs');

it('saves a named customer filter, replaces it by name, uses it as the export segment `saved`, and deletes it', async () => {
  const shop = makeCtx();
  const { ctx } = shop;
  const a = await ok<{ id: number }>(ctx, 'customers.create', {
    name: '王小明',
    phone: '13911110001',
    tags: ['常客'],
    consent: { sms: true },
  });
  await ok(ctx, 'customers.create', { name: '王大明', phone: '13911110002', tags: ['常客'] });
  await ok(ctx, 'customers.create', { name: '李四', phone: '13911110003', tags: ['常客'], consent: { sms: true } });
  const f = await ok<SavedFilter>(ctx, 'filters.save', { name: '姓王的常客', query: 'wang', tag: '常客' });
  expect(f).toMatchObject({ name: '姓王的常客', query: 'wang', tag: '常客', consent: null });
  // Saving under the same name replaces it.
  await ok(ctx, 'filters.save', { name: '姓王的常客', query: 'wang', tag: '常客', consent: 'sms' });
  expect(await ok<SavedFilter[]>(ctx, 'filters.list')).toEqual([expect.objectContaining({ id: f.id, consent: 'sms' })]);

  const preview = await ok<{ matched: number }>(ctx, 'exports.preview', {
    segment: 'saved',
    name: '姓王的常客',
    channel: 'sms',
    format: 'csv',
  });
  expect(preview.matched).toBe(1);

  // The command line: --segment saved --name NAME.
  closeApp(ctx);
  const out = path.join(shop.dir, 'saved.csv');
  const r = spawnSync(
    process.execPath,
    [
      CLI,
      'export',
      'contacts',
      '--db',
      path.join(shop.dir, 'shop.db'),
      '--segment',
      'saved',
      '--name',
      '姓王的常客',
      '--channel',
      'sms',
      '--format',
      'csv',
      '--out',
      out,
    ],
    { encoding: 'utf8' },
  );
  expect(r.status, r.stderr).toBe(0);
  const rows = Papa.parse<Record<string, string>>(fs.readFileSync(out, 'utf8').replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
  }).data;
  expect(rows.map((x) => Object.values(x)[0])).toEqual(['王小明']);
  expect(a.id).toBeGreaterThan(0);
});

it('refuses a filter without a name, and deleting an unknown one', async () => {
  const { ctx } = makeCtx();
  expect((await err(ctx, 'filters.save', { name: ' ' })).issues?.[0]?.message).toBe('name_required');
  expect((await err(ctx, 'filters.delete', { id: 9 })).code).toBe('NOT_FOUND');
  const f = await ok<SavedFilter>(ctx, 'filters.save', { name: 'x', consent: 'none' });
  await ok(ctx, 'filters.delete', { id: f.id });
  expect(await ok<SavedFilter[]>(ctx, 'filters.list')).toEqual([]);
});

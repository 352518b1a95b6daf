import { expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { openApp, closeApp } from '../../main/app';
import { ok } from '../helpers/db';
import { CLI_NOW as NOW, cliSandbox } from '../helpers/cli';

const { dir, run } = cliSandbox('regulars-export-messages-cli-');

it('`regulars export contacts --layout sms --offer-amount-off` writes the SMS platform sheet; an unwritable file issues nothing', async () => {
  const db = path.join(dir, 'shop.db');
  const ctx = openApp({ dbPath: db, clock: { now: () => Date.parse(NOW) } });
  try {
    await ok(ctx, 'settings.update', { language: 'zh-CN', shopName: '街角面包' });
    await ok(ctx, 'customers.create', { name: '王芳', phone: '13800138000', consent: { sms: true } });
    await ok(ctx, 'customers.create', { name: '不同意', phone: '13800138001' });
  } finally {
    closeApp(ctx);
  }
  const flags = ['--db', db, '--segment', 'all', '--channel', 'sms', '--format', 'csv', '--layout', 'sms'];
  const offer = ['--offer-amount-off', '20', '--offer-min-spend', '100', '--offer-expires', '2026-04-30'];

  // a folder where the file should be: it cannot be written, so no offer is issued
  const blocked = path.join(dir, 'blocked.csv');
  fs.mkdirSync(blocked);
  const refused = run('export', 'contacts', ...flags, ...offer, '--out', blocked);
  expect(refused.status).not.toBe(0);
  const none = run('offers', '--db', db, '--json');
  expect(none.status, none.stderr).toBe(0);
  expect(JSON.parse(none.stdout)).toEqual([]);

  const out = path.join(dir, 'sms.csv');
  const r = run('export', 'contacts', ...flags, ...offer, '--out', out);
  expect(r.status, r.stderr).toBe(0);
  const rows = Papa.parse<Record<string, string>>(fs.readFileSync(out, 'utf8').replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
  });
  expect(rows.meta.fields).toEqual(['手机号码', '短信内容']);
  expect(rows.data.map((x) => x['手机号码'])).toEqual(['13800138000']);
  const offers = JSON.parse(run('offers', '--db', db, '--json').stdout) as { code: string; status: string }[];
  expect(offers).toHaveLength(1);
  expect(offers[0]!.status).toBe('open');
  expect(rows.data[0]!['短信内容']).toContain(offers[0]!.code);
  expect(rows.data[0]!['短信内容']).toMatch(/^王芳您好，这里是街角面包。/);
});

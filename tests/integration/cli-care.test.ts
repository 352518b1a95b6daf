import { expect, it } from 'vitest';
import path from 'node:path';
import { openApp, closeApp } from '../../main/app';
import { ok } from '../helpers/db';
import { CLI_NOW as NOW, cliSandbox } from '../helpers/cli';

const { dir, run } = cliSandbox('regulars-care-cli-');

it('`regulars today --json` and `regulars winback --json` print what the app holds, with the named fields', async () => {
  const db = path.join(dir, 'shop.db');
  const ctx = openApp({ dbPath: db, clock: { now: () => Date.parse(NOW) } });
  let complaintCustomer = 0;
  try {
    await ok(ctx, 'settings.update', { language: 'en' });
    const a = await ok<{ id: number }>(ctx, 'customers.create', { name: 'Ada' });
    complaintCustomer = a.id;
    await ok(ctx, 'complaints.open', {
      customerId: a.id,
      channel: 'phone',
      reason: 'service',
      severity: 'critical',
      whatHappened: 'rude',
    });
    const b = await ok<{ id: number }>(ctx, 'customers.create', { name: 'Bo' });
    await ok(ctx, 'sales.record', { customerId: b.id, amountMinor: 1000, occurredAt: Date.parse('2025-06-01T10:00:00+08:00') });
    const w = await ok<{ id: number }>(ctx, 'winback.start', { customerId: b.id });
    await ok(ctx, 'winback.step', { id: w.id, step: 'contact', reason: 'moved_away' });
  } finally {
    closeApp(ctx);
  }

  const today = run('today', '--db', db, '--json');
  expect(today.status, today.stderr).toBe(0);
  const items = JSON.parse(today.stdout) as { kind: string; customer_id: number; due: string; title: string }[];
  expect(items[0]).toMatchObject({ kind: 'complaint_acknowledge', customer_id: complaintCustomer, due: '2026-03-10' });
  expect(items[0]!.title).toBe('Acknowledge Ada’s complaint: listen and apologise');
  // As of a later day the win-back follow-up is due too.
  const later = JSON.parse(run('today', '--db', db, '--as-of', '2026-03-20', '--json').stdout) as { kind: string }[];
  expect(later.map((i) => i.kind)).toContain('winback_follow_up');

  const wb = run('winback', '--db', db, '--json');
  expect(wb.status, wb.stderr).toBe(0);
  expect(JSON.parse(wb.stdout)).toEqual([
    expect.objectContaining({ name: 'Bo', status: 'contacted', outcome: null, reason: 'moved_away', tier: 'key' }),
  ]);
  // Without --json: readable lines in the shop's language.
  expect(run('today', '--db', db).stdout).toContain('Acknowledge Ada’s complaint');
  // An empty shop prints [].
  expect(run('winback', '--db', path.join(dir, 'empty.db'), '--json').stdout.trim()).toBe('[]');
});

import { expect, it } from 'vitest';
import path from 'node:path';
import { openApp, closeApp } from '../../main/app';
import { ok } from '../helpers/db';
import { CLI_NOW as NOW, cliSandbox } from '../helpers/cli';

const { dir, run } = cliSandbox('regulars-reach-cli-');

it('`regulars today --json` items carry `phone` and `message` (shop language, names filled in)', async () => {
  const db = path.join(dir, 'shop.db');
  const ctx = openApp({ dbPath: db, clock: { now: () => Date.parse(NOW) } });
  try {
    await ok(ctx, 'settings.update', { language: 'zh-CN', shopName: '街角面包' });
    const a = await ok<{ id: number }>(ctx, 'customers.create', { name: '王芳', phone: '13800138000', consent: { sms: true } });
    await ok(ctx, 'complaints.open', {
      customerId: a.id,
      channel: 'phone',
      reason: 'quality',
      severity: 'minor',
      whatHappened: '不新鲜',
    });
    const b = await ok<{ id: number }>(ctx, 'customers.create', { name: 'Bo' });
    await ok(ctx, 'sales.record', { customerId: b.id, amountMinor: 1000, occurredAt: Date.parse('2025-06-01T10:00:00+08:00') });
    await ok(ctx, 'winback.start', { customerId: b.id });
  } finally {
    closeApp(ctx);
  }
  const out = run('today', '--db', db, '--as-of', '2026-03-20', '--json');
  expect(out.status, out.stderr).toBe(0);
  const items = JSON.parse(out.stdout) as { kind: string; customer_name: string; phone: string | null; message: string }[];
  const complaint = items.find((i) => i.kind === 'complaint_acknowledge')!;
  expect(complaint.phone).toBe('+8613800138000');
  expect(complaint.message).toBe('王芳您好，这里是街角面包。对这次的事情非常抱歉，谢谢您告诉我们，我们正在处理。');
  const followUp = items.find((i) => i.kind === 'winback_follow_up')!;
  expect(followUp).toMatchObject({ customer_name: 'Bo', phone: null });
  expect(followUp.message).toContain('Bo您好');
});

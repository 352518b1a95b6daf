import { afterAll, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, closeApp } from '../../main/app';
import { dispatch } from '../../main/api';

const CLI = path.resolve(__dirname, '../../dist/cli/index.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-reach-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const NOW = '2026-03-10T10:00:00+08:00';
const run = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, REGULARS_NOW: NOW, LANG: 'en_US.UTF-8' },
  });

async function call<T>(ctx: ReturnType<typeof openApp>, method: string, input: unknown): Promise<T> {
  const r = await dispatch(method, input, ctx);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.data as T;
}

it('`regulars today --json` items carry `phone` and `message` (shop language, names filled in)', async () => {
  const db = path.join(dir, 'shop.db');
  const ctx = openApp({ dbPath: db, clock: { now: () => Date.parse(NOW) } });
  try {
    await call(ctx, 'settings.update', { language: 'zh-CN', shopName: '街角面包' });
    const a = await call<{ id: number }>(ctx, 'customers.create', { name: '王芳', phone: '13800138000', consent: { sms: true } });
    await call(ctx, 'complaints.open', {
      customerId: a.id,
      channel: 'phone',
      reason: 'quality',
      severity: 'minor',
      whatHappened: '不新鲜',
    });
    const b = await call<{ id: number }>(ctx, 'customers.create', { name: 'Bo' });
    await call(ctx, 'sales.record', { customerId: b.id, amountMinor: 1000, occurredAt: Date.parse('2025-06-01T10:00:00+08:00') });
    await call(ctx, 'winback.start', { customerId: b.id });
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

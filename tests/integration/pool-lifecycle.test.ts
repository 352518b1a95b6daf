import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPool, type Pool, type PoolOptions } from '../../main/core/pool';
import { poolHarness } from '../helpers/core-worker';

/**
 * Issue 13 §1, the pool over a long day: a shop left open past midnight gets its next daily backup
 * and integrity check from the background timer; closing the app with a call in flight is not an
 * incident, while a worker that really stops still is.
 */
const harness = poolHarness();
const { dirs, pools } = harness;

function logger() {
  const errors: string[] = [];
  return { errors, log: { error: (m: string) => void errors.push(m), info: () => {} } };
}

async function shop(now: number, extra: Partial<PoolOptions> = {}): Promise<{ pool: Pool; file: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-pool-day-'));
  dirs.push(dir);
  const file = path.join(dir, 'shop.db');
  const pool = await createPool({
    dbPath: file,
    script: harness.script,
    clock: { now: () => now },
    role: 'test',
    log: logger().log,
    ...extra,
  });
  pools.push(pool);
  return { pool, file };
}

const dailies = (file: string) =>
  fs.existsSync(path.join(path.dirname(file), 'backups'))
    ? fs.readdirSync(path.join(path.dirname(file), 'backups')).filter((f) => f.endsWith('-daily.db'))
    : [];

async function until(what: () => boolean, ms: number): Promise<void> {
  for (const end = Date.now() + ms; !what(); await new Promise((r) => setTimeout(r, 100))) {
    if (Date.now() > end) throw new Error('timed out');
  }
}

describe('a shop left open past midnight', () => {
  it('gets the new day’s backup and integrity check from the background timer', async () => {
    // How long a start and a first round of checks take on this machine now: the clock then starts
    // well before that much ahead of midnight, so the first round is surely on the old day.
    const t0 = Date.now();
    await (await shop(Date.parse('2026-03-10T10:00:00+08:00'))).pool.runChecks();
    const margin = Math.max(15_000, 4 * (Date.now() - t0));
    // Midnight in Shanghai is 16:00 UTC, the same UTC date on both sides: a day counted in UTC
    // would skip the second backup. The clock runs on with real time.
    const { pool, file } = await shop(Date.parse('2026-03-11T00:00:00+08:00') - margin, { checksEveryMs: 300 });
    expect(await pool.dispatch('settings.update', { timeZone: 'Asia/Shanghai' })).toMatchObject({ ok: true });
    await pool.runChecks();
    expect(dailies(file)).toHaveLength(1);
    expect(await pool.dispatch('shop.status', {})).toMatchObject({ ok: true, data: { today: '2026-03-10', health: 'ok' } });
    pool.startBackground();
    // ticks on the same day add nothing; the first tick after midnight takes the new day's backup
    await until(() => dailies(file).length >= 2, margin + 30_000);
    expect(dailies(file)).toHaveLength(2);
    expect(await pool.dispatch('shop.status', {})).toMatchObject({ ok: true, data: { today: '2026-03-11', health: 'ok' } });
  }, 240_000);
});

describe('stopping', () => {
  it('a deliberate close with a call in flight answers it and logs no incident', async () => {
    const { errors, log } = logger();
    const { pool } = await shop(Date.parse('2026-03-10T10:00:00+08:00'), { slowMethods: { 'lapsed.list': 8000 }, log });
    const inFlight = pool.dispatch('lapsed.list', {});
    await new Promise((r) => setTimeout(r, 300));
    await pool.close();
    const r = await inFlight;
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL', detail: { reason: 'closing' } } });
    expect(r.ok ? null : r.error.incidentId).toBeUndefined();
    expect(errors.filter((e) => /incident|stopped/.test(e))).toEqual([]);
  }, 30_000);

  it('a worker that stops on its own still gets an incident, logged with its lane and method', async () => {
    const { errors, log } = logger();
    const { pool } = await shop(Date.parse('2026-03-10T10:00:00+08:00'), { slowMethods: { 'lapsed.list': 3000 }, log });
    const inFlight = pool.dispatch('lapsed.list', {});
    await new Promise((r) => setTimeout(r, 300));
    await pool.crash('heavy');
    const r = await inFlight;
    expect(r.ok ? '' : r.error.incidentId).toMatch(/^[0-9a-f]{8}$/);
    expect(errors.some((e) => e.includes(r.ok ? '-' : r.error.incidentId!) && e.includes('heavy'))).toBe(true);
  }, 30_000);
});

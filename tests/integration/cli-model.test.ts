import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CLI = path.resolve(__dirname, '../../dist/cli/index.mjs');
const CDNOW = path.resolve(__dirname, '../fixtures/cdnow/cdnow_sample_sales.csv');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-model-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

describe('regulars model', () => {
  it('fits BG/NBD in days on the CDNOW sample as published (alpha in days = 7 × 4.414) and reports the holdout', () => {
    const db = path.join(dir, 'cdnow.db');
    expect(run('import', 'sales', CDNOW, '--db', db, '--create-customers').status).toBe(0);
    const r = run('model', '--db', db, '--calibration-end', '1997-09-30', '--json');
    expect(r.status, r.stderr).toBe(0);
    const m = JSON.parse(r.stdout) as {
      model: string;
      time_unit: string;
      params: { r: number; alpha: number; a: number; b: number };
      log_likelihood: number;
      customers: number;
      repeat_transactions: number;
      holdout: { actual_repeat_visits: number; expected_repeat_visits: number };
    };
    expect(m).toMatchObject({ model: 'bgnbd', time_unit: 'days', customers: 2357 });
    expect(m.params.r).toBeCloseTo(0.243, 3);
    expect(m.params.alpha / 7).toBeCloseTo(4.414, 2);
    expect(m.params.a).toBeCloseTo(0.793, 3);
    expect(m.params.b).toBeCloseTo(2.426, 2);
    // The weekly log-likelihood −9,582.4 becomes −9,582.4 − (repeat transactions) × ln 7 in days.
    expect(m.log_likelihood + m.repeat_transactions * Math.log(7)).toBeCloseTo(-9582.4, 1);
    expect(m.holdout.actual_repeat_visits).toBeGreaterThan(0);
    expect(m.holdout.expected_repeat_visits).toBeGreaterThan(0);
    expect(run('model', '--db', db, '--calibration-end', '1997-09-30').stdout).toContain('r = 0.2426');
  });

  it('an empty (even missing) database gets the prior and says so', () => {
    const r = run('model', '--db', path.join(dir, 'new', 'empty.db'), '--json');
    expect(r.status, r.stderr).toBe(0);
    const m = JSON.parse(r.stdout) as { source: string; customers: number; params: Record<string, number> };
    expect(m).toMatchObject({ source: 'prior', customers: 0 });
    for (const v of Object.values(m.params)) expect(Number.isFinite(v)).toBe(true);
  });
});

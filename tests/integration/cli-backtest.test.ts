import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simulateSales, SIM_DEFAULTS } from '../helpers/simulate-shop';

const CLI = path.resolve(__dirname, '../../dist/cli/index.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-backtest-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const run = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8' } });

describe('regulars backtest', () => {
  it('prints the price-sensitive and fading checks for the owner’s shop beside the lapsed figures', () => {
    const csv = path.join(dir, 'sales.csv');
    fs.writeFileSync(csv, simulateSales({ ...SIM_DEFAULTS, seed: 9, customers: 300 }).csv);
    const db = path.join(dir, 'shop.db');
    const imp = run('import', 'sales', csv, '--db', db, '--create-customers');
    expect(imp.status, imp.stderr).toBe(0);

    const json = run('backtest', '--db', db, '--as-of', '2025-12-31', '--horizon-days', '90', '--json');
    expect(json.status, json.stderr).toBe(0);
    const r = JSON.parse(json.stdout) as {
      price_sensitive: { judged: number; flagged: number; precision: number; recall: number };
      fading: { judged: number; flagged: number; precision: number; recall: number; steady_called_fading: number };
    };
    expect(r.price_sensitive.judged).toBeGreaterThan(100);
    expect(r.price_sensitive.flagged).toBeGreaterThan(10);
    // Over 90 days the truth is noisy (a few visits each): the measured figures are in docs/lapsed.md.
    expect(r.price_sensitive.precision).toBeGreaterThan(0.6);
    expect(r.price_sensitive.recall).toBeGreaterThan(0.6);
    expect(r.fading.judged).toBeGreaterThan(100);
    expect(r.fading.steady_called_fading).toBeLessThan(0.1);

    const text = run('backtest', '--db', db, '--as-of', '2025-12-31', '--horizon-days', '90');
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain('flag\tjudged\tflagged\tprecision\trecall\tsteady called fading');
    expect(text.stdout).toMatch(
      new RegExp(`^price_sensitive\\t${r.price_sensitive.judged}\\t${r.price_sensitive.flagged}\\t`, 'm'),
    );
    expect(text.stdout).toMatch(new RegExp(`^fading\\t${r.fading.judged}\\t${r.fading.flagged}\\t`, 'm'));
  }, 120_000);
});

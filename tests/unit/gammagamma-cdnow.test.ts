import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { expectedSpend, fitGammaGamma } from '../../shared/domain/gammagamma';
import { fitBgNbd, type Rfm } from '../../shared/domain/bgnbd';

const CSV = path.resolve(__dirname, '../fixtures/cdnow/cdnow_sample_sales.csv');

/**
 * The lifetimes documentation fits Gamma–Gamma to the CDNOW sample's calibration period (repeat
 * customers, monetary value = mean of the repeat transactions' daily totals): p ≈ 6.25, q ≈ 3.74,
 * γ ≈ 15.44.
 */
describe('Gamma–Gamma on the CDNOW sample', () => {
  it('reproduces the documented parameters', () => {
    const byCustomer = new Map<string, Map<string, number>>();
    for (const line of fs.readFileSync(CSV, 'utf8').trim().split('\n').slice(1)) {
      const [id, date, amount] = line.split(',') as [string, string, string];
      if (date > '1997-09-30') continue;
      const days = byCustomer.get(id) ?? new Map<string, number>();
      days.set(date, (days.get(date) ?? 0) + Number(amount));
      byCustomer.set(id, days);
    }
    const data = [...byCustomer.values()].map((days) => {
      const values = [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
      const repeat = values.slice(1);
      return { x: repeat.length, m: repeat.length ? repeat.reduce((s, v) => s + v, 0) / repeat.length : 0 };
    });
    const fit = fitGammaGamma(data.filter((d) => d.m > 0));
    expect(fit.params.p).toBeCloseTo(6.25, 1);
    expect(fit.params.q).toBeCloseTo(3.74, 1);
    expect(fit.params.gamma).toBeCloseTo(15.44, 0);
    // A customer's expected spend lies between their own mean and the population mean.
    const e = expectedSpend(fit.params, 3, 100);
    expect(e).toBeLessThan(100);
    expect(e).toBeGreaterThan((fit.params.p * fit.params.gamma) / (fit.params.q - 1));
  });
});

/** Draws a shop from known BG/NBD parameters and checks the fit finds them again. */
function simulate(params: { r: number; alpha: number; a: number; b: number }, n: number, T: number, seed: number): Rfm[] {
  let s = seed >>> 0;
  const u = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  // Marsaglia–Tsang gamma draws; beta from two gammas.
  const normal = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  const gamma = (k: number): number => {
    if (k < 1) return gamma(k + 1) * Math.pow(u(), 1 / k);
    const d = k - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const z = normal();
      const v = Math.pow(1 + c * z, 3);
      if (v > 0 && Math.log(u()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  const out: Rfm[] = [];
  for (let i = 0; i < n; i++) {
    const lambda = gamma(params.r) / params.alpha;
    const g1 = gamma(params.a);
    const p = g1 / (g1 + gamma(params.b));
    let t = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      t += -Math.log(u()) / lambda;
      if (t > T) break;
      x++;
      tx = t;
      if (u() < p) break; // drops out right after this purchase
    }
    out.push({ x, tx, T });
  }
  return out;
}

describe('BG/NBD parameter recovery on simulated data', () => {
  it('finds the parameters a simulated shop was drawn from', () => {
    const truth = { r: 0.8, alpha: 40, a: 0.9, b: 3 };
    const fit = fitBgNbd(simulate(truth, 20_000, 540, 11));
    expect(fit.params.r).toBeGreaterThan(truth.r * 0.85);
    expect(fit.params.r).toBeLessThan(truth.r * 1.15);
    expect(fit.params.alpha).toBeGreaterThan(truth.alpha * 0.8);
    expect(fit.params.alpha).toBeLessThan(truth.alpha * 1.2);
    expect(fit.params.a).toBeGreaterThan(truth.a * 0.7);
    expect(fit.params.a).toBeLessThan(truth.a * 1.3);
    expect(fit.params.b).toBeGreaterThan(truth.b * 0.7);
    expect(fit.params.b).toBeLessThan(truth.b * 1.3);
  }, 60_000); // 20,000 simulated customers: a few seconds, more on a busy machine
});

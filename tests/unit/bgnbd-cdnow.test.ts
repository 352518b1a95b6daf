import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { expectedPurchases, fitBgNbd, pAlive, type Rfm } from '../../shared/domain/bgnbd';
import { lgamma } from '../../shared/domain/special';

/**
 * Fader, Hardie & Lee (2005) fit the BG/NBD model to the CDNOW sample (2,357 customers, first
 * purchase in Q1 1997), calibration to the end of week 39 (1997-09-30), time in weeks:
 * r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, log-likelihood -9582.4.
 */
const PUBLISHED = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, logLik: -9582.4 };
const CSV = path.resolve(__dirname, '../fixtures/cdnow/cdnow_sample_sales.csv');

function summarise(endIso: string, unitDays: number): { rfm: Rfm[]; holdout: number[] } {
  const days = new Map<string, Set<number>>();
  for (const line of fs.readFileSync(CSV, 'utf8').trim().split('\n').slice(1)) {
    const [id, date] = line.split(',');
    const d = Date.parse(date! + 'T00:00:00Z') / 86_400_000;
    if (!days.has(id!)) days.set(id!, new Set());
    days.get(id!)!.add(d);
  }
  const end = Date.parse(endIso + 'T00:00:00Z') / 86_400_000;
  const rfm: Rfm[] = [];
  const holdout: number[] = [];
  for (const set of days.values()) {
    const all = [...set].sort((a, b) => a - b);
    const cal = all.filter((d) => d <= end);
    const first = cal[0]!;
    rfm.push({ x: cal.length - 1, tx: (cal[cal.length - 1]! - first) / unitDays, T: (end - first) / unitDays });
    holdout.push(all.length - cal.length);
  }
  return { rfm, holdout };
}

describe('BG/NBD on the CDNOW sample', () => {
  it('lgamma matches known values', () => {
    expect(lgamma(1)).toBeCloseTo(0, 12);
    expect(lgamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(lgamma(10)).toBeCloseTo(Math.log(362880), 10);
  });

  it('reproduces the published parameters and log-likelihood (weeks)', () => {
    const { rfm } = summarise('1997-09-30', 7);
    expect(rfm).toHaveLength(2357);
    const fit = fitBgNbd(rfm);
    expect(fit.params.r).toBeCloseTo(PUBLISHED.r, 3);
    expect(fit.params.alpha).toBeCloseTo(PUBLISHED.alpha, 2);
    expect(fit.params.a).toBeCloseTo(PUBLISHED.a, 3);
    expect(fit.params.b).toBeCloseTo(PUBLISHED.b, 2);
    expect(fit.logLik).toBeCloseTo(PUBLISHED.logLik, 1);
  });

  it('in days, alpha scales by 7 and the rest stay; the holdout forecast is close to what happened', () => {
    const { rfm, holdout } = summarise('1997-09-30', 1);
    const fit = fitBgNbd(rfm);
    expect(fit.params.alpha / 7).toBeCloseTo(PUBLISHED.alpha, 1);
    expect(fit.params.r).toBeCloseTo(PUBLISHED.r, 2);
    const expected = rfm.reduce((s, c) => s + expectedPurchases(fit.params, c, 273), 0);
    const actual = holdout.reduce((s, n) => s + n, 0);
    // 1,653 expected against 1,882 repeat visit-days observed: the model is a little cautious on
    // this cohort's second year, as the aggregate tracking plots in the literature also show.
    expect(Math.abs(expected - actual) / actual).toBeLessThan(0.15);
    for (const c of rfm.slice(0, 50)) {
      const p = pAlive(fit.params, c);
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThanOrEqual(1);
    }
  });
});

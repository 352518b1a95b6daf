import { describe, expect, it } from 'vitest';
import {
  boughtLessAfterPriceRise,
  DEFAULT_CHURN,
  judge,
  tiersByValue,
  valueAtRisk,
  type CustomerNumbers,
} from '../../shared/domain/churn';
import { calibrationEndFor } from '../../shared/domain/calibration';

const day = 20_000;
/** sum of squares of `n` visits averaging `perVisit` with a coefficient of variation of 0.3 */
const sq = (n: number, perVisit: number) => n * perVisit * perVisit * 1.09;
const base: CustomerNumbers = {
  visits: 10,
  firstDay: day - 400,
  lastDay: day - 5,
  asOfDay: day,
  shopGapDays: 30,
  pAlive: 0.9,
  pNoReturn90: 0.1,
  visitsRecent: 3,
  spendRecent: 30000,
  spendSqRecent: sq(3, 10000),
  visitsBefore: 6,
  spendBefore: 60000,
  spendSqBefore: sq(6, 10000),
};

describe('judging one customer', () => {
  it.each<[string, Partial<CustomerNumbers>, string, string[]]>([
    [
      'a weekly regular gone quiet for 47 days',
      { visits: 60, firstDay: day - 460, lastDay: day - 47, pAlive: 0.02, pNoReturn90: 0.98, visitsRecent: 20, visitsBefore: 45 },
      'lapsed',
      ['overdue', 'low_p_alive'],
    ],
    [
      'a quarterly customer on schedule',
      {
        visits: 5,
        firstDay: day - 400,
        lastDay: day - 60,
        pAlive: 0.85,
        pNoReturn90: 0.45,
        visitsRecent: 2,
        visitsBefore: 3,
        spendRecent: 20000,
        spendSqRecent: sq(2, 10000),
        spendBefore: 30000,
        spendSqBefore: sq(3, 10000),
      },
      'active',
      [],
    ],
    [
      'a one-off buyer long ago is not lapsed',
      { visits: 1, firstDay: day - 300, lastDay: day - 300, pAlive: 1, pNoReturn90: 0.9 },
      'active',
      [],
    ],
    [
      'a fader: from about 2 visits a month to 1 in two months, spending less each time',
      {
        visits: 30,
        firstDay: day - 540,
        lastDay: day - 10,
        visitsRecent: 3,
        visitsBefore: 26,
        spendRecent: 15000,
        spendSqRecent: sq(3, 5000),
        spendBefore: 260000,
        spendSqBefore: sq(26, 10000),
      },
      'fading',
      ['visits_down', 'spend_down'],
    ],
    [
      'a small dip is not a fall: 11 visits in six months after 26 in a year',
      {
        visits: 38,
        firstDay: day - 540,
        lastDay: day - 10,
        visitsRecent: 11,
        visitsBefore: 26,
        spendRecent: 110000,
        spendSqRecent: sq(11, 10000),
        spendBefore: 260000,
        spendSqBefore: sq(26, 10000),
      },
      'active',
      [],
    ],
    [
      'a spender cutting back without visiting less',
      {
        visits: 30,
        firstDay: day - 540,
        lastDay: day - 3,
        visitsRecent: 8,
        visitsBefore: 16,
        spendRecent: 16000,
        spendSqRecent: sq(8, 2000),
        spendBefore: 160000,
        spendSqBefore: sq(16, 10000),
      },
      'fading',
      ['spend_down'],
    ],
  ])('%s', (_label, patch, status, reasons) => {
    const j = judge({ ...base, ...patch });
    expect(j.status).toBe(status);
    expect(j.reasons.filter((r) => r !== 'single_visit')).toEqual(reasons);
  });

  it('the guard against regression to the mean: an unusually busy year is weighed against older history', () => {
    // Monthly for two years (24 visits), then a busy year (36), then monthly again (6 in six months).
    const n = {
      ...base,
      visits: 66,
      firstDay: day - 547 - 730,
      lastDay: day - 20,
      visitsBefore: 36,
      visitsRecent: 6,
      spendBefore: 360000,
      spendSqBefore: sq(36, 10000),
      spendRecent: 60000,
      spendSqRecent: sq(6, 10000),
    };
    expect(judge(n, { ...DEFAULT_CHURN, meanGuard: false }).status).toBe('fading');
    expect(judge(n).status).toBe('active');
  });

  it('a fall smaller than dropAtLeast does not count, however sure', () => {
    // Spend per visit down 20% on many visits: clear, but below the 30% that counts.
    const n = {
      ...base,
      visits: 120,
      firstDay: day - 540,
      visitsBefore: 70,
      visitsRecent: 35,
      spendBefore: 700000,
      spendSqBefore: sq(70, 10000),
      spendRecent: 280000,
      spendSqRecent: sq(35, 8000),
    };
    expect(judge(n).status).toBe('active');
    expect(judge(n, { ...DEFAULT_CHURN, dropAtLeast: 0.15 }).reasons).toContain('spend_down');
  });

  it('says how usual the gap is and how long it has been', () => {
    const j = judge({ ...base, visits: 51, firstDay: day - 600, lastDay: day - 47 });
    // 553 days over 50 gaps ≈ 11.1, shrunk a little toward the shop’s 30 days.
    expect(j.usualGap).toBe(12);
    expect(j.daysSinceLast).toBe(47);
  });
});

describe('price sensitivity, tiers, value at risk', () => {
  it('tiers follow the trailing 12-month value: top 5% key, next 15% main, next 30% ordinary', () => {
    const values = Array.from({ length: 100 }, (_, i) => (100 - i) * 1000);
    const tiers = tiersByValue(values);
    expect(tiers.filter((t) => t === 'key')).toHaveLength(5);
    expect(tiers.filter((t) => t === 'main')).toHaveLength(15);
    expect(tiers.filter((t) => t === 'ordinary')).toHaveLength(30);
    expect(tiersByValue([0, 5])).toEqual(['small', 'key']);
  });
  it('value at risk is the trailing value times the chance they are gone', () => {
    expect(valueAtRisk(100_000, 0.25)).toBe(75_000);
  });
});

describe('bought less after a price rise', () => {
  it.each([
    [{ amount: 8, days: 8, sinceFirstHalf: true }, 4, true],
    [{ amount: 8, days: 8, sinceFirstHalf: true }, 5, false],
    [{ amount: 6, days: 2, sinceFirstHalf: true }, 0, true],
    [{ amount: 6, days: 2, sinceFirstHalf: false }, 0, false],
    [{ amount: 6, days: 1, sinceFirstHalf: true }, 0, false],
    [undefined, 0, false],
  ])('%j before, %d after the change → bought less: %s', (before, after, expected) => {
    expect(boughtLessAfterPriceRise(before, after)).toBe(expected);
  });
});

describe('the model is fitted per month', () => {
  it.each([
    ['2026-03-10', '2026-02-28'],
    ['2026-03-31', '2026-03-31'],
    ['2024-03-01', '2024-02-29'],
    ['1997-09-30', '1997-09-30'],
    ['2026-01-15', '2025-12-31'],
  ])('a list as of %s uses the fit up to %s', (asOf, end) => {
    expect(calibrationEndFor(asOf)).toBe(end);
  });
});

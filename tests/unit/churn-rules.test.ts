import { describe, expect, it } from 'vitest';
import {
  boughtLessAfterPriceRise,
  judge,
  priceProfile,
  priceSensitivity,
  tiersByValue,
  valueAtRisk,
  type CustomerNumbers,
} from '../../shared/domain/churn';
import { calibrationEndFor } from '../../main/services/model';

const day = 20_000;
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
  visitsBefore: 6,
  spendBefore: 60000,
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
        spendBefore: 30000,
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
      'a fader: visits halved in the last six months',
      {
        visits: 40,
        firstDay: day - 540,
        lastDay: day - 10,
        visitsRecent: 4,
        visitsBefore: 24,
        spendRecent: 40000,
        spendBefore: 240000,
      },
      'fading',
      ['visits_down', 'spend_down'],
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
        spendBefore: 160000,
      },
      'fading',
      ['spend_down'],
    ],
  ])('%s', (_label, patch, status, reasons) => {
    const j = judge({ ...base, ...patch });
    expect(j.status).toBe(status);
    for (const r of reasons) expect(j.reasons).toContain(r);
  });

  it('an earlier period that was unusually busy is shrunk before comparing (no false fader)', () => {
    // 9 visits in the 12 earlier months of a customer who otherwise comes every other month.
    const j = judge({
      ...base,
      visits: 15,
      firstDay: day - 900,
      lastDay: day - 20,
      visitsBefore: 9,
      visitsRecent: 3,
      spendBefore: 90000,
      spendRecent: 45000,
    });
    expect(j.status).toBe('active');
  });

  it('says how usual the gap is and how long it has been', () => {
    const j = judge({ ...base, visits: 51, firstDay: day - 600, lastDay: day - 47 });
    // 553 days over 50 gaps ≈ 11.1, shrunk a little toward the shop’s 30 days.
    expect(j.usualGap).toBe(12);
    expect(j.daysSinceLast).toBe(47);
  });
});

describe('price sensitivity, tiers, value at risk', () => {
  it.each([
    [8, 10, 0.2, 75],
    [2, 10, 0.2, 0],
    [10, 10, 0.2, 100],
    [0, 0, 0.2, 0],
  ])('%i promotion visits of %i with a shop share of %f → %i', (promo, visits, shop, score) => {
    expect(priceSensitivity(promo, visits, shop)).toBe(score);
  });
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

describe('price profile', () => {
  const base = {
    visits: 10,
    promoVisits: 2,
    paidMinor: 9000,
    discountMinor: 1000,
    shopPromoShare: 0.2,
    shopDiscountShare: 0.1,
    boughtLessAfterRise: false,
  };
  it('a customer who buys like everyone else scores 0 with no reasons', () => {
    expect(priceProfile(base)).toEqual({ score: 0, reasons: [] });
  });
  it('a promotion hunter scores high for both promotion visits and discounted spend', () => {
    const p = priceProfile({ ...base, promoVisits: 9, paidMinor: 4000, discountMinor: 6000 });
    expect(p.reasons).toEqual(['mostly_promotions', 'discounted_spend']);
    expect(p.score).toBeGreaterThanOrEqual(60);
  });
  it('buying clearly less after a price change adds 30 points and its reason', () => {
    expect(priceProfile({ ...base, boughtLessAfterRise: true })).toEqual({
      score: 30,
      reasons: ['bought_less_after_price_rise'],
    });
  });
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

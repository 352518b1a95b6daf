import { describe, expect, it } from 'vitest';
import { betaCdf, binomialAtLeast, binomialAtMost, priorStrength, studentTCdf, welchBelow } from '../../shared/domain/stats';
import { farAboveShop, lessAfterRise, priceProfile, promotionWeeks, type PriceNumbers } from '../../shared/domain/price';

describe('the distributions behind the flags', () => {
  it.each([
    ['I_0.5(2, 3) = 11/16', betaCdf(0.5, 2, 3), 0.6875],
    ['I_0.9(1, 1) = 0.9', betaCdf(0.9, 1, 1), 0.9],
    ['P(X ≥ 8), X ~ Bin(10, 0.1)', binomialAtLeast(8, 10, 0.1), 3.736e-7],
    ['P(X ≤ 2), X ~ Bin(10, ½) = 56/1024', binomialAtMost(2, 10, 0.5), 0.0546875],
    ['P(X ≤ 0), X ~ Bin(4, ½) = 1/16', binomialAtMost(0, 4, 0.5), 0.0625],
    ['t(10) at 2.228 (the 97.5% point)', studentTCdf(2.228, 10), 0.975],
    ['t(3) at −3.182 (the 2.5% point)', studentTCdf(-3.182, 3), 0.025],
  ])('%s', (_label, got, want) => {
    expect(got).toBeCloseTo(want, want < 1e-3 ? 9 : 4);
  });

  it('Welch: the same spend is no evidence of a fall, half the spend on 10 visits is', () => {
    const s = (n: number, mean: number) => ({ n, sum: n * mean, sumSq: n * mean * mean * 1.09 });
    expect(welchBelow(s(20, 100), s(10, 100))).toBeCloseTo(0.5, 6);
    expect(welchBelow(s(20, 100), s(10, 50))).toBeLessThan(0.001);
    expect(welchBelow(s(20, 100), s(1, 10))).toBe(1);
  });

  it('empirical Bayes: customers alike give the strongest prior (19 visits), a distinct group a weak one', () => {
    const alike = Array.from({ length: 200 }, () => ({ k: 2, n: 20, p: 0.1 }));
    expect(priorStrength(alike)).toBeCloseTo(19, 6);
    const split = Array.from({ length: 200 }, (_, i) => ({ k: i % 5 === 0 ? 14 : 2, n: 20, p: 0.2 }));
    expect(priorStrength(split)).toBeLessThan(5);
  });
});

const quiet: PriceNumbers = {
  visits: 20,
  dealVisits: 2,
  sameWeeksShare: 0.1,
  promoWeekVisits: 5,
  promoWeekShare: 0.25,
  dealPrior: 5,
  weekPrior: 5,
  priceRise: null,
  priceComplaint: false,
};
const rules = { sureAbove: 80, minVisits: 4 };

describe('price sensitivity: each signal on its own evidence', () => {
  it('a customer who buys like everyone else is not price-sensitive', () => {
    expect(priceProfile(quiet, rules)).toMatchObject({ sensitive: false, reasons: [] });
  });

  it('8 of every 10 visits on promotion where the shop’s customers take 1 in 10 is flagged, even with the strongest prior', () => {
    const p = priceProfile({ ...quiet, dealVisits: 16, dealPrior: 19 }, rules);
    expect(p).toMatchObject({ sensitive: true, reasons: ['mostly_promotions'] });
    expect(p.score).toBeGreaterThanOrEqual(90);
    expect(priceProfile({ ...quiet, visits: 10, dealVisits: 8 }, rules).sensitive).toBe(true);
  });

  it('weighs evidence by how much there is: 3 of 4 is weaker than 30 of 40', () => {
    expect(farAboveShop(3, 4, 0.1, 5)).toBeLessThan(farAboveShop(30, 40, 0.1, 5));
    expect(priceProfile({ ...quiet, visits: 4, dealVisits: 3, promoWeekVisits: 1 }, rules).sensitive).toBe(false);
    expect(priceProfile({ ...quiet, visits: 40, dealVisits: 30 }, rules).sensitive).toBe(true);
  });

  it('is judged against the same weeks: 11 of 20 is ordinary in weeks at 5 in 10, not in weeks at 1 in 10', () => {
    expect(priceProfile({ ...quiet, dealVisits: 11, sameWeeksShare: 0.5 }, rules).sensitive).toBe(false);
    expect(priceProfile({ ...quiet, dealVisits: 11, sameWeeksShare: 0.1 }, rules).sensitive).toBe(true);
  });

  it('visits crowded into promotion weeks flag a customer on their own', () => {
    const p = priceProfile({ ...quiet, promoWeekVisits: 15 }, rules);
    expect(p).toMatchObject({ sensitive: true, reasons: ['promotion_weeks'] });
  });

  it('a price or competitor complaint flags a customer on its own, however few their visits', () => {
    expect(priceProfile({ ...quiet, visits: 1, dealVisits: 0, priceComplaint: true }, rules)).toEqual({
      score: 100,
      sensitive: true,
      reasons: ['price_complaint'],
    });
  });

  it('buying less after a price rise counts by how clear the fall is (a test of equal rates)', () => {
    expect(lessAfterRise(8, 2)).toBeCloseTo(1 - 56 / 1024, 9);
    const clear = priceProfile({ ...quiet, priceRise: { before: 8, after: 2 } }, rules);
    expect(clear).toMatchObject({ score: 95, sensitive: true, reasons: ['bought_less_after_price_rise'] });
    // Two visits before and none after: worth saying, not yet evidence.
    const thin = priceProfile({ ...quiet, priceRise: { before: 2, after: 0 } }, rules);
    expect(thin).toMatchObject({ score: 75, sensitive: false, reasons: ['bought_less_after_price_rise'] });
  });

  it('below the minimum visits the promotion signals are not judged', () => {
    expect(priceProfile({ ...quiet, visits: 3, dealVisits: 3, promoWeekVisits: 3 }, rules).score).toBe(0);
  });

  it('promotion weeks: the shop’s deal share at least 1.5 times its usual share, on 5 visits or more', () => {
    const weeks = [
      { n: 100, d: 10 },
      { n: 100, d: 12 },
      { n: 100, d: 40 },
      { n: 4, d: 4 },
    ];
    expect(promotionWeeks(weeks)).toEqual([false, false, true, false]);
    expect(promotionWeeks([{ n: 50, d: 0 }])).toEqual([false]);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_PRIOR_WEIGHT, FALLBACK_SHOP_GAP_DAYS, medianOf, usualGapDays } from '../../shared/domain/cadence';

describe('usualGapDays', () => {
  it.each([
    // visits, first day, last day, shop gap, expected
    [0, 0, 0, 30, null], // never visited
    [1, 0, 0, 30, 30], // one visit: all prior
    [1, 0, 0, 7.6, 8],
    [2, 0, 10, 30, 23], // (1·10 + 2·30) / 3 = 23.3: half own gap, half shop
    [2, 0, 30, 7, 15], // (1·30 + 2·7) / 3 = 14.7
    [3, 0, 20, 30, 20], // (2·10 + 2·30) / 4 = 20
    [50, 0, 343, 30, 8], // weekly regular: (49·7 + 2·30) / 51 = 7.9, judged by their own rhythm
    [50, 0, 343, 7, 7],
    [3, 0, 0, 0.2, 1], // never below one day
  ])('visits=%d days %d..%d, shop gap %d → %s', (visits, first, last, shop, expected) => {
    expect(usualGapDays(visits, first, last, shop)).toBe(expected);
  });

  it('shrinks a 2-visit customer much more than a 50-visit one', () => {
    const shop = 30;
    const own = 7;
    const two = usualGapDays(2, 0, own, shop)!;
    const fifty = usualGapDays(50, 0, own * 49, shop)!;
    expect(Math.abs(two - own)).toBeGreaterThan(Math.abs(fifty - own));
    expect(two).toBeGreaterThan(own);
    expect(two).toBeLessThan(shop);
    expect(Math.abs(fifty - own)).toBeLessThanOrEqual(1);
  });

  it('with no prior weight is the plain mean gap', () => {
    expect(usualGapDays(5, 0, 40, 30, 0)).toBe(10);
  });

  it('uses a prior weight of 2 gaps by default', () => {
    expect(DEFAULT_PRIOR_WEIGHT).toBe(2);
    expect(usualGapDays(2, 0, 10, 30)).toBe(usualGapDays(2, 0, 10, 30, 2));
  });
});

describe('medianOf', () => {
  it.each([
    [[], 30, 30],
    [[], FALLBACK_SHOP_GAP_DAYS, 30],
    [[5], 30, 5],
    [[3, 1, 2], 30, 2],
    [[4, 1, 3, 2], 30, 2.5],
    [[10, 10, 10, 100], 30, 10],
    [[7.5, 6.5], 30, 7],
    [[-1, 0, 1], 30, 0],
  ])('medianOf(%j, %d) = %d', (values, fallback, median) => {
    expect(medianOf(values, fallback)).toBe(median);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    medianOf(values, 0);
    expect(values).toEqual([3, 1, 2]);
  });
});

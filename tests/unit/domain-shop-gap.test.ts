import { describe, expect, it } from 'vitest';
import { FALLBACK_SHOP_GAP_DAYS, SHOP_GAP_SAMPLE, shopGapDays } from '../../shared/domain/cadence';

/** The shop's typical gap: one definition for the counter, the customer page and the lists. */
describe('shopGapDays', () => {
  it('is the median of the mean gaps of customers with at least three visits', () => {
    expect(
      shopGapDays([
        { id: 1, visits: 3, firstDay: 0, lastDay: 20 }, // 10
        { id: 2, visits: 5, firstDay: 100, lastDay: 180 }, // 20
        { id: 3, visits: 2, firstDay: 0, lastDay: 300 }, // too few visits
        { id: 4, visits: 4, firstDay: 10, lastDay: 100 }, // 30
      ]),
    ).toBe(20);
  });

  it('falls back to a monthly shop with no regulars yet', () => {
    expect(shopGapDays([{ id: 1, visits: 2, firstDay: 0, lastDay: 7 }])).toBe(FALLBACK_SHOP_GAP_DAYS);
  });

  it('asks only the newest customers, so a sample of them and the whole shop agree', () => {
    const all = Array.from({ length: SHOP_GAP_SAMPLE + 3000 }, (_, i) => ({
      id: i + 1,
      visits: 3,
      firstDay: 0,
      // the oldest 3,000 customers come every 50 days, the newer ones every 10
      lastDay: i < 3000 ? 100 : 20,
    }));
    const newest = [...all].sort((a, b) => b.id - a.id).slice(0, SHOP_GAP_SAMPLE);
    expect(shopGapDays(all)).toBe(10);
    expect(shopGapDays(newest)).toBe(shopGapDays(all));
    // in any order
    expect(shopGapDays([...all].reverse())).toBe(10);
  });
});

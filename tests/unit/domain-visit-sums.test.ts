import { describe, expect, it } from 'vitest';
import { sumImportedSales, type SaleToSum } from '../../shared/domain/visit-sums';

const sale = (c: number, day: number, at: number, amountMinor: number, deal: Partial<SaleToSum['v']> = {}): SaleToSum => ({
  c,
  day,
  at,
  v: {
    date: { date: `2026-03-${String(day - 100).padStart(2, '0')}` },
    amountMinor,
    items: 1,
    discountMinor: 0,
    isPromotion: false,
    ...deal,
  },
});

describe('sumImportedSales: what an import adds to the shop days and to its new customers', () => {
  it('counts a customer day once, a deal day when any sale of it was a promotion or discounted, walk-ins apart', () => {
    const r = sumImportedSales([
      sale(0, 101, 10, 500),
      sale(0, 102, 20, 700),
      // a customer the shop has: two sales on day 101, the second with a discount
      sale(4, 101, 11, 1000),
      sale(4, 101, 12, 300, { discountMinor: 50 }),
      sale(4, 102, 21, 200),
      // the file's new customer 1: a promotion on day 102, and a sale back on 101 after it (a 23-hour day)
      sale(-1, 102, 30, 900, { isPromotion: true }),
      sale(-1, 101, 31, 100),
      // new customer 2: two discounted sales on one day (one deal visit), a plain one two days later
      sale(-2, 103, 40, 400, { discountMinor: 30 }),
      sale(-2, 103, 41, 100, { discountMinor: 20 }),
      sale(-2, 105, 50, 250),
    ]);
    expect(r.days.sort((a, b) => a.day - b.day)).toEqual([
      { day: 101, sales: 4, amountMinor: 1900, items: 4, walkInSales: 1, visits: 2, dealVisits: 1 },
      { day: 102, sales: 3, amountMinor: 1800, items: 3, walkInSales: 1, visits: 2, dealVisits: 1 },
      { day: 103, sales: 2, amountMinor: 500, items: 2, walkInSales: 0, visits: 1, dealVisits: 1 },
      { day: 105, sales: 1, amountMinor: 250, items: 1, walkInSales: 0, visits: 1, dealVisits: 0 },
    ]);
    expect(r.newCustomers).toEqual([
      {
        seq: 1,
        visits: 2,
        sales: 2,
        amountMinor: 1000,
        discountMinor: 0,
        promoVisits: 1,
        firstAt: 30,
        lastAt: 31,
        firstDate: '2026-03-01',
        lastDate: '2026-03-02',
        firstDay: 101,
        lastDay: 102,
      },
      {
        seq: 2,
        visits: 2,
        sales: 3,
        amountMinor: 750,
        discountMinor: 50,
        promoVisits: 1,
        firstAt: 40,
        lastAt: 50,
        firstDate: '2026-03-03',
        lastDate: '2026-03-05',
        firstDay: 103,
        lastDay: 105,
      },
    ]);
  });

  it('nothing to sum: no days, no customers', () => {
    expect(sumImportedSales([])).toEqual({ days: [], newCustomers: [] });
  });
});

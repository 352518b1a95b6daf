/**
 * What an import's sales add to the shop's days and to the totals of the customers it creates,
 * summed in one pass over the checked rows before they are staged (main/services/import/write.ts). SQL would group a
 * million staged rows for this (two sorts, 2 s of the import); here it is a walk over rows that are
 * already in customer order. The customers' visit days themselves are grouped in SQL, over the
 * staging table's key (main/db/queries/import-sums.ts). Pure: no database.
 */

/** One checked sale, as write.ts sorts them: customer by customer (`c`: 0 a walk-in, > 0 a customer the shop has, < 0 the file's new customer −seq). */
export interface SaleToSum {
  c: number;
  /** the business date's julian day (julianDay), as `visit_days.day` */
  day: number;
  at: number;
  v: { date: { date: string }; amountMinor: number; items: number; discountMinor: number; isPromotion: boolean };
}

/** A day of the file, as migration 5 and 19 count a `shop_days` row: its sales, and its customers' visits (a customer's day is one visit). */
export interface FileDay {
  day: number;
  sales: number;
  amountMinor: number;
  items: number;
  walkInSales: number;
  visits: number;
  dealVisits: number;
}

/**
 * A customer the file creates, with the totals migration 13 keeps on a customer's row and those
 * migration 5 keeps in `visit_totals` (every day of theirs is a new visit).
 */
export interface NewCustomerTotals {
  seq: number;
  visits: number;
  sales: number;
  amountMinor: number;
  discountMinor: number;
  /** days with a promotion ticked or a discount typed on one of the day's sales */
  promoVisits: number;
  firstAt: number;
  lastAt: number;
  firstDate: string;
  lastDate: string;
  /** julian days, as `visit_totals.first_day` and `last_day` */
  firstDay: number;
  lastDay: number;
}

/**
 * The file's days and its new customers' totals. `sales` must hold each customer's sales side by
 * side (any order within a customer: a day that daylight saving makes 23 hours long can put a
 * sale's instant after the next day's first one).
 */
export function sumImportedSales(sales: readonly SaleToSum[]): { days: FileDay[]; newCustomers: NewCustomerTotals[] } {
  const days = new Map<number, FileDay>();
  const newCustomers: NewCustomerTotals[] = [];
  const dayOf = (day: number) => {
    let d = days.get(day);
    if (!d) days.set(day, (d = { day, sales: 0, amountMinor: 0, items: 0, walkInSales: 0, visits: 0, dealVisits: 0 }));
    return d;
  };
  // the current customer's days: whether each had a promotion sale (a deal visit, migration 19)
  let customer = 0;
  const visitDays = new Map<number, boolean>();
  let totals: NewCustomerTotals | null = null;
  const endCustomer = () => {
    for (const [day, deal] of visitDays) {
      const d = dayOf(day);
      d.visits++;
      if (deal) d.dealVisits++;
    }
    if (totals) {
      totals.visits = visitDays.size;
      for (const [day, deal] of visitDays) {
        if (deal) totals.promoVisits++;
        if (day < totals.firstDay) totals.firstDay = day;
        if (day > totals.lastDay) totals.lastDay = day;
      }
      newCustomers.push(totals);
    }
    visitDays.clear();
    totals = null;
  };
  for (const s of sales) {
    const { amountMinor, date } = s.v;
    const d = dayOf(s.day);
    d.sales++;
    d.amountMinor += amountMinor;
    d.items += s.v.items;
    if (s.c === 0) {
      d.walkInSales++;
      continue;
    }
    if (s.c !== customer) {
      endCustomer();
      customer = s.c;
      if (s.c < 0)
        totals = {
          seq: -s.c,
          visits: 0,
          sales: 0,
          amountMinor: 0,
          discountMinor: 0,
          promoVisits: 0,
          firstAt: s.at,
          lastAt: s.at,
          firstDate: date.date,
          lastDate: date.date,
          firstDay: s.day,
          lastDay: s.day,
        };
    }
    const deal = s.v.isPromotion || s.v.discountMinor > 0;
    visitDays.set(s.day, (visitDays.get(s.day) ?? false) || deal);
    if (totals) {
      totals.sales++;
      totals.amountMinor += amountMinor;
      totals.discountMinor += s.v.discountMinor;
      if (s.at < totals.firstAt) totals.firstAt = s.at;
      if (s.at > totals.lastAt) totals.lastAt = s.at;
      if (date.date < totals.firstDate) totals.firstDate = date.date;
      if (date.date > totals.lastDate) totals.lastDate = date.date;
    }
  }
  endCustomer();
  return { days: [...days.values()], newCustomers };
}

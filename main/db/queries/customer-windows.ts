import type { Db } from '../open';
import { stmt } from '../stmt';

/** Everything the lapsed list needs per customer as of a date, in one pass over `visit_days` (days as julian day numbers). */
export interface CustomerWindowRow {
  customer_id: number;
  first_day: number;
  last_day: number;
  visits: number;
  spend: number;
  discount: number;
  value12: number;
  visits_recent: number;
  spend_recent: number;
  visits_before: number;
  spend_before: number;
  promo_visits: number;
  /** sums of squared spend per visit in the recent and before windows (for a test of spend per visit) */
  spend_sq_recent: number;
  spend_sq_before: number;
  /** since `before`, against the shop's weeks (DEAL_COLUMNS) */
  deal_visits: number;
  expected_deals: number;
  promo_week_visits: number;
}

export interface WindowDays {
  asOf: number;
  year: number;
  recent: number;
  before: number;
}

/**
 * A deal visit: a promotion ticked or a discount typed on any of the day's sales (`promo_sales`
 * counts exactly those sales, migration 3; shop_days.deal_visits counts the same visits).
 */
export const DEAL = '(v.promo_sales > 0)';

/**
 * The shop's days after `after` up to `asOf` on which customers came, as [day, visits, deal visits]
 * (migration 19 keeps both counts: customers with a sale that day, and those of them with a
 * promotion ticked or a discount typed).
 */
export function shopDayVisits(db: Db, after: number, asOf: number): [number, number, number][] {
  return stmt<[number, number], [number, number, number]>(
    db,
    'SELECT day, visits, deal_visits FROM shop_days WHERE day > ? AND day <= ? AND visits > 0 ORDER BY day',
  )
    .raw(true)
    .all(after, asOf);
}

/** A shop week as the windows weigh deal visits: julian day / 7, visits, deal visits, promotion week (0/1). */
export type DealWeek = readonly [week: number, visits: number, deals: number, promo: number];

/**
 * Runs `read` with the shop's weeks in a temporary table of this connection (temp.deal_weeks), for
 * the windows' deal columns (DEAL_COLUMNS) to look up each visit's week; emptied again after.
 */
function withDealWeeks<T>(db: Db, weeks: readonly DealWeek[], read: () => T): T {
  db.exec(
    'CREATE TEMP TABLE IF NOT EXISTS deal_weeks (week INTEGER PRIMARY KEY, n REAL NOT NULL, d REAL NOT NULL, promo INTEGER NOT NULL)',
  );
  const clear = stmt(db, 'DELETE FROM temp.deal_weeks');
  clear.run();
  const add = stmt<[number, number, number, number]>(db, 'INSERT INTO temp.deal_weeks (week, n, d, promo) VALUES (?, ?, ?, ?)');
  for (const w of weeks) add.run(w[0], w[1], w[2], w[3]);
  try {
    return read();
  } finally {
    clear.run();
  }
}

/**
 * Each customer's visits after @before against the shop's weeks: deal visits; the same-weeks
 * expectation of them (each visit weighed by the deal share of the shop's other visits that week,
 * its own left out; @share when it was the week's only visit); visits in promotion weeks. The
 * GROUP BY customer walks visit_days in its key order (customer, then day; the plan is one SCAN
 * with no sorter), so a customer's sum adds the same numbers in the same order every time. `w` is temp.deal_weeks LEFT JOINed on the visit's week: a visit of a week the weeks
 * did not have (a sale between the two reads) still counts, at the shop's share.
 */
const DEAL_COLUMNS = `COUNT(*) FILTER (WHERE v.day > @before AND ${DEAL}) AS deal_visits,
       COALESCE(SUM(CASE WHEN w.n > 1 THEN (w.d - ${DEAL}) / (w.n - 1) ELSE @share END) FILTER (WHERE v.day > @before), 0) AS expected_deals,
       COALESCE(SUM(w.promo) FILTER (WHERE v.day > @before), 0) AS promo_week_visits`;
const DEAL_WEEKS_JOIN = 'LEFT JOIN temp.deal_weeks w ON w.week = v.day / 7 AND v.day > @before';

/** The shop's weeks and deal share the windows' deal columns weigh visits against (services/analytics/price-evidence.ts shopWeeks). */
export interface DealWeeks {
  weeks: readonly DealWeek[];
  share: number;
}

const PRICE_COLUMNS = `COALESCE(SUM(v.amount_minor * 1.0 * v.amount_minor) FILTER (WHERE v.day > @recent), 0) AS spend_sq_recent,
       COALESCE(SUM(v.amount_minor * 1.0 * v.amount_minor) FILTER (WHERE v.day > @before AND v.day <= @recent), 0) AS spend_sq_before`;

export function customerWindows(db: Db, w: WindowDays, deals: DealWeeks): CustomerWindowRow[] {
  // Every aggregate costs a pass over two million rows: only what the list uses, and FILTER
  // (which skips the rows) rather than arithmetic on every row.
  const params = { asOf: w.asOf, year: w.year, recent: w.recent, before: w.before, share: deals.share };
  return withDealWeeks(db, deals.weeks, () =>
    stmt<[typeof params], CustomerWindowRow>(
      db,
      `SELECT v.customer_id, MIN(v.day) AS first_day, MAX(v.day) AS last_day, COUNT(*) AS visits,
       SUM(v.amount_minor) AS spend, SUM(v.discount_minor) AS discount,
       COALESCE(SUM(v.amount_minor) FILTER (WHERE v.day > @year), 0) AS value12,
       COUNT(*) FILTER (WHERE v.day > @recent) AS visits_recent,
       COALESCE(SUM(v.amount_minor) FILTER (WHERE v.day > @recent), 0) AS spend_recent,
       COUNT(*) FILTER (WHERE v.day > @before AND v.day <= @recent) AS visits_before,
       COALESCE(SUM(v.amount_minor) FILTER (WHERE v.day > @before AND v.day <= @recent), 0) AS spend_before,
       COUNT(*) FILTER (WHERE v.promo_sales > 0) AS promo_visits,
       ${PRICE_COLUMNS},
       ${DEAL_COLUMNS}
     FROM visit_days v ${DEAL_WEEKS_JOIN} WHERE v.day <= @asOf
     GROUP BY v.customer_id`,
    ).all(params),
  );
}

/**
 * The same rows as customerWindows when nothing was sold after `asOf` (a list as of today): the
 * all-time totals come from `visit_totals`, and only the windows of the last 18 months are summed
 * from `visit_days`.
 */
export function customerWindowsNow(db: Db, w: WindowDays, deals: DealWeeks): CustomerWindowRow[] {
  const params = { from: w.before, asOf: w.asOf, year: w.year, recent: w.recent, before: w.before, share: deals.share };
  // Raw rows merged in one pass (both ordered by customer): a hundred thousand objects fewer to make.
  const windows = withDealWeeks(db, deals.weeks, () =>
    stmt<[typeof params], number[]>(
      db,
      `SELECT v.customer_id,
       COALESCE(SUM(v.amount_minor) FILTER (WHERE v.day > @year), 0) AS value12,
       COUNT(*) FILTER (WHERE v.day > @recent) AS visits_recent,
       COALESCE(SUM(v.amount_minor) FILTER (WHERE v.day > @recent), 0) AS spend_recent,
       COUNT(*) FILTER (WHERE v.day > @before AND v.day <= @recent) AS visits_before,
       COALESCE(SUM(v.amount_minor) FILTER (WHERE v.day > @before AND v.day <= @recent), 0) AS spend_before,
       ${PRICE_COLUMNS},
       ${DEAL_COLUMNS}
     FROM visit_days v ${DEAL_WEEKS_JOIN} WHERE v.day > @from AND v.day <= @asOf
     GROUP BY v.customer_id ORDER BY v.customer_id`,
    )
      .raw(true)
      .all(params),
  );
  const totals = stmt<[], number[]>(
    db,
    'SELECT customer_id, first_day, last_day, visits, spend_minor, discount_minor, promo_visits FROM visit_totals ORDER BY customer_id',
  )
    .raw(true)
    .all();
  const out: CustomerWindowRow[] = new Array(totals.length);
  let k = 0;
  for (let i = 0; i < totals.length; i++) {
    const t = totals[i]!;
    while (k < windows.length && windows[k]![0]! < t[0]!) k++;
    const x = k < windows.length && windows[k]![0] === t[0] ? windows[k]! : null;
    out[i] = {
      customer_id: t[0]!,
      first_day: t[1]!,
      last_day: t[2]!,
      visits: t[3]!,
      spend: t[4]!,
      discount: t[5]!,
      value12: x ? x[1]! : 0,
      visits_recent: x ? x[2]! : 0,
      spend_recent: x ? x[3]! : 0,
      visits_before: x ? x[4]! : 0,
      spend_before: x ? x[5]! : 0,
      promo_visits: t[6]!,
      spend_sq_recent: x ? x[6]! : 0,
      spend_sq_before: x ? x[7]! : 0,
      deal_visits: x ? x[8]! : 0,
      expected_deals: x ? x[9]! : 0,
      promo_week_visits: x ? x[10]! : 0,
    };
  }
  return out;
}

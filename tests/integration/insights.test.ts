import { afterEach, describe, expect, it } from 'vitest';
import { cleanupAll, makeCtx, ok } from '../helpers/db';
import type { Ctx } from '../../main/ctx';
import type { InsightsChecks, InsightsOverview } from '../../shared/schemas/insights';

afterEach(cleanupAll);

const at = (date: string) => Date.parse(`${date}T12:00:00+08:00`);

async function sell(ctx: Ctx, customerId: number | null, dates: string[], amountMinor: number) {
  for (const d of dates) await ok(ctx, 'sales.record', { customerId, amountMinor, items: 2, occurredAt: at(d) });
}

/** A regular, a one-off who lapses, a newcomer and a walk-in; "today" is 2026-03-10. */
async function shop() {
  const s = makeCtx();
  const { ctx } = s;
  const a = await ok<{ id: number }>(ctx, 'customers.create', { name: '常客' });
  const b = await ok<{ id: number }>(ctx, 'customers.create', { name: '一次' });
  const c = await ok<{ id: number }>(ctx, 'customers.create', { name: '新客' });
  await sell(ctx, a.id, ['2025-10-05', '2025-11-05', '2025-12-05', '2026-01-05', '2026-02-05'], 1000);
  await sell(ctx, b.id, ['2025-10-10'], 1000);
  await sell(ctx, c.id, ['2026-02-20'], 2000);
  await sell(ctx, null, ['2026-02-01'], 300);
  return { ...s, a, b, c };
}

describe('insights.overview', () => {
  it('counts active, lost, churn and retention by the 3-month definition, new vs returning, and the shop totals', async () => {
    const { ctx } = await shop();
    const o = await ok<InsightsOverview>(ctx, 'insights.overview', {});
    expect(o.asOf).toBe('2026-03-10');
    expect(o.activeMonths).toBe(3);
    const m = Object.fromEntries(o.months.map((x) => [x.month, x]));
    // The shop's first month comes first; nothing before it.
    expect(o.months[0]!.month).toBe('2025-10');
    expect(o.months.at(-1)).toMatchObject({ month: '2026-03', partial: true, sales: 0 });
    // January: the regular and the one-off were active at its start; the one-off is lost (nothing since October).
    expect(m['2026-01']).toMatchObject({
      active_start: 2,
      lost: 1,
      churn_rate: 0.5,
      retention_rate: 0.5,
      buyers: 1,
      new_customers: 0,
      returning_customers: 1,
    });
    // February: one active at the start, none lost; the newcomer is new, the regular returning.
    expect(m['2026-02']).toMatchObject({
      active_start: 1,
      lost: 0,
      churn_rate: 0,
      buyers: 2,
      new_customers: 1,
      returning_customers: 1,
    });
    // Walk-ins count in revenue, units and sales, not in buyers.
    expect(m['2026-02']).toMatchObject({ revenue_minor: 3300, units: 6, sales: 3 });
    expect(m['2025-10']).toMatchObject({ active_start: 0, churn_rate: null, new_customers: 2, buyers: 2 });
  });

  it('gives the Pareto figure, the tier mix and cohort retention', async () => {
    const { ctx } = await shop();
    const o = await ok<InsightsOverview>(ctx, 'insights.overview', {});
    expect(o.pareto.customers).toBe(3);
    expect(o.pareto.top20_share).toBeCloseTo(5000 / 8000);
    expect(o.pareto.points[0]).toEqual({ customers_share: 0, revenue_share: 0 });
    expect(o.pareto.points.at(-1)).toEqual({ customers_share: 1, revenue_share: 1 });
    expect(o.tiers).toEqual([
      { tier: 'key', customers: 1, value_12m_minor: 5000 },
      { tier: 'main', customers: 0, value_12m_minor: 0 },
      { tier: 'ordinary', customers: 1, value_12m_minor: 2000 },
      { tier: 'small', customers: 1, value_12m_minor: 1000 },
    ]);
    const oct = o.cohorts.find((x) => x.month === '2025-10')!;
    expect(oct.size).toBe(2);
    // Nov, Dec, Jan, Feb: the regular of the two; March so far: nobody; later months are not here yet.
    expect(oct.retention.slice(0, 6)).toEqual([0.5, 0.5, 0.5, 0.5, 0, null]);
    expect(o.cohorts.find((x) => x.month === '2026-02')).toMatchObject({
      size: 1,
      retention: [0, null, null, null, null, null, null, null, null, null, null, null],
    });
  });

  it('marks the month not over yet in the cohorts: its own row and the newest figure of each older cohort', async () => {
    const { ctx } = await shop();
    // As of 10 March, March is counted to date: the March cohort and each cohort's March figure.
    const o = await ok<InsightsOverview>(ctx, 'insights.overview', {});
    expect(o.asOf).toBe('2026-03-10');
    expect(o.cohorts.filter((x) => x.partial).map((x) => x.month)).toEqual(['2026-03']);
    const oct = o.cohorts.find((x) => x.month === '2025-10')!;
    expect(oct).toMatchObject({ partial: false, partial_index: 4 }); // Nov, Dec, Jan, Feb, then March so far
    expect(oct.retention[4]).toBe(0);
    expect(o.cohorts.find((x) => x.month === '2026-02')).toMatchObject({ partial: false, partial_index: 0 });
    expect(o.cohorts.find((x) => x.month === '2026-03')).toMatchObject({ partial: true, partial_index: null });
    // As of a month's last day the month is complete: nothing is marked.
    const whole = await ok<InsightsOverview>(ctx, 'insights.overview', { asOf: '2026-02-28' });
    expect(whole.cohorts.some((x) => x.partial || x.partial_index !== null)).toBe(false);
    // As of a day inside a past month, that month is the partial one.
    const past = await ok<InsightsOverview>(ctx, 'insights.overview', { asOf: '2026-01-15' });
    expect(past.cohorts.at(-1)).toMatchObject({ month: '2026-01', partial: true });
    expect(past.cohorts.find((x) => x.month === '2025-10')).toMatchObject({ partial_index: 2 });
  });

  it('as of a past date uses only the sales up to it, and changes after a new sale', async () => {
    const { ctx, b } = await shop();
    const past = await ok<InsightsOverview>(ctx, 'insights.overview', { asOf: '2025-12-31' });
    expect(past.months.map((x) => x.month)).toEqual(['2025-10', '2025-11', '2025-12']);
    expect(past.months.at(-1)).toMatchObject({ partial: false });
    expect(past.pareto.customers).toBe(2);

    const before = await ok<InsightsOverview>(ctx, 'insights.overview', {});
    await sell(ctx, b.id, ['2026-03-09'], 1500);
    const after = await ok<InsightsOverview>(ctx, 'insights.overview', {});
    expect(after.months.at(-1)!.buyers).toBe(before.months.at(-1)!.buyers + 1);
    expect(after.months.at(-1)!.revenue_minor).toBe(1500);
  });

  it('an empty shop gets empty figures, not an error', async () => {
    const { ctx } = makeCtx();
    const o = await ok<InsightsOverview>(ctx, 'insights.overview', {});
    expect(o.months.every((m) => m.sales === 0)).toBe(true);
    expect(o.pareto).toMatchObject({ customers: 0, top20_share: 0 });
    const c = await ok<InsightsChecks>(ctx, 'insights.checks', {});
    expect(c.holdout).toBeNull();
    expect(c.list.flagged).toBe(0);
  });
});

describe('insights.checks', () => {
  it('compares the model’s expected repeat visits with what the same customers did over the holdout', async () => {
    const { ctx } = makeCtx();
    // 40 customers who buy every 20 days from 2025-01-01: calibration ends 2025-08-31, holdout to 2026-02-28.
    for (let i = 0; i < 40; i++) {
      const c = await ok<{ id: number }>(ctx, 'customers.create', { name: `顾客${i}` });
      const dates: string[] = [];
      for (let d = Date.UTC(2025, 0, 1 + (i % 10)); d < Date.UTC(2026, 2, 1); d += (20 + (i % 3)) * 86_400_000)
        dates.push(new Date(d).toISOString().slice(0, 10));
      await sell(ctx, c.id, i < 30 ? dates : dates.filter((d) => d <= '2025-08-31'), 1000);
    }
    const c = await ok<InsightsChecks>(ctx, 'insights.checks', {});
    expect(c.holdout).not.toBeNull();
    const h = c.holdout!;
    expect(h).toMatchObject({ calibration_end: '2025-08-31', end: '2026-02-28', customers: 40, source: 'fitted' });
    expect(h.series.map((p) => p.date)).toEqual([
      '2025-09-30',
      '2025-10-31',
      '2025-11-30',
      '2025-12-31',
      '2026-01-31',
      '2026-02-28',
    ]);
    // Actual = every visit after August by these customers (the 30 who kept coming).
    const n = ctx.db.prepare("SELECT COUNT(*) AS n FROM visit_days WHERE day > julianday('2025-08-31')").get() as { n: number };
    expect(h.actual_repeat_visits).toBe(n.n);
    // Cumulative series, rising; the model is in the right range for steady customers.
    for (let i = 1; i < 6; i++) expect(h.series[i]!.expected).toBeGreaterThan(h.series[i - 1]!.expected);
    expect(h.expected_repeat_visits / h.actual_repeat_visits).toBeGreaterThan(0.6);
    expect(h.expected_repeat_visits / h.actual_repeat_visits).toBeLessThan(1.6);
  });
});

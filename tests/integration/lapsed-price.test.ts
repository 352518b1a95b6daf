import { afterEach, describe, expect, it } from 'vitest';
import { cleanupAll, makeCtx, ok } from '../helpers/db';
import type { Ctx } from '../../main/ctx';
import { lapsedList } from '../../main/services/analytics/lapsed';
import { addDays } from '../../shared/domain/dates';

afterEach(cleanupAll);

const at = (date: string) => Date.parse(`${date}T12:00:00+08:00`);
async function customerWithVisits(ctx: Ctx, name: string, dates: string[]) {
  const c = await ok<{ id: number }>(ctx, 'customers.create', { name });
  for (const d of dates) await ok(ctx, 'sales.record', { customerId: c.id, amountMinor: 2000, occurredAt: at(d) });
  return c.id;
}
const every = (from: string, to: string, days: number) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, days)) out.push(d);
  return out;
};

it('a regular who comes far less after a recorded price change gets bought_less_after_price_rise; one who moved weekday does not', async () => {
  const { ctx } = makeCtx(); // today is 2026-03-10
  ctx.db.prepare("INSERT INTO price_changes (changed_on, note, created_at) VALUES ('2026-01-05', 'coffee +10%', 0)").run();
  // Mondays until the change, then one visit.
  const stopped = await customerWithVisits(ctx, '涨价后少来', [...every('2025-09-01', '2026-01-05', 7), '2026-02-10']);
  // Mondays until the change, Thursdays after it: as often as before.
  const moved = await customerWithVisits(ctx, '换了星期', [
    ...every('2025-09-01', '2026-01-05', 7),
    ...every('2026-01-08', '2026-03-05', 7),
  ]);
  // First came just before the change: not a regular in the weeks before it, nothing to judge.
  const newcomer = await customerWithVisits(ctx, '新来的', ['2025-12-28', '2026-01-02']);

  const { entries } = lapsedList(ctx);
  const byId = new Map(entries.map((e) => [e.id, e]));
  const s = byId.get(stopped)!;
  expect(s.reasons).toContain('bought_less_after_price_rise');
  // 8 weeks before (Nov 10 – Jan 4): 8 Mondays; 8 weeks from the change on: Jan 5 and one more visit.
  expect(s.price_change).toEqual({
    change_id: 'shop-1',
    date: '2026-01-05',
    product: null,
    measure: 'visits',
    before: 8,
    after: 2,
  });
  expect(s.price_sensitivity).toBeGreaterThanOrEqual(30);

  const m = byId.get(moved)!;
  expect(m.reasons).not.toContain('bought_less_after_price_rise');
  expect(m.price_change).toBeNull();
  expect(byId.get(newcomer)!.reasons).not.toContain('bought_less_after_price_rise');

  // Before the change existed (a list as of December) nobody has the reason.
  const december = lapsedList(ctx, '2025-12-31').entries;
  expect(december.some((e) => e.reasons.includes('bought_less_after_price_rise'))).toBe(false);
});

it('every customer gets an expected 12-month value from the model', async () => {
  const { ctx } = makeCtx();
  const weekly = await customerWithVisits(ctx, '每周', every('2025-09-01', '2026-03-02', 7));
  const once = await customerWithVisits(ctx, '一次', ['2025-10-01']);
  const byId = new Map(lapsedList(ctx).entries.map((e) => [e.id, e]));
  expect(byId.get(weekly)!.expected_value_12m_minor).toBeGreaterThan(byId.get(once)!.expected_value_12m_minor);
  expect(byId.get(weekly)!.expected_value_12m_minor).toBeGreaterThan(0);
  // A weekly customer at 20.00 a visit is expected to spend in the thousands over a year, not more than weekly all year.
  expect(byId.get(weekly)!.expected_value_12m_minor).toBeLessThanOrEqual(53 * 2000);
});

describe('price-sensitive on the evidence (issue 16)', () => {
  // 25 customers who take a promotion on 1 visit in 10, and one who takes it on 8 in 10 (20% off).
  async function shop(ctx: Ctx, mark: 'promotion' | 'discount') {
    const deal = (yes: boolean) =>
      !yes
        ? { amountMinor: 2000 }
        : mark === 'promotion'
          ? { amountMinor: 1600, isPromotion: true }
          : { amountMinor: 1600, discountMinor: 400 };
    const days = every('2025-04-07', '2026-03-02', 14);
    for (let c = 0; c < 25; c++) {
      const { id } = await ok<{ id: number }>(ctx, 'customers.create', { name: `常客${c}` });
      for (const [i, d] of days.entries())
        await ok(ctx, 'sales.record', { customerId: id, occurredAt: at(d), ...deal((i + c) % 10 === 0) });
    }
    const { id } = await ok<{ id: number }>(ctx, 'customers.create', { name: '促销控' });
    for (const [i, d] of days.entries())
      await ok(ctx, 'sales.record', { customerId: id, occurredAt: at(d), ...deal(i % 5 !== 0) });
    return { id, visits: days.length };
  }

  it.each(['promotion', 'discount'] as const)(
    'a customer on %s 8 visits in 10 where the others are at 1 in 10 is price-sensitive, with the numbers',
    async (mark) => {
      const { ctx } = makeCtx();
      const hunter = await shop(ctx, mark);
      const entries = lapsedList(ctx, '2026-03-10').entries;
      const e = entries.find((x) => x.id === hunter.id)!;
      expect(e.price_sensitive).toBe(true);
      expect(e.reasons).toContain('mostly_promotions');
      expect(e.price_evidence.visits).toBe(hunter.visits);
      expect(e.price_evidence.deal_visits).toBe(hunter.visits - Math.ceil(hunter.visits / 5));
      // The same weeks: 1 in 10 of the others' visits, give or take the weeks' mix.
      expect(e.price_evidence.same_weeks_share).toBeGreaterThan(0.08);
      expect(e.price_evidence.same_weeks_share).toBeLessThan(0.13);
      expect(entries.filter((x) => x.price_sensitive).map((x) => x.id)).toEqual([hunter.id]);
    },
    60_000,
  );
});

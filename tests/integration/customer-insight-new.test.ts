import { describe, expect, it } from 'vitest';
import { ok, tempShops } from '../helpers/shop';
import { predictionNote } from '../../shared/domain/evidence';

const { fresh, clock } = tempShops(Date.parse('2026-03-10T02:00:00Z'));
const DAY = 86_400_000;

interface Insight {
  visits: number;
  p_alive: number;
  expected_value_12m_minor: number;
  value_12m_minor: number;
  newcomers: { customers: number; returned_90d: number } | null;
}

describe('customers.insight for a new customer (issue 15, item 10)', () => {
  it('one ¥10 visit: "too early to tell", with how many of the shop’s new customers came back within 90 days', async () => {
    const ctx = fresh();
    // 12 newcomers 200 days ago; 5 came back 30 days later, 2 more only after 120 days
    for (let i = 0; i < 12; i++) {
      const c = await ok<{ id: number }>(ctx, 'customers.create', { name: `新${i}` });
      await ok(ctx, 'sales.record', { customerId: c.id, amountMinor: 5_000, occurredAt: clock.now - 200 * DAY });
      if (i < 5) await ok(ctx, 'sales.record', { customerId: c.id, amountMinor: 5_000, occurredAt: clock.now - 170 * DAY });
      else if (i < 7) await ok(ctx, 'sales.record', { customerId: c.id, amountMinor: 5_000, occurredAt: clock.now - 80 * DAY });
    }
    // a newcomer of last month is not judged yet; one of two years ago is out of the window
    for (const daysAgo of [30, 800]) {
      const c = await ok<{ id: number }>(ctx, 'customers.create', { name: `窗外${daysAgo}` });
      await ok(ctx, 'sales.record', { customerId: c.id, amountMinor: 5_000, occurredAt: clock.now - daysAgo * DAY });
    }
    const once = await ok<{ id: number }>(ctx, 'customers.create', { name: '第一次' });
    await ok(ctx, 'sales.record', { customerId: once.id, amountMinor: 1_000 });

    const r = await ok<Insight>(ctx, 'customers.insight', { id: once.id });
    expect(r.visits).toBe(1);
    expect(r.newcomers).toEqual({ customers: 12, returned_90d: 5 });
    // the model's own figures stay in the data; the screen does not show them (predictionNote 'new')
    expect(predictionNote(r)).toBe('new');

    const regular = await ok<Insight>(ctx, 'customers.insight', { id: 1 });
    expect(regular.visits).toBe(2);
    expect(regular.newcomers).toBeNull();
  });
});

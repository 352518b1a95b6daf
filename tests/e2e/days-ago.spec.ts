import { test, expect } from './fixtures';

// Issue 15, item 11: "today" and "N days ago" are calendar days in the shop's time zone.
// The server's clock is 2026-03-10 10:00 in Shanghai (fixtures.ts).

test('a visit at 18:48 yesterday is 1 day ago, and 26 calendar days are 26 days ago', async ({ page, shop }) => {
  const cases = [
    ['黄药师', '2026-03-09T18:48:00+08:00', '1 day ago'],
    ['欧阳克', '2026-02-12T18:48:00+08:00', '26 days ago'],
    ['周伯通', '2026-03-10T00:05:00+08:00', 'today'],
  ] as const;
  for (const [name, at, shown] of cases) {
    const c = await shop.api<{ id: number }>('customers.create', { name });
    await shop.api('sales.record', { customerId: c.id, amountMinor: 1000, occurredAt: Date.parse(at) });
    await shop.open(page, `/customers/${c.id}`);
    const totals = page.getByRole('region', { name: 'Visits and spending' });
    await expect(totals.getByRole('definition').filter({ hasText: /ago|today/ })).toHaveText(new RegExp(`${shown}$`));
  }
});

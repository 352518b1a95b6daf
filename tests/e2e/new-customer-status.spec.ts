import { test, expect } from './fixtures';

test('a customer with one ¥10 visit: "too early to tell" and what the shop’s new customers usually do, no P(alive) or 12-month value (issue 15, item 10)', async ({
  page,
  shop,
}) => {
  const c = await shop.api<{ id: number }>('customers.create', { name: '初来乍到', phone: '13912398765' });
  await shop.api('sales.record', { customerId: c.id, amountMinor: 1000 });
  const insight = await shop.api<{ newcomers: { customers: number; returned_90d: number } }>('customers.insight', { id: c.id });
  expect(insight.newcomers.customers).toBeGreaterThanOrEqual(10);
  const pct = Math.round((insight.newcomers.returned_90d / insight.newcomers.customers) * 100);

  await shop.open(page, `/customers/${c.id}`);
  const status = page.getByRole('group', { name: 'Status' });
  await expect(status).toContainText('New customer — too early to tell');
  await expect(status).toContainText(`Of the shop’s new customers, ${pct}% come back within 90 days`);
  await expect(status).not.toContainText('P(still a customer)');
  await expect(status).not.toContainText('expected next 12 months');

  await shop.open(page, `/customers/${c.id}`, 'zh-CN');
  const zh = page.getByRole('group', { name: '状态' });
  await expect(zh).toContainText('新顾客——现在下结论还太早');
  await expect(zh).toContainText(`本店的新顾客中，${pct}% 会在 90 天内再来`);
  await expect(zh).not.toContainText('仍是顾客的概率');
  await expect(zh).not.toContainText('预计未来 12 个月消费');
});

test('a customer with visits keeps P(alive) and the expected value', async ({ page, shop }) => {
  const list = await shop.api<{ rows: { id: number; visits: number }[] }>('lapsed.list', {});
  const regular = list.rows.find((r) => r.visits >= 5)!;
  await shop.open(page, `/customers/${regular.id}`);
  const status = page.getByRole('group', { name: 'Status' });
  await expect(status).toContainText('P(still a customer)');
  await expect(status).toContainText('expected next 12 months');
  await expect(status).not.toContainText('too early to tell');
});

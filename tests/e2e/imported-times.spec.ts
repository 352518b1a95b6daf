import { test, expect } from './fixtures';

interface Job {
  id: string;
  state: string;
}

test('a sale imported with a date only shows its day on the customer’s page, not an invented 12:00; one with a time shows it', async ({
  page,
  shop,
}) => {
  const csv =
    'member_code,name,date,amount\nT-0001,时间测试,2026-03-01,12\nT-0001,时间测试,2026-03-02 09:15,13\nT-0002,今天导入,2026-03-10,14\n';
  let job = await shop.api<Job>('import.start', {
    fileName: 'times.csv',
    data: Buffer.from(csv).toString('base64'),
    kind: 'sales',
    createCustomers: true,
  });
  await expect.poll(async () => (job = await shop.api<Job>('import.status', { id: job.id })).state).toBe('done');
  const [c] = await shop.api<{ id: number }[]>('customers.search', { query: '时间测试' });
  await shop.open(page, `/customers/${c!.id}`);
  const when = page.getByRole('region', { name: 'Purchases' }).getByRole('row').locator('td:first-child');
  await expect(when).toHaveText(['Mar 2, 2026, 9:15 AM', 'Mar 1, 2026']);

  // today's list at the counter: such a sale of today says it has no time, in the row and its void button
  await shop.open(page, '/counter');
  const today = page.getByRole('region', { name: 'Today’s sales' });
  const row = today.getByRole('row').filter({ hasText: '今天导入' });
  await expect(row.getByRole('cell').first()).toHaveText('no time');
  await expect(row.getByRole('button', { name: 'Void sale ¥14.00 (no time recorded)' })).toBeVisible();
});

import { test, expect } from './fixtures';

test('the lapsed list shows lapsed and fading customers with reasons in words and a next step', async ({ page, shop }) => {
  await shop.open(page, '/lapsed');
  await expect(page.getByRole('heading', { level: 1, name: 'Lapsed and fading customers' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'a year at risk' })).toBeVisible();
  await expect(
    page.getByText(/^Is the list right\? Of the \d+ customers it flagged as lapsed on .+, \d+ did not come back since\.$/),
  ).toBeVisible();
  const lapsed = page.getByRole('region', { name: /^Lapsed/ });
  await expect(lapsed.getByRole('row').nth(1)).toContainText(/days since the last visit|chance/);
  await expect(lapsed.getByRole('row').nth(1)).toContainText(/Contact today|Try hard|Only if cheap|Let go quietly/);
  await page.getByRole('combobox', { name: 'Tier' }).selectOption('small');
  await expect(lapsed.getByRole('cell', { name: 'main', exact: true })).toHaveCount(0);
  // The list of a past month is rebuilt as it was then.
  await page.getByLabel('As of month').fill('2025-06');
  await expect(page.getByText(/from sales up to Jun 30, 2025/)).toBeVisible();
});

test('the lapsed list is in Chinese too', async ({ page, shop }) => {
  await shop.open(page, '/lapsed', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1, name: '流失与渐少的顾客' })).toBeVisible();
  await expect(page.getByRole('link', { name: '流失顾客' })).toHaveAttribute('aria-current', 'page');
});

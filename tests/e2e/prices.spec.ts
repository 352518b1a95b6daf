import { test, expect } from './fixtures';

test('records a price change in Settings, sees it on Insights, and deletes it', async ({ page, shop }) => {
  await shop.open(page, '/settings');
  const section = page.getByRole('region', { name: 'Price changes' });
  await expect(section.getByText('No price changes recorded yet.')).toBeVisible();
  await section.getByLabel('Date of the price change').fill('2025-11-03');
  await section.getByRole('button', { name: 'Add price change' }).click();
  // Without a note nothing is saved and the field says why.
  await expect(section.getByLabel('What changed')).toHaveAttribute('aria-invalid', 'true');
  await expect(section.getByText('Say what changed.')).toBeVisible();
  await section.getByLabel('What changed').fill('Tea +10%');
  await section.getByLabel('Applies to').selectOption('茶叶');
  await section.getByRole('button', { name: 'Add price change' }).click();
  await expect(section.getByRole('listitem').filter({ hasText: 'Tea +10%' })).toContainText('茶叶');

  // Insights analyses it over the category's items
  await shop.open(page, '/insights');
  await expect(page.getByRole('listitem').filter({ hasText: 'Tea +10%' })).toContainText('Nov 3, 2025');
  await page.getByRole('button', { name: 'Open price change: 茶叶 on Nov 3, 2025' }).click();
  await expect(
    page.getByRole('region', { name: '茶叶, price change on Nov 3, 2025' }).getByRole('row', { name: /^Units/ }),
  ).toBeVisible();

  await shop.open(page, '/settings');
  await section.getByRole('button', { name: 'Delete the price change of Nov 3, 2025' }).click();
  await section.getByRole('button', { name: 'Yes, delete the price change of Nov 3, 2025' }).click();
  await expect(section.getByText('No price changes recorded yet.')).toBeVisible();
});

test('the price changes section in Chinese', async ({ page, shop }) => {
  await shop.open(page, '/settings', 'zh-CN');
  const section = page.getByRole('region', { name: '调价记录' });
  await expect(section.getByLabel('调价日期')).toBeVisible();
  await expect(section.getByRole('button', { name: '添加调价记录' })).toBeVisible();
});

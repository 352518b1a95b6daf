import { test, expect } from './fixtures';

test('the lapsed-customer rules are shown with their defaults and can be adjusted; bad values are refused', async ({
  page,
  shop,
}) => {
  await shop.open(page, '/settings');
  const lapsedAbove = page.getByRole('textbox', { name: 'Lapsed from this chance of not returning within 90 days (%)' });
  await expect(lapsedAbove).toHaveValue('60');
  await lapsedAbove.fill('5');
  await page.getByRole('button', { name: 'Save rules' }).click();
  await expect(lapsedAbove).toHaveAttribute('aria-invalid', 'true');
  expect((await shop.api<{ churn: unknown }>('settings.get')).churn).toBeNull();
  await lapsedAbove.fill('80');
  await page.getByRole('button', { name: 'Save rules' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved' }).last()).toBeVisible();
  expect((await shop.api<{ churn: { lapsedAbove: number } }>('settings.get')).churn.lapsedAbove).toBeCloseTo(0.8);
  await page.getByRole('button', { name: 'Back to the defaults' }).click();
  await expect(lapsedAbove).toHaveValue('60');
});

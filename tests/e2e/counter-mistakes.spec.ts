import { test, expect } from './fixtures';
import { CounterPage } from './pages/counter';

// Issue 15 ("What a shop owner trips over"), items 1–3: the counter.

const todayCount = async (shop: { api<T>(m: string, i?: unknown): Promise<T> }) =>
  (await shop.api<unknown[]>('sales.today', { limit: 200 })).length;

test('12,5 and 12 5 are refused with how to type an amount; 1,234.50 and full-width digits save', async ({ page, shop }) => {
  await shop.open(page);
  const counter = new CounterPage(page);
  const before = await todayCount(shop);
  for (const typed of ['12,5', '12 5', '1,2345']) {
    await counter.amount.fill(typed);
    await counter.amount.press('Enter');
    await expect(counter.amount).toHaveAttribute('aria-invalid', 'true');
    const describedBy = await counter.amount.getAttribute('aria-describedby');
    const message = page.locator(`[id="${describedBy}"]`);
    await expect(message).toHaveAttribute('role', 'alert');
    await expect(message).toContainText('12.50 or 1,234.50');
    expect(await todayCount(shop)).toBe(before);
  }
  await counter.sell('1,234.50');
  await expect(counter.status).toContainText('¥1,234.50');
  await counter.sell('¥1,234');
  await expect(counter.status).toContainText('¥1,234.00');
  await counter.sell('１２８．５０');
  await expect(counter.status).toContainText('¥128.50');
  expect(await todayCount(shop)).toBe(before + 3);
});

test('the message on a bad amount is translated', async ({ page, shop }) => {
  await shop.open(page, '/counter', 'zh-CN');
  const amount = page.getByRole('textbox', { name: '金额', exact: true });
  await amount.fill('12,5');
  await amount.press('Enter');
  await expect(amount).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').filter({ hasText: '1,234.50' })).toContainText('请这样输入金额');
});

test('a ¥0.00 sale is asked about once, in the page, before it is saved', async ({ page, shop }) => {
  await shop.open(page);
  const counter = new CounterPage(page);
  const before = await todayCount(shop);
  await counter.amount.fill('0');
  await counter.amount.press('Enter');
  const ask = page.getByRole('alertdialog', { name: /^Save a sale of (CN)?¥0\.00\?$/ });
  await expect(ask).toBeVisible();
  expect(await todayCount(shop)).toBe(before);

  // No: back to the amount, nothing saved
  await ask.getByRole('button', { name: 'No, change it' }).click();
  await expect(ask).toHaveCount(0);
  await expect(counter.amount).toBeFocused();
  expect(await todayCount(shop)).toBe(before);

  // asked again, and Enter on the focused answer saves it
  await counter.amount.press('Enter');
  await expect(ask.getByRole('button', { name: /^Yes, save (CN)?¥0\.00$/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Sale saved' })).toContainText('¥0.00');
  await expect(ask).toHaveCount(0);
  expect(await todayCount(shop)).toBe(before + 1);

  // changing the amount after the question sells without one
  await counter.amount.fill('0');
  await counter.amount.press('Enter');
  await expect(ask).toBeVisible();
  await counter.amount.fill('8');
  await expect(ask).toHaveCount(0);
  await counter.amount.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Sale saved' })).toContainText('¥8.00');
  expect(await todayCount(shop)).toBe(before + 2);
});

test('a customer created at the counter with the keyboard leaves a clean counter: Enter again creates nobody', async ({
  page,
  shop,
}) => {
  await shop.open(page);
  const counter = new CounterPage(page);
  await expect(counter.search).toBeFocused();
  await page.keyboard.type('Guo Xiang');
  await expect(page.getByText('Nobody matches “Guo Xiang”.')).toBeVisible();
  await page.keyboard.press('Enter');
  const form = page.getByRole('form', { name: 'New customer' });
  await expect(form.getByRole('textbox', { name: 'Phone' })).toBeFocused();
  await page.keyboard.type('13800138123');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Selected customer' })).toContainText('Guo Xiang');
  // the name typed to find them is gone with the form
  await expect(counter.search).toHaveValue('');
  await expect(page.getByText(/Nobody matches/)).toHaveCount(0);
  await expect(form).toHaveCount(0);
  await expect(counter.amount).toBeFocused();
  await page.keyboard.type('30');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Sale saved' })).toContainText('Guo Xiang');

  // clean for the next customer
  await expect(counter.search).toBeFocused();
  await expect(counter.search).toHaveValue('');
  await expect(page.getByRole('region', { name: 'Selected customer' })).toHaveCount(0);
  await expect(counter.amount).toHaveValue('');
  await page.keyboard.press('Enter');
  await expect(form).toHaveCount(0);
  const found = await shop.api<{ name: string; visits: number }[]>('customers.search', { query: 'Guo Xiang' });
  expect(found.filter((c) => c.name === 'Guo Xiang')).toEqual([expect.objectContaining({ visits: 1 })]);
});

test('a walk-in sale typed after a search that found nobody clears the search too', async ({ page, shop }) => {
  await shop.open(page);
  const counter = new CounterPage(page);
  await counter.search.fill('Nobody By This Name');
  await expect(page.getByText(/Nobody matches/)).toBeVisible();
  await counter.sell('15');
  await expect(counter.status).toContainText('Walk-in');
  await expect(counter.search).toHaveValue('');
  await expect(page.getByText(/Nobody matches/)).toHaveCount(0);
});

import { test, expect } from './fixtures';
import { CounterPage } from './pages/counter';

test('finds a customer by the last digits of the phone, saves a sale and shows it on their page', async ({ page, shop }) => {
  await shop.api('customers.create', { name: '欧阳锋', phone: '139 8765 4321' });
  await shop.open(page);
  const counter = new CounterPage(page);
  await counter.find('4321');
  await expect(counter.options().filter({ hasText: '欧阳锋' })).toHaveCount(1);
  await counter.options().filter({ hasText: '欧阳锋' }).click();
  await expect(page.getByRole('region', { name: 'Selected customer' })).toContainText('欧阳锋');
  await expect(counter.amount).toBeFocused();
  await counter.sell('128.50');
  await expect(counter.status).toContainText('欧阳锋');
  await expect(counter.search).toBeFocused();

  await counter.todaysSales().getByRole('link', { name: '欧阳锋' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: '欧阳锋' })).toBeVisible();
  await expect(page.getByText('¥128.50').first()).toBeVisible();
});

test('finds a customer by pinyin initials and by full pinyin', async ({ page, shop }) => {
  await shop.api('customers.create', { name: '张三', phone: '13712340000' });
  await shop.open(page);
  const counter = new CounterPage(page);
  await counter.find('zs');
  await expect(counter.options().filter({ hasText: '张三' }).first()).toBeVisible();
  await counter.find('zhangsan');
  await expect(counter.options().first()).toContainText('张三');
});

test('a regular customer’s sale takes a handful of keystrokes', async ({ page, shop }) => {
  await shop.api('customers.create', { name: '令狐冲', phone: '13655550123' });
  await shop.open(page);
  const counter = new CounterPage(page);
  await expect(counter.search).toBeFocused();
  await page.keyboard.type('0123');
  await expect(counter.options().first()).toContainText('令狐冲');
  await page.keyboard.press('Enter');
  await page.keyboard.type('66');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Sale saved' })).toContainText('令狐冲');
  // in sight on a 768 px high screen, under the search the focus went back to (it was below the form)
  await page.setViewportSize({ width: 1366, height: 768 });
  await expect(page.getByRole('status').filter({ hasText: 'Sale saved' })).toBeInViewport();
  const [c] = await shop.api<{ name: string; visits: number; totalMinor: number }[]>('customers.search', {
    query: '13655550123',
  });
  expect(c).toMatchObject({ name: '令狐冲', visits: 1, totalMinor: 6600 });
});

test('creates a customer inline when nobody matches, then sells to them', async ({ page, shop }) => {
  await shop.open(page);
  const counter = new CounterPage(page);
  await counter.search.fill('Zhou Botong');
  await page.getByRole('button', { name: 'Create a new customer' }).click();
  const form = page.getByRole('form', { name: 'New customer' });
  await expect(form.getByRole('textbox', { name: 'Name' })).toHaveValue('Zhou Botong');
  await form.getByRole('textbox', { name: 'Phone' }).fill('138 0013 8000');
  await form.getByRole('textbox', { name: 'Phone' }).press('Enter');
  await expect(page.getByRole('region', { name: 'Selected customer' })).toContainText('Zhou Botong');
  const card = page.getByRole('region', { name: 'Selected customer' });
  await expect(card).toContainText('138 0013 8000');
  // nobody to win back before a first purchase: complaints can be logged, win-back is not offered
  await expect(card.getByRole('button', { name: 'Log a complaint' })).toBeVisible();
  await expect(card.getByRole('button', { name: 'Start win-back' })).toHaveCount(0);
  await counter.sell('20');
  await expect(counter.status).toContainText('Zhou Botong');
});

test('the New customer button opens the form; a bad phone is refused beside the field', async ({ page, shop }) => {
  await shop.open(page);
  const counter = new CounterPage(page);
  await expect(counter.newCustomer).toBeVisible();
  await counter.newCustomer.click();
  const form = page.getByRole('form', { name: 'New customer' });
  await form.getByRole('textbox', { name: 'Name' }).fill('黄蓉');
  await form.getByRole('textbox', { name: 'Phone' }).fill('12345');
  await form.getByRole('button', { name: 'Save customer' }).click();
  await expect(form.getByRole('textbox', { name: 'Phone' })).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByRole('alert')).toContainText('Not a valid phone number: type an 11-digit mobile number');
  const found = await shop.api<unknown[]>('customers.search', { query: '黄蓉' });
  expect(found.filter((c) => (c as { name: string }).name === '黄蓉')).toHaveLength(0);
});

test('a walk-in sale saves without a customer, and a bad amount saves nothing', async ({ page, shop }) => {
  await shop.open(page);
  const counter = new CounterPage(page);
  const before = await shop.api<unknown[]>('sales.today', { limit: 200 });
  await counter.amount.fill('abc');
  await counter.amount.press('Enter');
  await expect(counter.amount).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').first()).toContainText('Enter an amount');
  expect(await shop.api<unknown[]>('sales.today', { limit: 200 })).toHaveLength(before.length);

  await counter.sell('35');
  await expect(counter.status).toContainText('Walk-in');
  await expect(counter.todaysSales().getByRole('row').filter({ hasText: 'Walk-in' }).first()).toBeVisible();
  expect(await shop.api<unknown[]>('sales.today', { limit: 200 })).toHaveLength(before.length + 1);
});

test('a void while the customer is still picked shows their visits and spend without it', async ({ page, shop }) => {
  const c = await shop.api<{ id: number }>('customers.create', { name: '作废甲', phone: '13977775555' });
  await shop.api('sales.record', { customerId: c.id, amountMinor: 12850 });
  await shop.api('sales.record', { customerId: c.id, amountMinor: 123450, occurredAt: Date.parse('2026-03-09T03:00:00Z') });
  await shop.open(page);
  const counter = new CounterPage(page);
  await counter.pickFirst('13977775555');
  const card = page.getByRole('region', { name: 'Selected customer' });
  await expect(card.getByRole('definition').first()).toHaveText('2');
  await expect(card).toContainText('¥1,363.00');
  const row = counter.todaysSales().getByRole('row').filter({ hasText: '¥128.50' }).first();
  await row.getByRole('button', { name: /Void sale/ }).click();
  await row.getByRole('textbox', { name: 'Reason for voiding' }).fill('Wrong customer');
  await row.getByRole('button', { name: 'Void sale' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sale voided' })).toBeVisible();
  // still picked, now without the voided sale
  await expect(card.getByRole('definition').first()).toHaveText('1');
  await expect(card).toContainText('¥1,234.50');
  await expect(card).not.toContainText('¥1,363.00');
});

test('voids a sale with a reason', async ({ page, shop }) => {
  await shop.open(page);
  const counter = new CounterPage(page);
  await counter.sell('99');
  const row = counter.todaysSales().getByRole('row').filter({ hasText: '¥99.00' }).first();
  await row.getByRole('button', { name: /Void sale/ }).click();
  await row.getByRole('textbox', { name: 'Reason for voiding' }).fill('Rang up twice');
  await row.getByRole('button', { name: 'Void sale' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sale voided' })).toBeVisible();
  await expect(counter.todaysSales().getByRole('row').filter({ hasText: '¥99.00' }).first()).toContainText('Voided');
});

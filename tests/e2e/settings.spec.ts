import { test, expect } from './fixtures';

test('switches the language in Settings, and the choice survives a reload', async ({ page, shop }) => {
  await shop.open(page, '/settings');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const language = page.getByRole('combobox', { name: 'Language' });
  await expect(language.getByRole('option', { name: '中文' })).toHaveCount(1);
  await expect(language.getByRole('option', { name: 'English' })).toHaveCount(1);
  await language.selectOption({ label: '中文' });
  await expect(page.getByRole('link', { name: '收银台' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: '设置' })).toBeVisible();
  await page.getByRole('combobox', { name: '语言' }).selectOption({ label: 'English' });
  await expect(page.getByRole('link', { name: 'Counter' })).toBeVisible();
});

test('?lang= opens any screen directly in either language, and navigation keeps it', async ({ page, shop }) => {
  await shop.open(page, '/customers', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1, name: '顾客' })).toBeVisible();
  await page.getByRole('link', { name: '设置' }).click();
  await expect(page).toHaveURL(/lang=zh-CN.*#\/settings/);
  // the token left the address as the page loaded (it is kept for the tab); a reload still works
  await expect(page).not.toHaveURL(/token=/);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: '设置' })).toBeVisible();
});

test('the root address opens on the Counter', async ({ page, shop }) => {
  await page.goto(shop.url + '&lang=en');
  await expect(page.getByRole('combobox', { name: 'Find customer' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Counter' })).toHaveAttribute('aria-current', 'page');
});

test('adds a staff member and marks them as left', async ({ page, shop }) => {
  await shop.open(page, '/settings');
  await page.getByRole('textbox', { name: 'Staff member’s name' }).fill('小李');
  await page.getByRole('button', { name: 'Add staff member' }).click();
  // added once the screen lists them
  await expect(page.getByRole('button', { name: 'Mark 小李 as left' })).toBeVisible();
  const staff = (await shop.api<{ id: number; name: string }[]>('staff.list')).find((s) => s.name === '小李')!;
  const customer = await shop.api<{ id: number }>('customers.create', { name: '黄蓉', staffId: staff.id });
  await page.getByRole('button', { name: 'Mark 小李 as left' }).click();
  await expect(page.getByRole('button', { name: 'Mark 小李 as working here' })).toBeVisible();
  // the customers they looked after say so on their page, in either language
  await shop.open(page, `/customers/${customer.id}`);
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('小李 (left)');
  await shop.open(page, `/customers/${customer.id}`, 'zh-CN');
  await expect(page.getByRole('region', { name: '基本信息' })).toContainText('小李（已离职）');
});

test('checks the database integrity from Settings', async ({ page, shop }) => {
  await shop.open(page, '/settings');
  await page.getByRole('button', { name: 'Check database integrity' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'healthy' })).toBeVisible();
});

test('first launch offers an empty shop or a demo shop', async ({ page, emptyShop }) => {
  await emptyShop.open(page);
  await expect(page.getByRole('button', { name: 'Explore a demo shop' })).toBeVisible();
  await page.getByRole('button', { name: 'Start with an empty shop' }).click();
  await expect(page.getByRole('combobox', { name: 'Find customer' })).toBeVisible();
});

test('an empty shop starts with the name and time zone chosen on the first screen', async ({ page, emptyShop }) => {
  await emptyShop.open(page, '/', 'zh-CN');
  // the computer's zone is offered first, whatever it is; the owner picks the shop's
  const zone = page.getByRole('combobox', { name: '时区' });
  await expect(zone.getByRole('option', { name: /（Asia\/Tokyo）$/ })).toHaveCount(1);
  await zone.selectOption('Asia/Tokyo');
  await page.getByRole('textbox', { name: '店铺名称' }).fill('街角面包店');
  await page.getByRole('button', { name: '从空白店铺开始' }).click();
  await expect(page.getByRole('combobox', { name: '查找顾客' })).toBeVisible();
  await page.getByRole('link', { name: '设置' }).click();
  await expect(page.getByRole('combobox', { name: '时区' })).toHaveValue('Asia/Tokyo');
  await expect(page.getByRole('textbox', { name: '店铺名称' })).toHaveValue('街角面包店');
});

import { test, expect } from './fixtures';
import { CounterPage } from './pages/counter';

interface SaleRow {
  amountMinor: number;
  items: number;
  customerName: string | null;
  lines?: { productName: string; quantity: number }[];
}

test('sells two scanned items and one typed amount: the lines sum into the total and are kept', async ({ page, shop }) => {
  await shop.api('products.create', { name: '龙井茶', category: '茶叶', priceMinor: 12800, barcode: '6900000000011' });
  await shop.api('products.create', { name: '紫砂茶杯', category: '器具', priceMinor: 3550, barcode: '6900000000028' });
  await shop.api('customers.create', { name: '上官婉儿', phone: '13655557788' });
  await shop.open(page);
  const counter = new CounterPage(page);
  await counter.find('7788');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Selected customer' })).toContainText('上官婉儿');

  const item = page.getByRole('combobox', { name: 'Add item' });
  // a scanner types the code and Enter, faster than any search
  await item.fill('6900000000011');
  await item.press('Enter');
  await item.pressSequentially('6900000000028', { delay: 0 });
  await item.press('Enter');
  await item.pressSequentially('6900000000028', { delay: 0 });
  await item.press('Enter');
  const lines = page.getByRole('table', { name: 'Items in this sale' });
  await expect(lines.getByRole('rowheader')).toHaveText(['龙井茶', '紫砂茶杯']);
  await expect(page.getByLabel('Quantity of 紫砂茶杯')).toHaveValue('2');
  await page.getByLabel('Discount on 龙井茶').fill('8');
  await expect(lines.getByRole('row').filter({ hasText: '龙井茶' })).toContainText('¥120.00');
  await expect(page.getByRole('status', { name: 'Total' })).toContainText('¥191.00');

  await page.getByLabel('Other amount').fill('9.5');
  await expect(page.getByRole('status', { name: 'Total' })).toContainText('¥200.50');
  await page.getByLabel('Other amount').press('Enter');
  await expect(counter.status).toContainText('¥200.50');
  await expect(lines).toHaveCount(0);

  const [c] = await shop.api<{ id: number }[]>('customers.search', { query: '13655557788' });
  const [sale] = await shop.api<SaleRow[]>('customers.sales', { customerId: c!.id });
  expect(sale).toMatchObject({ amountMinor: 20050, items: 4, customerName: '上官婉儿' });
  expect(sale!.lines?.map((l) => [l.productName, l.quantity])).toEqual([
    ['龙井茶', 1],
    ['紫砂茶杯', 2],
  ]);
  // the customer's page lists what they bought
  await shop.open(page, `/customers/${c!.id}`);
  await expect(page.getByRole('region', { name: 'Purchases' })).toContainText('龙井茶 × 1, 紫砂茶杯 × 2');
});

test('finds an item by pinyin initials, refuses a bad quantity, and a shop without items still sells by amount', async ({
  page,
  shop,
}) => {
  await shop.api('products.create', { name: '桂花乌龙', category: '茶叶', priceMinor: 6800 });
  await shop.open(page, '/counter', 'zh-CN');
  const item = page.getByRole('combobox', { name: '添加商品' });
  await item.fill('ghwl');
  await expect(page.getByRole('option').filter({ hasText: '桂花乌龙' })).toBeVisible();
  await item.press('Enter');
  await page.getByLabel('桂花乌龙 的数量').fill('0.2555');
  await expect(page.getByText('请输入大于 0、最多三位小数的数量。')).toBeVisible();
  await page.getByLabel('桂花乌龙 的数量').fill('0.5');
  await expect(page.getByRole('status', { name: '合计' })).toContainText('¥34.00');
  await page.getByRole('button', { name: '移除 桂花乌龙' }).click();
  await expect(page.getByRole('table', { name: '本笔销售的商品' })).toHaveCount(0);
  // back to a plain amount
  await page.getByLabel('金额', { exact: true }).fill('12');
  await page.getByLabel('金额', { exact: true }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '¥12.00' })).toBeVisible();
});

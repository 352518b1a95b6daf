import Papa from 'papaparse';
import { test, expect } from './fixtures';
import fs from 'node:fs';

test('names a customer filter, applies it again, and exports it as a contact segment', async ({ page, shop }) => {
  await shop.api('customers.create', { name: '欧阳克', phone: '13977770001', tags: ['筛选测试'], consent: { sms: true } });
  await shop.api('customers.create', { name: '欧阳锋', phone: '13977770002', tags: ['筛选测试'], consent: { sms: true } });
  await shop.open(page, '/customers');
  const filters = page.getByRole('search', { name: 'Filter customers' });
  await filters.getByRole('combobox', { name: 'Tag' }).selectOption('筛选测试');
  await page.getByLabel('Name this filter').fill('测试客户');
  await page.getByRole('button', { name: 'Save filter' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved as “测试客户”' })).toBeVisible();

  // Cleared, then applied again by name.
  await filters.getByRole('combobox', { name: 'Tag' }).selectOption('');
  await page.getByRole('button', { name: 'Show: 测试客户' }).click();
  await expect(filters.getByRole('combobox', { name: 'Tag' })).toHaveValue('筛选测试');
  await expect(page.getByText(/^2 customers$/)).toBeVisible();

  await shop.open(page, '/data/export');
  await page.getByRole('combobox', { name: 'Segment' }).selectOption('saved');
  await page.getByRole('combobox', { name: 'Saved filter' }).selectOption('测试客户');
  await expect(page.getByText(/^2 customers will be exported/)).toBeVisible();
  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const bytes = fs.readFileSync(await (await pending).path());
  const rows = Papa.parse<string[]>(bytes.subarray(3).toString('utf8'), { skipEmptyLines: true }).data;
  expect(
    rows
      .slice(1)
      .map((r) => r[0])
      .sort(),
  ).toEqual(['欧阳克', '欧阳锋']);
});

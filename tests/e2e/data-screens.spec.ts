import fs from 'node:fs';
import Papa from 'papaparse';
import { test, expect } from './fixtures';

test('imports a UTF-8 customer file with Chinese headers after a preview and mapping', async ({ page, shop }, testInfo) => {
  const file = testInfo.outputPath('会员.csv');
  fs.writeFileSync(file, '姓名,手机号,会员号,标签\n测试甲,13911112222,T-001,新客\n测试乙,13911113333,T-002,新客\n');
  await shop.open(page, '/data/import');
  await page.getByLabel('File').setInputFiles(file);
  await page.getByRole('combobox', { name: 'Import' }).selectOption('customers');
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByRole('combobox', { name: 'Field for column “姓名”' })).toHaveValue('name');
  await expect(page.getByRole('combobox', { name: 'Field for column “手机号”' })).toHaveValue('phone');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 2' })).toBeVisible();
  const found = await shop.api<{ name: string }[]>('customers.search', { query: '2222' });
  expect(found.map((c) => c.name)).toContain('测试甲');
});

test('a file with a bad row lists the problem and imports nothing', async ({ page, shop }, testInfo) => {
  const file = testInfo.outputPath('sales.csv');
  fs.writeFileSync(file, 'customer_id,date,amount\nX1,2024-01-01,10\nX2,not a date,12\n');
  const before = (await shop.api<{ sales: number }>('shop.status')).sales;
  await shop.open(page, '/data/import');
  await page.getByLabel('File').setInputFiles(file);
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('checkbox', { name: 'Create customers the file names but the shop lacks' }).check();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: '1 problem in the file' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Problem' }).getByRole('row').filter({ hasText: 'not a date' })).toContainText(
    '3',
  );
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download problems as CSV' }).click();
  const text = fs.readFileSync(await (await download).path(), 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text).toContain('not a date');
  expect((await shop.api<{ sales: number }>('shop.status')).sales).toBe(before);
});

test('exports a tag segment as CSV that a real parser reads back, neutralised', async ({ page, shop }) => {
  await shop.api('customers.create', { name: '=SUM(A1:A9)', phone: '13955556666', tags: ['导出测试'], consent: { sms: true } });
  await shop.api('customers.create', { name: '正常顾客', phone: '13955557777', tags: ['导出测试'], consent: { sms: true } });
  await shop.api('customers.create', { name: '不同意', phone: '13955558888', tags: ['导出测试'] });
  await shop.open(page, '/data/export');
  await page.getByRole('combobox', { name: 'Segment' }).selectOption('tag');
  await page.getByRole('combobox', { name: 'Tag' }).selectOption('导出测试');
  await expect(page.getByText('2 customers will be exported; left out: 1 without consent')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  const bytes = fs.readFileSync(await (await download).path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = Papa.parse<string[]>(bytes.subarray(3).toString('utf8'), { skipEmptyLines: true }).data;
  expect(rows[0]![0]).toBe('name');
  expect(
    rows
      .slice(1)
      .map((r) => r[0])
      .sort(),
  ).toEqual(["'=SUM(A1:A9)", '正常顾客']);
  await page.getByRole('link', { name: 'Open the campaign' }).click();
  await expect(page.getByRole('heading', { name: /Campaign #\d+/ })).toBeVisible();
});

test('takes a backup and restores it from the Backups tab', async ({ page, shop }) => {
  await shop.open(page, '/data/backups');
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Backup written' })).toBeVisible();
  await shop.api('customers.create', { name: '恢复后消失', phone: '13944443333' });
  await page
    .getByRole('button', { name: /^Restore backup of/ })
    .first()
    .click();
  await page.getByRole('button', { name: 'Restore this backup' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored the backup' })).toBeVisible();
  expect(
    await shop
      .api<unknown[]>('customers.search', { query: '3333' })
      .then((r) => r.filter((c) => (c as { name: string }).name === '恢复后消失')),
  ).toHaveLength(0);
});

test('erases a customer from their page after a confirmation', async ({ page, shop }) => {
  const c = await shop.api<{ id: number }>('customers.create', { name: '要删除的人', phone: '13922221111' });
  await shop.api('sales.record', { customerId: c.id, amountMinor: 3000 });
  await shop.open(page, `/customers/${c.id}`);
  await page.getByRole('button', { name: 'Erase this customer…' }).click();
  await expect(page.getByRole('group', { name: 'Erase this customer…' })).toContainText('sales stay as anonymous sales');
  await page.getByRole('button', { name: 'Erase customer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The customer was erased' })).toBeVisible();
  expect(await shop.api<unknown[]>('customers.search', { query: '13922221111' })).toEqual([]);
});

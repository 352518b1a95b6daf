import fs from 'node:fs';
import Papa from 'papaparse';
import type { Download, Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { writeBigSalesCsv } from './big-files';

/** The Data screen (#/data/…), found by accessible names only. */
class DataPage {
  readonly file: Locator;
  readonly kind: Locator;
  readonly preview: Locator;
  readonly check: Locator;
  readonly importNow: Locator;
  readonly problems: Locator;
  readonly segment: Locator;
  readonly tag: Locator;
  readonly channel: Locator;
  readonly format: Locator;
  readonly exportNow: Locator;

  constructor(readonly page: Page) {
    this.file = page.getByLabel('File');
    this.kind = page.getByRole('combobox', { name: 'Import', exact: true });
    this.preview = page.getByRole('button', { name: 'Preview' });
    this.check = page.getByRole('button', { name: 'Check file' });
    this.importNow = page.getByRole('button', { name: 'Import', exact: true });
    this.problems = page.getByRole('table', { name: 'Problems in the file' });
    this.segment = page.getByRole('combobox', { name: 'Segment' });
    this.tag = page.getByRole('combobox', { name: 'Tag' });
    this.channel = page.getByRole('combobox', { name: 'Channel' });
    this.format = page.getByRole('combobox', { name: 'Format' });
    this.exportNow = page.getByRole('button', { name: 'Export', exact: true });
  }

  fieldFor(column: string): Locator {
    return this.page.getByRole('combobox', { name: `Field for column “${column}”` });
  }

  status(text: string | RegExp): Locator {
    return this.page.getByRole('status').filter({ hasText: text });
  }

  tab(name: string): Locator {
    return this.page.getByRole('navigation', { name: 'Data sections' }).getByRole('link', { name });
  }

  async download(click: () => Promise<void>): Promise<Buffer> {
    const pending: Promise<Download> = this.page.waitForEvent('download');
    await click();
    return fs.readFileSync(await (await pending).path());
  }
}

const BOM = [0xef, 0xbb, 0xbf];

test('imports customers from a file with Chinese headers after a preview with a guessed mapping', async ({
  page,
  shop,
}, testInfo) => {
  const file = testInfo.outputPath('会员名单.csv');
  fs.writeFileSync(file, '姓名,手机号,会员号,标签\n导入甲,13911112222,T-001,新客\n导入乙,13911113333,T-002,新客\n');
  const data = new DataPage(page);
  await shop.open(page, '/data/import');
  await data.file.setInputFiles(file);
  await data.kind.selectOption('customers');
  await data.preview.click();
  await expect(data.fieldFor('姓名')).toHaveValue('name');
  await expect(data.fieldFor('手机号')).toHaveValue('phone');
  await expect(data.fieldFor('会员号')).toHaveValue('member_code');
  // fields are named in words (their keys are the values, and --map's names)
  await expect(data.fieldFor('姓名').getByRole('option', { name: 'Customer’s name', selected: true })).toHaveCount(1);
  await expect(page.getByText('2 rows · encoding UTF-8 · separator “,”')).toBeVisible();
  await data.importNow.click();
  await expect(data.status('Imported 2 customers: 2 new, 0 updated.')).toBeVisible();
  const found = await shop.api<{ name: string }[]>('customers.search', { query: '2222' });
  expect(found.map((c) => c.name)).toContain('导入甲');

  // Import pressed again on the same preview: refused as imported before, and the box it asks for is there.
  await data.importNow.click();
  await expect(page.getByRole('alert').filter({ hasText: 'This file was imported before.' })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Import this file again' }).check();
  await data.importNow.click();
  await expect(data.status('Imported 2 customers: 0 new, 2 updated.')).toBeVisible();

  await data.tab('Activity log').click();
  await expect(
    page.getByRole('row').filter({ hasText: 'Customers from “会员名单.csv”: 2 rows imported, 0 skipped.' }),
  ).toHaveCount(2);
});

test('imports a price list of products: mapping guessed, a price change kept in the history, logged', async ({
  page,
  shop,
}, testInfo) => {
  const file = testInfo.outputPath('价目表.csv');
  // 西湖龙井 is in the demo catalogue (matched by name): its price changes; 白毫乌龙 is new
  fs.writeFileSync(file, '品名,分类,零售价,条码\n西湖龙井,茶叶,96,\n白毫乌龙,茶叶,128,6900000099990\n');
  const data = new DataPage(page);
  await shop.open(page, '/data/import');
  await data.file.setInputFiles(file);
  await data.kind.selectOption('products');
  await data.preview.click();
  await expect(data.fieldFor('品名')).toHaveValue('name');
  await expect(data.fieldFor('零售价')).toHaveValue('price');
  await expect(data.fieldFor('条码')).toHaveValue('barcode');
  await expect(data.fieldFor('品名').getByRole('option', { name: 'Product name', selected: true })).toHaveCount(1);
  await data.importNow.click();
  await expect(data.status('Imported 2 products: 1 new, 1 updated, 1 price changes kept in their history.')).toBeVisible();
  const [longjing] = await shop.api<{ id: number; priceMinor: number }[]>('products.list', { query: '西湖龙井' });
  expect(longjing!.priceMinor).toBe(9600);
  const history = await shop.api<{ newPriceMinor: number; note: string }[]>('products.history', { id: longjing!.id });
  expect(history[0]).toMatchObject({ newPriceMinor: 9600, note: '价目表.csv' });
  await data.tab('Activity log').click();
  await expect(
    page.getByRole('row').filter({ hasText: 'Products from “价目表.csv”: 2 rows imported, 0 skipped.' }),
  ).toBeVisible();
});

test('a file with a bad row lists the problem, downloads it as CSV and imports nothing', async ({ page, shop }, testInfo) => {
  const file = testInfo.outputPath('sales.csv');
  fs.writeFileSync(file, 'customer_id,date,amount\nX1,2024-01-01,10\nX2,not a date,12\n');
  const before = (await shop.api<{ sales: number }>('shop.status')).sales;
  const data = new DataPage(page);
  await shop.open(page, '/data/import');
  await data.file.setInputFiles(file);
  await data.preview.click();
  await page.getByRole('checkbox', { name: 'Create customers the file names but the shop lacks' }).check();

  await data.check.click();
  await expect(page.getByRole('alert').filter({ hasText: '1 problem in the file. Fix it in the file' })).toBeVisible();
  const row = data.problems.getByRole('row').filter({ hasText: 'not a date' });
  await expect(row.getByRole('cell').first()).toHaveText('3');
  await expect(row).toContainText('date');
  const bytes = await data.download(() => data.page.getByRole('button', { name: 'Download problems as CSV' }).click());
  expect([...bytes.subarray(0, 3)]).toEqual(BOM);
  const rows = Papa.parse<string[]>(bytes.subarray(3).toString('utf8'), { skipEmptyLines: true }).data;
  // the screen's column names, in its language
  expect(rows[0]).toEqual(['Row', 'Column in the file', 'Problem', 'Value']);
  expect(rows[1]).toEqual(['3', 'date', expect.stringContaining('not a date') as unknown as string, 'not a date']);

  await data.importNow.click();
  await expect(page.getByRole('alert').filter({ hasText: '1 problem in the file; nothing has been imported.' })).toBeVisible();
  expect((await shop.api<{ sales: number }>('shop.status')).sales).toBe(before);
});

test('exports a tag segment as CSV that a real parser reads back, neutralised, and logs the campaign', async ({ page, shop }) => {
  await shop.api('customers.create', { name: '=SUM(A1:A9)', phone: '13955556666', tags: ['导出测试'], consent: { sms: true } });
  await shop.api('customers.create', { name: '正常顾客', phone: '13955557777', tags: ['导出测试'], consent: { sms: true } });
  await shop.api('customers.create', { name: '不同意', phone: '13955558888', tags: ['导出测试'] });
  const data = new DataPage(page);
  await shop.open(page, '/data/export');
  await data.segment.selectOption('tag');
  await data.tag.selectOption('导出测试');
  await expect(
    page.getByText('2 customers will be exported; 1 left out without SMS consent; 0 without a phone number.'),
  ).toBeVisible();
  const bytes = await data.download(() => data.exportNow.click());
  expect([...bytes.subarray(0, 3)]).toEqual(BOM);
  const rows = Papa.parse<string[]>(bytes.subarray(3).toString('utf8'), { skipEmptyLines: true }).data;
  // the English UI's headings are English by default (keys for scripts are one choice away)
  expect(rows[0]!.slice(0, 2)).toEqual(['Name', 'Phone']);
  expect(
    rows
      .slice(1)
      .map((r) => r[0])
      .sort(),
  ).toEqual(["'=SUM(A1:A9)", '正常顾客']);
  await expect(data.status(/Exported 2 customers to the downloaded file regulars-tag-/)).toBeVisible();
  await page.getByRole('link', { name: 'Open the campaign' }).click();
  await expect(page.getByRole('heading', { name: /Campaign #\d+/ })).toBeVisible();
  await expect(page.getByText('Customers with a tag: 导出测试 · SMS · CSV for Excel')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Customers in this campaign' }).getByRole('row')).toHaveCount(3);

  await data.tab('Campaigns').click();
  await expect(page.getByRole('row').filter({ hasText: 'Customers with a tag: 导出测试' })).toContainText('2 of 3');
});

test('contacts without consent need a logged reason; a printable call list comes with words for the call', async ({
  page,
  shop,
}) => {
  await shop.api('customers.create', { name: '电话甲', phone: '13966661111', tags: ['回访'], consent: { phone: true } });
  await shop.api('customers.create', { name: '电话乙', phone: '13966662222', tags: ['回访'] });
  const data = new DataPage(page);
  await shop.open(page, '/data/export');
  await data.segment.selectOption('tag');
  await data.tag.selectOption('回访');
  await data.channel.selectOption('phone');
  await data.format.selectOption('print');
  await page.getByRole('checkbox', { name: 'Include customers without consent' }).check();
  await expect(page.getByText('2 customers will be exported, 1 of them without consent')).toBeVisible();
  await data.exportNow.click();
  await expect(page.getByRole('textbox', { name: 'Reason (logged)' })).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('textbox', { name: 'Reason (logged)' }).fill('Recall of a faulty batch');
  await data.exportNow.click();

  const list = page.getByRole('table', { name: /^Call list · Customers with a tag: 回访 · Phone call/ });
  await expect(list.getByRole('row')).toHaveCount(3);
  await expect(list.getByRole('row').filter({ hasText: '电话甲' })).toContainText('139 6666 1111');
  await expect(list.getByRole('row').filter({ hasText: '电话乙' })).toContainText('Hello 电话乙, this is');
  await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();

  await data.tab('Activity log').click();
  await page.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'Contact exports' });
  // a printed call list is logged as what it is, not as the CSV it is read from (issue 15, item 15)
  await expect(page.getByRole('row').filter({ hasText: 'because: “Recall of a faulty batch”' })).toContainText(
    'Customers with a tag, Phone call, Printable call list: 2 customers.',
  );
});

test('the activity log names and words every kind of entry: a staff PIN set is one', async ({ page, shop }) => {
  const staff = await shop.api<{ id: number }>('staff.create', { name: '小王' });
  await shop.api('staff.setAccess', { id: staff.id, role: 'cashier', pin: '4826' });
  const data = new DataPage(page);
  await shop.open(page, '/data');
  await data.tab('Activity log').click();
  const show = page.getByRole('combobox', { name: 'Show' });
  // every choice is a name in words (an action without one would show its key)
  await expect(show.getByRole('option')).toHaveCount(11);
  const choices = await show.getByRole('option').allTextContents();
  expect(choices.filter((c) => c.startsWith('data.'))).toEqual([]);
  await show.selectOption({ label: 'Staff sign-in changes' });
  await expect(page.getByRole('row').filter({ hasText: 'Staff sign-in changed' })).toContainText(
    'Role: Cashier; PIN set; signed out on 0 devices.',
  );
});

test('takes a backup and restores it from the Backups tab', async ({ page, shop }) => {
  await shop.open(page, '/data/backups');
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Backup written' })).toBeVisible();
  await shop.api('customers.create', { name: '恢复后消失', phone: '13944443333' });
  await page
    .getByRole('row')
    .filter({ hasText: 'by hand' })
    .getByRole('button', { name: /^Restore backup of/ })
    .click();
  await expect(page.getByRole('group', { name: /^Restore backup of/ })).toContainText('the current database is backed up first');
  await page.getByRole('button', { name: 'Restore this backup' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored the backup' })).toBeVisible();
  const left = await shop.api<{ name: string }[]>('customers.search', { query: '3333' });
  expect(left.filter((c) => c.name === '恢复后消失')).toHaveLength(0);
  await expect(page.getByRole('row').filter({ hasText: 'before a restore' })).toHaveCount(1);
});

test('exports one customer’s data and erases them from their page after a confirmation', async ({ page, shop }) => {
  const c = await shop.api<{ id: number }>('customers.create', { name: '要删除的人', phone: '13922221111' });
  await shop.api('sales.record', { customerId: c.id, amountMinor: 3000 });
  await shop.open(page, `/customers/${c.id}`);
  const data = new DataPage(page);
  const json = JSON.parse(
    (await data.download(() => page.getByRole('button', { name: 'Export this customer’s data' }).click())).toString('utf8'),
  ) as { customer: { name: string }; sales: unknown[] };
  expect(json.customer.name).toBe('要删除的人');
  expect(json.sales).toHaveLength(1);
  const csv = await data.download(() => page.getByRole('button', { name: 'sales.csv' }).click());
  expect([...csv.subarray(0, 3)]).toEqual(BOM);

  await page.getByRole('button', { name: 'Erase this customer…' }).click();
  const confirm = page.getByRole('group', { name: 'Erase this customer…' });
  await expect(confirm).toContainText('Erasing 要删除的人');
  await expect(confirm).toContainText('sales stay as anonymous sales');
  await expect(confirm).toContainText('until they rotate out');
  await page.getByRole('button', { name: 'Erase customer' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'The customer was erased; 1 sale kept as an anonymous sale.' }),
  ).toBeVisible();
  expect(await shop.api<unknown[]>('customers.search', { query: '13922221111' })).toEqual([]);
});

test('a large import shows its progress and can be cancelled, leaving nothing behind', async ({ page, shop }, testInfo) => {
  const file = testInfo.outputPath('big-sales.csv');
  writeBigSalesCsv(file, 600_000);
  const before = await shop.api<{ sales: number; customers: number }>('shop.status');
  const data = new DataPage(page);
  await shop.open(page, '/data/import');
  await data.file.setInputFiles(file);
  await data.preview.click();
  await expect(page.getByText('600,000 rows')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Create customers the file names but the shop lacks' }).check();
  await data.importNow.click();
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel import' }).click();
  await expect(data.status('Import cancelled; nothing was imported.')).toBeVisible();
  const after = await shop.api<{ sales: number; customers: number }>('shop.status');
  expect([after.sales, after.customers]).toEqual([before.sales, before.customers]);
});

import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';

/**
 * The import's column mapping speaks the UI language: each field is named in words, in Chinese
 * with no field key (`member_code`) or other English beside it, in English as a label rather than
 * a snake_case key. The keys stay the options' values (and `--map`'s names).
 */
class ImportScreen {
  constructor(
    readonly page: Page,
    readonly words: { file: string; kind: string; preview: string; check: string; fieldFor: string; problems: string },
  ) {}

  async preview(file: string, kind: 'customers' | 'sales' | 'products'): Promise<void> {
    await this.page.getByLabel(this.words.file, { exact: true }).setInputFiles(file);
    await this.page.getByRole('combobox', { name: this.words.kind, exact: true }).selectOption(kind);
    await this.page.getByRole('button', { name: this.words.preview }).click();
  }

  fieldFor(column: string): Locator {
    return this.page.getByRole('combobox', { name: this.words.fieldFor.replace('{{column}}', column) });
  }

  /** every option of every column's field list */
  async allOptions(columns: string[]): Promise<string[]> {
    const all: string[] = [];
    for (const c of columns) all.push(...(await this.fieldFor(c).getByRole('option').allInnerTexts()));
    return all;
  }

  get problems(): Locator {
    return this.page.getByRole('table', { name: this.words.problems });
  }
}

const zh = {
  file: '文件',
  kind: '导入内容',
  preview: '预览',
  check: '检查文件',
  fieldFor: '列“{{column}}”对应的字段',
  problems: '文件中的问题',
};
const en = {
  file: 'File',
  kind: 'Import',
  preview: 'Preview',
  check: 'Check file',
  fieldFor: 'Field for column “{{column}}”',
  problems: 'Problems in the file',
};

const FILES = {
  customers: [
    '姓名,手机号,会员号,标签,短信,编号\n导入甲,13911112222,T-001,新客,是,A1\n',
    ['姓名', '手机号', '会员号', '标签', '短信', '编号'],
  ],
  sales: [
    '客户编号,会员号,日期,实收,数量,优惠,促销\nX1,M1,2024-01-01,10,1,0,否\n',
    ['客户编号', '会员号', '日期', '实收', '数量', '优惠', '促销'],
  ],
  products: ['品名,分类,零售价,条码,货号\n西湖龙井,茶叶,96,,LJ-1\n', ['品名', '分类', '零售价', '条码', '货号']],
} as const;

test('in Chinese the mapping names every field in Chinese, with no field key', async ({ page, shop }, testInfo) => {
  const screen = new ImportScreen(page, zh);
  await shop.open(page, '/data/import', 'zh-CN');
  for (const kind of ['customers', 'sales', 'products'] as const) {
    const [body, columns] = FILES[kind];
    const file = testInfo.outputPath(`${kind}.csv`);
    fs.writeFileSync(file, body);
    await screen.preview(file, kind);
    await expect(screen.fieldFor(columns[0])).toBeVisible();
    const options = await screen.allOptions([...columns]);
    // every field of the kind is offered, and not one option carries a key such as member_code
    expect(options.length).toBeGreaterThan(columns.length);
    expect(options.filter((o) => /[a-z]/.test(o))).toEqual([]);
  }

  const [body] = FILES.customers;
  const file = testInfo.outputPath('会员.csv');
  fs.writeFileSync(file, body);
  await screen.preview(file, 'customers');
  await expect(screen.fieldFor('会员号')).toHaveValue('member_code');
  await expect(screen.fieldFor('会员号').getByRole('option', { name: '会员号或卡号', selected: true })).toHaveCount(1);
  // a field is chosen by its Chinese name; the value behind it is the key --map uses
  await screen.fieldFor('短信').selectOption({ label: '同意接收短信（是/否）' });
  await expect(screen.fieldFor('短信')).toHaveValue('consent_sms');
  // the sample's headers name the chosen field in Chinese too
  const sample = page.getByRole('table', { name: '文件前几行' });
  await expect(sample.getByRole('columnheader', { name: '会员号 → 会员号或卡号' })).toBeVisible();
  await expect(sample.getByRole('columnheader', { name: '编号 → 原系统中的顾客编号' })).toBeVisible();
  expect((await sample.getByRole('columnheader').allInnerTexts()).filter((h) => /[a-z]/.test(h))).toEqual([]);
});

test('in English the mapping shows labels, not snake_case keys', async ({ page, shop }, testInfo) => {
  const screen = new ImportScreen(page, en);
  await shop.open(page, '/data/import', 'en');
  const [body, columns] = FILES.customers;
  const file = testInfo.outputPath('members.csv');
  fs.writeFileSync(file, body);
  await screen.preview(file, 'customers');
  await expect(screen.fieldFor('会员号')).toHaveValue('member_code');
  await expect(screen.fieldFor('会员号').getByRole('option', { name: 'Member or card number', selected: true })).toHaveCount(1);
  const options = await screen.allOptions([...columns]);
  expect(options.filter((o) => /[a-z]+_[a-z]+/.test(o))).toEqual([]);
  const sample = page.getByRole('table', { name: 'First rows of the file' });
  await expect(sample.getByRole('columnheader', { name: '会员号 → Member or card number' })).toBeVisible();
});

test('in Chinese a problem with a field no column was mapped to names the field in Chinese', async ({ page, shop }, testInfo) => {
  const screen = new ImportScreen(page, zh);
  await shop.open(page, '/data/import', 'zh-CN');
  // no name column: the old system's id stands for a name, and this row has none either
  const customers = testInfo.outputPath('没有姓名.csv');
  fs.writeFileSync(customers, 'customer_id,手机号\n,13911117777\n');
  await screen.preview(customers, 'customers');
  await page.getByRole('button', { name: zh.check }).click();
  await expect(screen.problems.getByRole('row').nth(1).getByRole('cell')).toHaveText(['2', '顾客姓名', '缺少姓名', '']);

  // a price list's missing name is a product's, not a person's
  const products = testInfo.outputPath('价目表.csv');
  fs.writeFileSync(products, '品名,零售价\n,96\n');
  await screen.preview(products, 'products');
  await page.getByRole('button', { name: zh.check }).click();
  await expect(screen.problems.getByRole('row').nth(1).getByRole('cell')).toHaveText(['2', '品名', '缺少商品名称', '']);
});

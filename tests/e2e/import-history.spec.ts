import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { writeBigSalesCsv } from './big-files';

/**
 * Issue 15, item 17: closing or reloading the tab during an import leaves a trace. The Data screen
 * lists running and finished imports with their result, read again from the shop on every load.
 */
class ImportsPage {
  readonly file: Locator;
  readonly kind: Locator;
  readonly list: Locator;
  constructor(readonly page: Page) {
    this.file = page.getByLabel('File');
    this.kind = page.getByRole('combobox', { name: 'Import', exact: true });
    this.list = page.getByRole('table', { name: 'Imports, newest first' });
  }
  async importFile(file: string, kind: 'customers' | 'sales', options: string[] = []): Promise<void> {
    await this.file.setInputFiles(file);
    await this.kind.selectOption(kind);
    await this.page.getByRole('button', { name: 'Preview' }).click();
    for (const o of options) await this.page.getByRole('checkbox', { name: o }).check();
    await this.page.getByRole('button', { name: 'Import', exact: true }).click();
  }
  row(fileName: string): Locator {
    return this.list.getByRole('row').filter({ hasText: fileName });
  }
}

test('a finished import with a bad row is listed with its result after a reload', async ({ page, shop }, testInfo) => {
  const file = testInfo.outputPath('会员名单.csv');
  fs.writeFileSync(
    file,
    '姓名,手机号,会员号\n历史甲,13911114444,H-001\n历史乙,13911115555,H-002,多余\n历史丙,13911116666,H-003\n',
  );
  const imports = new ImportsPage(page);
  await shop.open(page, '/data/import');
  await imports.importFile(file, 'customers', ['Skip bad rows']);
  await expect(page.getByRole('status').filter({ hasText: 'Imported 2 customers' })).toBeVisible();
  await page.reload();
  const row = imports.row('会员名单.csv');
  await expect(row).toContainText('Customers');
  await expect(row).toContainText('Finished');
  await expect(row).toContainText('2 rows imported; 1 bad row skipped');
});

test('an import still running when the page is reloaded is listed, then with its result', async ({ page, shop }, testInfo) => {
  test.setTimeout(240_000);
  const file = testInfo.outputPath('big-sales.csv');
  writeBigSalesCsv(file, 200_000);
  const imports = new ImportsPage(page);
  await shop.open(page, '/data/import');
  await imports.importFile(file, 'sales', ['Create customers the file names but the shop lacks']);
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  await page.reload();
  const row = imports.row('big-sales.csv');
  await expect(row).toContainText(/Running|Finished/);
  await expect(row).toContainText('200,000 rows imported', { timeout: 200_000 });
  await expect(row).toContainText('Finished');
  // in Chinese too
  await shop.open(page, '/data/import', 'zh-CN');
  await expect(
    page.getByRole('table', { name: '导入记录（最新在前）' }).getByRole('row').filter({ hasText: 'big-sales.csv' }),
  ).toContainText('已导入 200,000 行');
});

test('a cancelled import is listed as cancelled after a reload', async ({ page, shop }, testInfo) => {
  test.setTimeout(180_000);
  const file = testInfo.outputPath('cancel-sales.csv');
  writeBigSalesCsv(file, 600_000);
  const imports = new ImportsPage(page);
  await shop.open(page, '/data/import');
  await imports.importFile(file, 'sales', ['Create customers the file names but the shop lacks']);
  await page.getByRole('button', { name: 'Cancel import' }).click();
  // the worker stops at its next check, after reading the file: slow on a busy machine
  await expect(page.getByRole('status').filter({ hasText: 'Import cancelled' })).toBeVisible({ timeout: 120_000 });
  await page.reload();
  const row = imports.row('cancel-sales.csv');
  await expect(row).toContainText('Cancelled');
  await expect(row).toContainText('Nothing was imported');
});

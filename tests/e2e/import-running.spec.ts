import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { writeBigSalesCsv } from './big-files';

/**
 * One import at a time per shop (issue 13: imports stay all-or-nothing while the counter goes on):
 * a second window that starts an import while the first one's is running is told so in the
 * owner's words, and nothing of its file is imported.
 */
async function chooseAndPreview(page: Page, file: string, kind: 'customers' | 'sales'): Promise<void> {
  await page.getByLabel('File').setInputFiles(file);
  await page.getByRole('combobox', { name: 'Import', exact: true }).selectOption(kind);
  await page.getByRole('button', { name: 'Preview' }).click();
}

test('a second import while one is running is refused, and changes nothing', async ({ page, shop }, testInfo) => {
  test.setTimeout(240_000);
  const big = testInfo.outputPath('running-sales.csv');
  // large enough to be still running while the second window tries (cancelled below)
  writeBigSalesCsv(big, 600_000, 'R');
  const small = testInfo.outputPath('second-customers.csv');
  fs.writeFileSync(small, 'name,phone\n第二窗口,13922223333\n');

  await shop.open(page, '/data/import');
  await chooseAndPreview(page, big, 'sales');
  await page.getByRole('checkbox', { name: 'Create customers the file names but the shop lacks' }).check();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();

  const second = await page.context().newPage();
  await shop.open(second, '/data/import');
  await chooseAndPreview(second, small, 'customers');
  await second.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(second.getByRole('alert')).toHaveText(
    'An import is already running for this shop. Wait for it to finish (or cancel it), then try again.',
  );
  expect(await shop.api<unknown[]>('customers.search', { query: '13922223333', limit: 8 })).toEqual([]);

  // the first goes on until its owner cancels it
  await page.getByRole('button', { name: 'Cancel import' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Import cancelled' })).toBeVisible({ timeout: 120_000 });
});

import fs from 'node:fs';
import iconv from 'iconv-lite';
import { test, expect } from './fixtures';

/**
 * Issue 14 item 9 in the Data screen: a UTF-8 list with one name pasted in from a GBK program is
 * not guessed; the preview says so in the UI language, shows both readings, and the owner chooses.
 */
function mixedFile(path: string): void {
  fs.writeFileSync(
    path,
    Buffer.concat([
      Buffer.from('姓名,手机号\r\n编码甲,13966660001\r\n编码乙,13966660002\r\n', 'utf8'),
      iconv.encode('编码丙', 'gbk'),
      Buffer.from(',13966660003\r\n', 'utf8'),
    ]),
  );
}

test('a mixed UTF-8/GBK file: both readings shown, nothing imported until an encoding is chosen', async ({
  page,
  shop,
}, testInfo) => {
  const file = testInfo.outputPath('mixed.csv');
  mixedFile(file);
  await shop.open(page, '/data/import');
  await page.getByLabel('File').setInputFiles(file);
  await page.getByRole('combobox', { name: 'Import', exact: true }).selectOption('customers');
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'neither clean UTF-8 nor clean GB18030: 1 cell is not UTF-8' }),
  ).toBeVisible();
  const readings = page.getByRole('table', { name: 'Where the two readings differ' });
  await expect(readings.getByRole('row').filter({ hasText: '编码丙' })).toBeVisible();
  await expect(readings.getByRole('row').filter({ hasText: '编码甲' })).toBeVisible();

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Choose an encoding first' })).toBeVisible();
  expect(await shop.api<unknown[]>('customers.search', { query: '6666000' })).toEqual([]);

  await page.getByRole('combobox', { name: 'Encoding' }).selectOption('mixed');
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(readings).toHaveCount(0);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 3 customers: 3 new, 0 updated.' })).toBeVisible();
  const found = await shop.api<{ name: string }[]>('customers.search', { query: '13966660003' });
  expect(found.map((c) => c.name)).toEqual(['编码丙']);
});

test('the same in Chinese', async ({ page, shop }, testInfo) => {
  const file = testInfo.outputPath('mixed.csv');
  mixedFile(file);
  await shop.open(page, '/data/import', 'zh-CN');
  await page.getByLabel('文件').setInputFiles(file);
  await page.getByRole('button', { name: '预览' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '既不是纯 UTF-8，也不是纯 GB18030' })).toBeVisible();
  await expect(page.getByRole('table', { name: '两种读法不同的单元格' })).toBeVisible();
});

test('a picture chosen by mistake is refused in words, with nothing to import', async ({ page, shop }, testInfo) => {
  const file = testInfo.outputPath('photo.png');
  fs.writeFileSync(file, Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'));
  await shop.open(page, '/data/import');
  await page.getByLabel('File').setInputFiles(file);
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'This is not a CSV or Excel file' })).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
  await shop.open(page, '/data/import', 'zh-CN');
  await page.getByLabel('文件').setInputFiles(file);
  await page.getByRole('button', { name: '预览' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '这不是本软件能读取的 CSV 或 Excel 文件' })).toBeVisible();
});

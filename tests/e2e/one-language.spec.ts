import { test, expect } from './fixtures';

/**
 * Issue 15, item 7: in Chinese nothing the browser draws speaks English. Month and date fields are
 * the app's own (YYYY-MM / YYYY-MM-DD in the box, the month or day named in Chinese beside it), the
 * file field is a translated button with the file's name, time zones are named in Chinese, the rules
 * are explained in the app, and reasons run on with the Chinese separator.
 */
test('month fields take YYYY-MM and name the month in the UI language', async ({ page, shop }) => {
  await shop.open(page, '/lapsed', 'zh-CN');
  const month = page.getByLabel('统计月份');
  await expect(month).toHaveValue('2026-03');
  await expect(month).toHaveAttribute('type', 'text');
  await expect(page.getByText('2026年3月', { exact: true })).toBeVisible();
  await month.fill('2025-06');
  await expect(page.getByText('2025年6月', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: '下个月' }).click();
  await expect(month).toHaveValue('2025-07');
  await expect(page.locator('input[type=month], input[type=date]')).toHaveCount(0);

  await shop.open(page, '/insights', 'en');
  await page.getByLabel('Figures as of').fill('2025-12');
  await expect(page.getByText('December 2025', { exact: true })).toBeVisible();
});

test('date fields name the day in Chinese; no browser date box is left', async ({ page, shop }) => {
  await shop.open(page, '/settings', 'zh-CN');
  const day = page.getByLabel('调价日期');
  await expect(day).toHaveValue('2026-03-10');
  await expect(page.getByText('2026年3月10日', { exact: true })).toBeVisible();
  await day.fill('2026-02-01');
  await expect(page.getByText('2026年2月1日', { exact: true })).toBeVisible();
  await expect(page.locator('input[type=month], input[type=date]')).toHaveCount(0);
  await shop.open(page, '/insights', 'zh-CN');
  await expect(page.locator('main h1')).toBeVisible();
  await expect(page.locator('input[type=month], input[type=date]')).toHaveCount(0);
});

test('the import file field is a translated button with the chosen file name', async ({ page, shop }, testInfo) => {
  await shop.open(page, '/data/import', 'zh-CN');
  const input = page.getByLabel('文件');
  await expect(page.getByText('选择文件…')).toBeVisible();
  await expect(page.getByText('未选择文件')).toBeVisible();
  // the browser's own button ("Choose File / No file chosen") is not drawn
  expect(await input.evaluate((el) => el.getBoundingClientRect().width)).toBeLessThanOrEqual(1);
  const file = testInfo.outputPath('会员名单.csv');
  const fs = await import('node:fs');
  fs.writeFileSync(file, '姓名,手机\n张三,13800001234\n');
  await input.setInputFiles(file);
  await expect(page.getByText('会员名单.csv')).toBeVisible();
});

test('exports get column headings in the UI language, the stable keys as an option', async ({ page, shop }) => {
  await shop.open(page, '/data/export', 'zh-CN');
  const headings = page.getByLabel('列标题');
  await expect(headings).toHaveValue('zh-CN');
  await expect(headings.locator('option')).toHaveText(['中文', '英文', '供脚本使用的英文键名（name、phone…）']);
});

test('Settings names time zones and currencies in Chinese and explains the rules in the app', async ({ page, shop }) => {
  await shop.open(page, '/settings', 'zh-CN');
  const zone = page.getByLabel('时区');
  await expect(zone).toHaveValue('Asia/Shanghai');
  await expect(zone.locator('option:checked')).toHaveText(/^中国.*时间（Asia\/Shanghai）$/);
  await expect(page.getByLabel('货币').locator('option:checked')).toHaveText('人民币（CNY）');
  await expect(page.getByText('docs/lapsed.md')).toHaveCount(0);
  await page.getByText('这些说法是什么意思').click();
  await expect(page.getByRole('definition').filter({ hasText: '90 天内不再回来的概率' })).toBeVisible();

  await shop.open(page, '/settings', 'en');
  await expect(page.getByLabel('Time zone').locator('option:checked')).toHaveText('China Standard Time (Asia/Shanghai)');
});

test('reasons run on with the Chinese separator', async ({ page, shop }) => {
  await shop.open(page, '/lapsed', 'zh-CN');
  const reasons = page.locator('main table tbody td').filter({ hasText: /；/ }).first();
  await expect(reasons).toBeVisible();
  const cells = await page.locator('main table tbody td').allInnerTexts();
  expect(cells.filter((c) => c.includes('; '))).toEqual([]);
});

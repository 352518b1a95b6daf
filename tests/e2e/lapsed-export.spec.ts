import type { Page } from '@playwright/test';
import { test, expect, type Shop } from './fixtures';

interface Report {
  rows: { status: string; tier: string; staff_id: number | null }[];
}

/** The numbers in "N customers will be exported; N left out …; N without …", summed: everyone the segment matched. */
const matchedIn = (text: string) =>
  (text.match(/\d[\d,]*/g) ?? []).slice(0, 3).reduce((s, n) => s + Number(n.replace(/,/g, '')), 0);

/** The export's count is the list's customers of that status in the tier, not all customers; returns it. */
async function expectCountOf(page: Page, shop: Shop, status: 'lapsed' | 'fading', tier: string): Promise<number> {
  const report = await shop.api<Report>('lapsed.list', { tier });
  const expected = report.rows.filter((r) => r.status === status).length;
  expect(expected).toBeGreaterThan(0);
  const count = page.locator('.export-count');
  await expect(count).toContainText('customers will be exported');
  expect(matchedIn((await count.textContent()) ?? '')).toBe(expected);
  return expected;
}

test('Lapsed → Export as a contact list opens the export with the lapsed segment and the tier filter (issue 15, item 6)', async ({
  page,
  shop,
}) => {
  await shop.open(page, '/lapsed');
  await page.getByRole('combobox', { name: 'Tier' }).selectOption('main');
  await expect(page.getByRole('region', { name: /^Lapsed/ }).getByRole('cell', { name: 'key', exact: true })).toHaveCount(0);
  await page.getByRole('link', { name: 'Export as a contact list' }).click();
  await expect(page).toHaveURL(/[?&]lang=en.*#\/data\/export\?segment=lapsed&tier=main$/);
  await expect(page.getByRole('heading', { name: 'Export a contact list' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Segment' })).toHaveValue('lapsed');
  await expect(page.getByRole('combobox', { name: 'Tier' })).toHaveValue('main');
  // the count is the lapsed main customers, not all customers
  await expectCountOf(page, shop, 'lapsed', 'main');
  // a reload keeps the choice (it is in the route), the token and the language
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Tier' })).toHaveValue('main');
  await expectCountOf(page, shop, 'lapsed', 'main');
  // the campaign remembers the filter
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('link', { name: 'Open the campaign' }).click();
  await expect(page.getByText(/Lapsed.*main customers/)).toBeVisible();
});

test('the fading the list shows have an export of their own, with the same filter', async ({ page, shop }) => {
  await shop.open(page, '/lapsed');
  await page.getByRole('combobox', { name: 'Tier' }).selectOption('main');
  await page.getByRole('link', { name: 'Export the fading as a contact list' }).click();
  await expect(page).toHaveURL(/[?&]lang=en.*#\/data\/export\?segment=fading&tier=main$/);
  await expect(page.getByRole('combobox', { name: 'Segment' })).toHaveValue('fading');
  await expectCountOf(page, shop, 'fading', 'main');
});

test('in Chinese, with a staff member chosen too, the export keeps both filters and the language', async ({ page, shop }) => {
  const staff = (await shop.api<{ staff: { id: number; name: string }[] }>('shop.status')).staff[0]!;
  await shop.open(page, '/lapsed', 'zh-CN');
  await page.getByRole('combobox', { name: '等级' }).selectOption('key');
  await page.getByRole('combobox', { name: '店员' }).selectOption(String(staff.id));
  await page.getByRole('link', { name: '导出为联系人名单' }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]lang=zh-CN.*#/data/export\\?segment=lapsed&tier=key&staff=${staff.id}$`));
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('combobox', { name: '顾客范围' })).toHaveValue('lapsed');
  await expect(page.getByRole('combobox', { name: '等级' })).toHaveValue('key');
  await expect(page.getByRole('combobox', { name: '店员' })).toHaveValue(String(staff.id));
  const report = await shop.api<Report>('lapsed.list', { tier: 'key', staffId: staff.id });
  const expected = report.rows.filter((r) => r.status === 'lapsed').length;
  const count = page.locator('.export-count');
  await expect(count).not.toBeEmpty();
  expect(matchedIn((await count.textContent()) ?? '')).toBe(expected);
});

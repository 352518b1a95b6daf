import fs from 'node:fs';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Download, Page } from '@playwright/test';
import { test, expect } from './fixtures';

/** Exports for sending (issue 17): the export panel writes messages and offer codes, the campaign log shows them. */

interface Offer {
  code: string;
  customerId: number;
  campaignId: number | null;
  status: string;
}

async function download(page: Page, click: () => Promise<void>): Promise<Buffer> {
  const pending: Promise<Download> = page.waitForEvent('download');
  await click();
  return fs.readFileSync(await (await pending).path());
}

/** Two customers with a tag who agreed to SMS, one who did not. */
async function customers(shop: { api<T>(m: string, i?: unknown): Promise<T> }, tag: string) {
  const make = (name: string, phone: string, sms: boolean) =>
    shop.api<{ id: number }>('customers.create', { name, phone, tags: [tag], consent: { sms } });
  return {
    wang: await make('王静悦', '13955550001', true),
    li: await make('李小红', '13955550002', true),
    no: await make('不同意', '13955550003', false),
  };
}

test('in Chinese: an SMS platform sheet (.xlsx) with an offer for everyone; the campaign shows each message and code', async ({
  page,
  shop,
}) => {
  const ids = await customers(shop, '短信测试');
  await shop.open(page, '/data/export', 'zh-CN');
  await page.getByRole('combobox', { name: '顾客范围' }).selectOption('tag');
  await page.getByRole('combobox', { name: '标签' }).selectOption('短信测试');
  await page.getByRole('combobox', { name: '格式' }).selectOption('xlsx');
  await page.getByRole('combobox', { name: '表格用途' }).selectOption('sms');
  await page.getByRole('checkbox', { name: '给本次导出的每位顾客发一张优惠券' }).check();
  await page.getByRole('combobox', { name: '优惠方式' }).selectOption('amount_off');
  await page.getByRole('textbox', { name: '减免金额' }).fill('20');
  await page.getByRole('textbox', { name: '最低消费（可不填）' }).fill('100');
  await page.getByLabel('最后可用日期（可不填）').fill('2026-04-30');
  const bytes = await download(page, () => page.getByRole('button', { name: '导出', exact: true }).click());
  await expect(page.getByRole('status').filter({ hasText: '已发出 2 张优惠券' })).toBeVisible();

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['手机号码', '短信内容']);
  const rows = new Map<string, string>();
  ws.eachRow((row, i) => {
    if (i > 1) rows.set(String(row.getCell(1).value), String(row.getCell(2).value));
  });
  // 不同意 did not agree to SMS: no row
  expect([...rows.keys()].sort()).toEqual(['13955550001', '13955550002']);
  const offers = await shop.api<Offer[]>('offers.list', { status: 'all' });
  const wang = offers.find((o) => o.customerId === ids.wang.id)!;
  expect(offers.filter((o) => o.campaignId === wang.campaignId)).toHaveLength(2);
  expect(offers.some((o) => o.customerId === ids.no.id)).toBe(false);
  const wangMessage = rows.get('13955550001')!;
  expect(wangMessage).toContain('王静悦');
  expect(wangMessage).toContain(`优惠码 ${wang.code}：`);
  expect(wangMessage).toContain('2026年4月30日');

  await page.getByRole('link', { name: '查看这次营销活动' }).click();
  const table = page.getByRole('table', { name: '本次活动的顾客' });
  const row = table.getByRole('row').filter({ hasText: '王静悦' });
  await expect(row.getByRole('cell', { name: wangMessage, exact: true })).toBeVisible();
  await expect(row.getByRole('cell', { name: `${wang.code}（未使用）` })).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: '不同意' })).toHaveCount(0);
});

test('in English: a contact list CSV with "Include message" and a percentage offer; no message or code without consent', async ({
  page,
  shop,
}) => {
  const ids = await customers(shop, 'sms-test');
  await shop.open(page, '/data/export');
  await page.getByRole('combobox', { name: 'Segment' }).selectOption('tag');
  await page.getByRole('combobox', { name: 'Tag' }).selectOption('sms-test');
  await page.getByRole('combobox', { name: 'Column headings' }).selectOption('keys');
  await page.getByRole('checkbox', { name: 'Include message' }).check();
  await page.getByRole('combobox', { name: 'Which message' }).selectOption('lapsed');
  await page.getByRole('checkbox', { name: 'Issue an offer to everyone in this export' }).check();
  await page.getByRole('combobox', { name: 'Kind of offer' }).selectOption('percent_off');
  // a percentage over 100 is refused beside its field and issues nothing
  await page.getByRole('textbox', { name: 'Percent off' }).fill('120');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Percent off' })).toHaveAttribute('aria-invalid', 'true');
  expect(await shop.api<Offer[]>('offers.list', { status: 'all' })).toHaveLength(0);
  await page.getByRole('textbox', { name: 'Percent off' }).fill('10');
  const bytes = await download(page, () => page.getByRole('button', { name: 'Export', exact: true }).click());
  const parsed = Papa.parse<Record<string, string>>(bytes.toString('utf8').replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
  });
  expect(parsed.meta.fields!.slice(-2)).toEqual(['message', 'offer_code']);
  // without "include customers without consent" the one who did not agree is not in the file
  expect(parsed.data.map((r) => r['name']).sort()).toEqual(['李小红', '王静悦']);
  const offers = await shop.api<Offer[]>('offers.list', { status: 'all' });
  const li = parsed.data.find((r) => r['name'] === '李小红')!;
  expect(li['offer_code']).toBe(offers.find((o) => o.customerId === ids.li.id)!.code);
  expect(li['message']).toContain(li['offer_code']);
  expect(li['message']).toMatch(/^李小红/);
  // the codes are out: the box is unticked, so writing the list again would issue no second code
  await expect(page.getByRole('checkbox', { name: 'Issue an offer to everyone in this export' })).not.toBeChecked();

  await page.getByRole('link', { name: 'Open the campaign' }).click();
  const row = page.getByRole('table', { name: 'Customers in this campaign' }).getByRole('row').filter({ hasText: '李小红' });
  await expect(row.getByRole('cell', { name: li['message']!, exact: true })).toBeVisible();
  await expect(row.getByRole('cell', { name: `${li['offer_code']} (not used yet)` })).toBeVisible();
});

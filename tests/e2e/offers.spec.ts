import Database from 'better-sqlite3';
import { test, expect, NOW } from './fixtures';
import { CounterPage } from './pages/counter';

const DAY = 86_400_000;

interface Offer {
  id: number;
  code: string;
  status: string;
  saleId: number | null;
}

/** A lapsed customer who left over price, with a win-back case they were contacted on. */
async function priceLeaver(shop: { api<T>(m: string, i?: unknown): Promise<T> }, name: string, phone: string) {
  const c = await shop.api<{ id: number }>('customers.create', { name, phone, consent: { sms: true } });
  await shop.api('sales.record', { customerId: c.id, amountMinor: 30_000, occurredAt: Date.parse(NOW) - 300 * DAY });
  const w = await shop.api<{ id: number }>('winback.start', { customerId: c.id });
  await shop.api('winback.step', { id: w.id, step: 'contact', reason: 'price' });
  return { customerId: c.id, caseId: w.id };
}

test('an offer issued on a win-back case is redeemed at the counter: the case is won back and Insights counts it', async ({
  page,
  shop,
}) => {
  test.setTimeout(180_000);
  await shop.api('settings.update', { language: 'en', shopName: 'Corner Bakery' });
  const { customerId, caseId } = await priceLeaver(shop, 'Olive Offer', '13922226666');

  await shop.open(page, `/winback/${caseId}`);
  const section = page.getByRole('region', { name: 'Offer' });
  const form = section.getByRole('form', { name: 'Issue an offer' });
  await form.getByRole('combobox', { name: 'Kind of offer' }).selectOption('amount_off');
  await form.getByRole('textbox', { name: 'Amount off' }).fill('20');
  await form.getByRole('textbox', { name: 'Minimum spend (optional)' }).fill('100');
  await form.getByRole('button', { name: 'Issue an offer' }).click();
  // issued once the case shows its terms (asking the API before that can race the click)
  await expect(section.getByText('¥20.00 off on a spend of ¥100.00 or more')).toBeVisible();
  const [offer] = await shop.api<Offer[]>('offers.list', { customerId });
  expect(offer).toMatchObject({ status: 'open' });
  await expect(section.getByText(offer!.code, { exact: true })).toBeVisible();
  await expect(section.getByText('¥20.00 off on a spend of ¥100.00 or more')).toBeVisible();
  // the suggested message carries the code and its terms
  await expect(
    page
      .getByRole('group', { name: 'How to reach Olive Offer' })
      .getByText(`Offer code ${offer!.code}: ¥20.00 off on a spend of ¥100.00 or more.`, {
        exact: false,
      }),
  ).toBeVisible();

  // At the counter: the code (typed in lower case, as read off a phone) shows the money off and what is left to pay.
  await shop.open(page);
  const counter = new CounterPage(page);
  await counter.find('6666');
  await counter.options().filter({ hasText: 'Olive Offer' }).click();
  await counter.amount.fill('150');
  await page.getByRole('textbox', { name: 'Offer code' }).fill(offer!.code.toLowerCase());
  await expect(page.getByRole('status').getByLabel('To pay')).toHaveText('¥130.00');
  await expect(page.getByRole('status').getByLabel('Offer', { exact: true })).toHaveText('−¥20.00');
  await counter.saveSale.click();
  await expect(page.getByRole('status').filter({ hasText: 'Sale saved' })).toContainText('Olive Offer');
  const [redeemed] = await shop.api<Offer[]>('offers.list', { customerId });
  expect(redeemed).toMatchObject({ code: offer!.code, status: 'redeemed' });
  const [sale] = await shop.api<{ id: number; amountMinor: number; discountMinor: number }[]>('customers.sales', { customerId });
  expect(sale).toMatchObject({ id: redeemed!.saleId, amountMinor: 13_000, discountMinor: 2000 });

  // The case is won back, the offer named.
  await shop.open(page, `/winback/${caseId}`);
  await expect(page.getByRole('status').filter({ hasText: `Won back with offer ${offer!.code}.` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Offer' }).getByText('Redeemed', { exact: false })).toBeVisible();

  // Insights: issued 1, redeemed 1, 100%, ¥20 given, ¥130 spent since.
  await shop.open(page, '/insights');
  const offers = page.getByRole('region', { name: 'Offers: which pay for themselves' });
  const row = offers.getByRole('table', { name: 'Per offer' }).getByRole('row', { name: /¥20\.00 off/ });
  await expect(row).toBeVisible({ timeout: 120_000 });
  await expect(row.getByRole('cell')).toHaveText(['1', '1', '100%', '¥20.00', '¥130.00']);
  const reason = offers.getByRole('table', { name: 'Per reason they left' }).getByRole('row', { name: /Price rise/ });
  await expect(reason.getByRole('cell')).toHaveText(['1', '1', '100%', '¥20.00', '¥130.00']);
});

test('a reused, expired or another customer’s code is refused in the field and nothing is saved', async ({ page, shop }) => {
  await shop.api('settings.update', { language: 'en' });
  const ada = await priceLeaver(shop, 'Ada Code', '13933337777');
  const bo = await priceLeaver(shop, 'Bo Code', '13944448888');
  const issue = (customerId: number) => shop.api<Offer>('offers.issue', { customerId, kind: 'percent_off', value: 10 });
  const used = await issue(ada.customerId);
  await shop.api('sales.record', { customerId: ada.customerId, amountMinor: 5000, offerCode: used.code });
  const expired = await issue(ada.customerId);
  const db = new Database(shop.dbPath);
  db.prepare("UPDATE offers SET expires_on = '2026-03-01' WHERE id = ?").run(expired.id);
  db.close();
  const bos = await issue(bo.customerId);
  const salesBefore = (await shop.api<unknown[]>('customers.sales', { customerId: ada.customerId })).length;

  await shop.open(page);
  const counter = new CounterPage(page);
  await counter.find('7777');
  await counter.options().filter({ hasText: 'Ada Code' }).click();
  await counter.amount.fill('80');
  const field = page.getByRole('textbox', { name: 'Offer code' });
  for (const [code, message] of [
    [used.code, 'This offer code has already been used.'],
    [expired.code, 'This offer has expired.'],
    [bos.code, 'This offer code belongs to another customer.'],
    ['ZZZZZZZ', 'No offer has this code: check it and type it again.'],
  ] as const) {
    await field.fill(code);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText(message)).toBeVisible();
    // saving anyway is refused by the core with the same words in the field
    await counter.saveSale.click();
    await expect(page.getByText(message)).toBeVisible();
  }
  expect(await shop.api<unknown[]>('customers.sales', { customerId: ada.customerId })).toHaveLength(salesBefore);

  // in Chinese: the field is 优惠码 and says whose code it is
  await shop.open(page, '/counter', 'zh-CN');
  await page.getByRole('combobox', { name: '查找顾客' }).fill('7777');
  await page.getByRole('option').filter({ hasText: 'Ada Code' }).click();
  await page.getByRole('textbox', { name: '金额', exact: true }).fill('80');
  await page.getByRole('textbox', { name: '优惠码' }).fill(bos.code);
  await expect(page.getByText('这个优惠码属于另一位顾客。')).toBeVisible();
});

test('the printed call sheet names a lapsed customer’s open offer', async ({ page, shop }) => {
  test.setTimeout(180_000);
  await shop.api('settings.update', { language: 'en' });
  const report = await shop.api<{ rows: { id: number; name: string; status: string }[] }>('lapsed.list', {});
  const lapsed = report.rows.find((r) => r.status === 'lapsed')!;
  const offer = await shop.api<Offer>('offers.issue', { customerId: lapsed.id, kind: 'percent_off', value: 15 });
  await shop.open(page, '/lapsed');
  await expect(page.locator('.lapsed-table').first()).toBeVisible({ timeout: 120_000 });
  await page.emulateMedia({ media: 'print' });
  const row = page.locator('.call-sheet tbody tr').filter({ hasText: lapsed.name }).first();
  await expect(row.locator('td.cs-next')).toContainText(`Offer ${offer.code}`);
});

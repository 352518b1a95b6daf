import { test as base, expect, demoTemplate, serveCopy, type Shop } from './fixtures';
import { pdfPageCount } from '../helpers/pdf';

/** A demo shop big enough for a list of several pages (the had 59 customers); one per worker, copied per test. */
const test = base.extend<{ bigShop: Shop }, { bigTemplate: string }>({
  bigTemplate: [demoTemplate(700, 5), { scope: 'worker' }],
  bigShop: async ({ bigTemplate }, use, testInfo) => serveCopy(bigTemplate, testInfo.outputPath('big.db'), use),
});

interface Report {
  rows: { id: number; name: string; phone: string | null; status: string }[];
}

/** Landscape A4 less 10 mm margins, in CSS pixels (96 per inch). */
const PRINT_WIDTH = Math.round((277 / 25.4) * 96);
const MM = 96 / 25.4;

for (const lang of ['en', 'zh-CN'] as const) {
  test(`the printed lapsed list is a call sheet with phone numbers, about 20 customers per landscape A4 page (${lang}; issue 15, item 5)`, async ({
    page,
    bigShop: shop,
  }) => {
    const report = await shop.api<Report>('lapsed.list', {});
    const flagged = report.rows.filter((r) => r.status !== 'active');
    expect(flagged.length).toBeGreaterThan(40);
    // the rows carry the phone number
    expect(flagged.filter((r) => r.phone).length).toBeGreaterThan(flagged.length / 2);

    await page.setViewportSize({ width: PRINT_WIDTH, height: 800 });
    await shop.open(page, '/lapsed', lang);
    // the first list of a bigger shop takes a moment (its model is fitted in the background)
    await expect(page.locator('.lapsed-table').first()).toBeVisible({ timeout: 60_000 });
    // on screen the call sheet is not shown
    await expect(page.locator('.call-sheet').first()).toBeHidden();

    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.lapsed-table').first()).toBeHidden();
    const sheet = page.locator('.call-sheet');
    await expect(sheet.first()).toBeVisible();
    const header = sheet.first().locator('th');
    await expect(header).toHaveText(
      lang === 'en'
        ? ['Customer', 'Phone', 'Tier', 'Last visit', 'Why', 'Suggested next step', 'Outcome of the call']
        : ['顾客', '电话', '等级', '上次到店', '原因', '建议下一步', '回访结果'],
    );
    const rows = sheet.locator('tbody tr');
    await expect(rows).toHaveCount(flagged.length);
    // each customer on one line (no name broken one character per line), with the number to call
    const heights = await rows.evaluateAll((trs) =>
      trs.map((tr) => [tr.textContent, tr.getBoundingClientRect().height] as const),
    );
    for (const [text, h] of heights) expect(h, `${text}`).toBeLessThan(9 * MM);
    const first = flagged.find((r) => r.phone)!;
    const row = rows.filter({ hasText: first.name }).first();
    await expect(row.locator('td').nth(1)).toHaveText(/^\d{3} \d{4} \d{4}$/);
    await expect(row.locator('td').last()).toHaveText('');

    const pdf = await page.pdf({ format: 'A4', landscape: true });
    const pages = pdfPageCount(pdf);
    // about 20 a page: never fewer than 16 on average, never crammed beyond 26
    expect(pages).toBeLessThanOrEqual(Math.ceil(flagged.length / 16));
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(flagged.length / 26));
  });
}

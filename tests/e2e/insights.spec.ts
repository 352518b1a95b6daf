import { test, expect } from './fixtures';

test('Insights opens on an overview whose charts show at once, each with its words and figures', async ({ page, shop }) => {
  await shop.api('priceChanges.create', { changedOn: '2025-11-03', note: 'Coffee beans +10%' });
  await shop.open(page, '/insights');
  await expect(page.getByRole('heading', { level: 1, name: 'Insights' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Insights' })).toHaveAttribute('aria-current', 'page');
  // Every chart is an image named by its summary sentence.
  const active = page.getByRole('img', {
    name: /customers active at the start \d+, lost \d+; churn [\d.]+%, retention [\d.]+%/,
  });
  await expect(active).toBeVisible();
  await expect(page.getByText(/^Active: bought in the 3 months before the month began\./)).toBeVisible();
  await expect(
    page.getByRole('img', { name: /new customers who bought \d+, returning \d+ \(repeat-purchase rate [\d.]+%\)/ }),
  ).toBeVisible();
  await expect(
    page.getByRole('img', { name: /The top 20% of customers bring [\d.]+% of the last 12 months’ revenue/ }),
  ).toBeVisible();
  await expect(page.getByRole('img', { name: /^Key customers: \d+/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Revenue, units and buyers' })).toBeVisible();
  for (const name of ['Revenue', 'Units', 'Buyers']) await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
  await expect(
    page.getByText(/against 12 months earlier: revenue [+−-]?\d+%, units [+−-]?\d+%, buyers [+−-]?\d+%/),
  ).toBeVisible();
  // The canvases are drawn (not blank).
  const drawn = await page.locator('canvas').evaluateAll((cs) =>
    cs.map((c) => {
      const canvas = c as unknown as {
        width: number;
        height: number;
        getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } };
      };
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let ink = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) ink++;
      return ink;
    }),
  );
  expect(drawn.length).toBeGreaterThanOrEqual(7);
  for (const ink of drawn) expect(ink).toBeGreaterThan(1000);

  // The text alternative: the figures behind the churn chart in a table.
  const figure = page.getByRole('figure', { name: 'Active customers and monthly churn' });
  await figure.getByText('Show the figures').click();
  const table = figure.getByRole('table');
  await expect(table.getByRole('columnheader', { name: 'Churn rate' })).toBeVisible();
  expect(await table.getByRole('row').count()).toBeGreaterThan(12);

  // Cohorts as a table; the model's check against what happened.
  await expect(page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'First purchase' }) })).toBeVisible();
  await expect(
    page.getByRole('img', {
      name: /the model expected [\d,]+ repeat visits from those [\d,]+ customers by .+; there were [\d,]+/,
    }),
  ).toBeVisible();
  await expect(
    page.getByText(/^The lapsed list as it stood on .+: \d+ of \d+ flagged customers did not come back since\.$/),
  ).toBeVisible();
  // What the shop learns, from the demo's complaints and win-back cases.
  const reports = page.getByRole('region', { name: 'What the shop learns' });
  await expect(
    reports.getByRole('table', { name: 'Why customers leave' }).getByRole('rowheader', { name: 'Product quality or defects' }),
  ).toBeVisible();
  await expect(reports.getByText(/^\d+ of \d+ closed cases won back \([\d.]+%\), ¥[\d,.]+ recovered/)).toBeVisible();
  // the demo's complaints are acted on within hours: "within a day", never "within 0 days"
  await expect(reports.getByText(/^6 complaints, \d+ resolved \(typically within a day\)/)).toBeVisible();
  await reports.getByLabel('Date of the change (prices, staff, range)').fill('2025-11-01');
  await expect(
    reports.getByText(
      /^Monthly churn before the change: [\d.]+% \([\d,]+ lost of [\d,]+ active; complete months counted: 3\); after it: [\d.]+% \([\d,]+ of [\d,]+; complete months counted: 3\)\.$/,
    ),
  ).toBeVisible();
});

test('Insights in Chinese, and for a past month', async ({ page, shop }) => {
  await shop.open(page, '/insights', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1, name: '经营洞察' })).toBeVisible();
  await expect(page.getByRole('img', { name: /月初活跃顾客 \d+ 人，流失 \d+ 人/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: '按首次购买月份的留存' })).toBeVisible();
  await page.getByLabel('统计截至').fill('2025-06');
  await expect(page.getByRole('img', { name: /^2025年6月：月初活跃顾客/ })).toBeVisible();
});

test('each price change on the revenue chart opens: before and after, and the regulars who bought less', async ({
  page,
  shop,
}) => {
  const report = await shop.api<{
    changes: { id: string; product: string | null; buyers_before: number; buyers_after: number; customers: { name: string }[] }[];
  }>('priceChanges.analysis');
  const longjing = report.changes.find((c) => c.product === '西湖龙井')!;
  expect(longjing).toBeTruthy();
  await shop.open(page, '/insights');
  const open = page.getByRole('button', { name: /^Open price change: 西湖龙井 on / });
  await expect(open).toHaveAttribute('aria-expanded', 'false');
  await open.click();
  await expect(open).toHaveAttribute('aria-expanded', 'true');
  const detail = page.getByRole('region', { name: /^西湖龙井, price change on / });
  await expect(detail).toContainText(/¥78\.00 → (CN)?¥90\.00/);
  const buyers = detail.getByRole('row', { name: /^Buyers/ });
  await expect(buyers.getByRole('cell').nth(0)).toHaveText(String(longjing.buyers_before));
  await expect(buyers.getByRole('cell').nth(1)).toHaveText(String(longjing.buyers_after));
  await expect(detail.getByRole('row', { name: /^Revenue/ })).toBeVisible();
  await expect(detail.getByRole('heading', { name: 'Regulars who bought less after it' })).toBeVisible();
  if (longjing.customers.length) {
    await detail.getByRole('link', { name: longjing.customers[0]!.name }).click();
    await expect(page.getByRole('heading', { level: 1, name: longjing.customers[0]!.name })).toBeVisible();
  } else await expect(detail.getByText('No regular bought clearly less after it.')).toBeVisible();

  await shop.open(page, '/insights', 'zh-CN');
  await page.getByRole('button', { name: /^查看调价：西湖龙井/ }).click();
  await expect(page.getByRole('region', { name: /^西湖龙井：.*调价$/ })).toContainText('调价前');
});

test('where customers are lost: churn with the value lost each month, and per tier, staff member and category', async ({
  page,
  shop,
}) => {
  const failure = await shop.api<{ months: { lost: number }[]; by_tier: { key: string; lost: number }[] }>('insights.failure');
  await shop.open(page, '/insights');
  const section = page.getByRole('region', { name: 'Where customers are lost' });
  await expect(
    section.getByRole('img', { name: /customers lost \(churn [\d.]+%\), who had spent .+ in the 12 months before\./ }),
  ).toBeVisible();
  for (const caption of ['By tier', 'By staff member', 'By main category'])
    await expect(section.getByRole('table', { name: new RegExp(`^${caption}`) })).toBeVisible();
  const tiers = section.getByRole('table', { name: /^By tier/ });
  const key = failure.by_tier.find((g) => g.key === 'key')!;
  await expect(tiers.getByRole('row', { name: /^key/ }).getByRole('cell').nth(1)).toHaveText(String(key.lost));
  await shop.open(page, '/insights', 'zh-CN');
  await expect(page.getByRole('region', { name: '顾客在哪里流失' }).getByRole('table', { name: /^按店员/ })).toBeVisible();
});

test('the cohort table marks the month not over yet, its row and figures, with a note, in both languages', async ({
  page,
  shop,
}) => {
  // The servers' today is 10 March 2026: March is counted only to that day.
  await shop.open(page, '/insights');
  const table = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'First purchase' }) });
  const row = (month: string) =>
    table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: month, exact: true }) });
  await expect(row('Mar 2026 (so far)')).toBeVisible();
  await expect(row('Mar 2026')).toHaveCount(0);
  await expect(row('Feb 2026')).toBeVisible();
  // Each cohort's March figure is marked; the whole months before it are not.
  await expect(row('Feb 2026').getByRole('cell').nth(1)).toHaveText(/^[\d.]+%\*$/);
  await expect(row('Jan 2026').getByRole('cell').nth(1)).toHaveText(/^[\d.]+%$/);
  await expect(row('Jan 2026').getByRole('cell').nth(2)).toHaveText(/^[\d.]+%\*$/);
  const note =
    '* Mar 2026 is not over yet: its row and the figures marked * count only up to Mar 10, 2026. They will still grow, so they are not a drop.';
  await expect(page.getByText(note, { exact: true })).toBeVisible();
  await expect(table).toHaveAccessibleDescription(note);

  await shop.open(page, '/insights', 'zh-CN');
  const zh = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '首次购买' }) });
  await expect(zh.getByRole('rowheader', { name: '2026年3月（本月至今）', exact: true })).toBeVisible();
  await expect(
    page.getByText('* 2026年3月尚未结束：这一行和标有 * 的数字只统计到2026年3月10日，月底前还会增加，并不是下降。', {
      exact: true,
    }),
  ).toBeVisible();
});

import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

/**
 * Holds back the answer to the first `method` call whose input matches `when` (the server has
 * answered; the browser gets it only on `release()`), as a busy server answering an earlier filter
 * after a later one would. Every other call passes untouched.
 */
async function holdFirst(page: Page, method: string, when: (input: Record<string, unknown>) => boolean) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let delivered!: () => void;
  const deliveredP = new Promise<void>((r) => (delivered = r));
  let heldOne = false;
  let seen!: () => void;
  const seenP = new Promise<void>((r) => (seen = r));
  await page.route(`**/api/${method}`, async (route) => {
    const input = (route.request().postDataJSON() ?? {}) as Record<string, unknown>;
    if (heldOne || !when(input)) return route.continue();
    heldOne = true;
    seen();
    const response = await route.fetch();
    await released;
    await route.fulfill({ response });
    delivered();
  });
  return {
    /** resolves once the call to hold has been made */
    seen: seenP,
    /** lets the old answer through and waits until the page has had it and rendered what it does with it */
    async deliver() {
      release();
      await deliveredP;
      // two frames: the answer is parsed, set and rendered
      await page.evaluate(
        () =>
          new Promise((r) => {
            const raf = (globalThis as unknown as { requestAnimationFrame(cb: () => void): void }).requestAnimationFrame;
            raf(() => raf(() => r(null)));
          }),
      );
    },
  };
}

test('Lapsed: the list answers the newest filters even when an older answer arrives last', async ({ page, shop }) => {
  await shop.open(page, '/lapsed');
  const lapsed = page.getByRole('region', { name: /^Lapsed/ });
  await expect(lapsed.getByRole('row').nth(1)).toBeVisible();
  const tierOnly = await holdFirst(page, 'lapsed.list', (i) => i.tier === 'small' && i.asOf !== '2025-06-30');
  await page.getByRole('combobox', { name: 'Tier' }).selectOption('small');
  await tierOnly.seen;
  await page.getByLabel('As of month').fill('2025-06');
  await expect(page.getByText(/from sales up to Jun 30, 2025/)).toBeVisible();
  await tierOnly.deliver();
  await expect(page.getByText(/from sales up to Jun 30, 2025/)).toBeVisible();
  await expect(page.getByText(/from sales up to Mar 10, 2026/)).toHaveCount(0);
  await expect(page.getByLabel('As of month')).toHaveValue('2025-06');
  await expect(lapsed.getByRole('cell', { name: 'main', exact: true })).toHaveCount(0);
});

test('Insights: the dashboard is the newest month chosen, whatever order the answers come in', async ({ page, shop }) => {
  await shop.open(page, '/insights');
  await expect(page.getByText(/^Computed /)).toBeVisible();
  const first = await holdFirst(page, 'insights.overview', (i) => i.asOf === '2025-12-31');
  await page.getByLabel('Figures as of').fill('2025-12');
  await first.seen;
  await page.getByLabel('Figures as of').fill('2025-06');
  // The overview's first chart says which month it ends with.
  const june = page.getByText(/^Jun 2025: customers active at the start \d+/);
  const december = page.getByText(/^Dec 2025: customers active at the start \d+/);
  await expect(june).toBeVisible();
  await first.deliver();
  await expect(june).toBeVisible();
  await expect(december).toHaveCount(0);
  await expect(page.getByLabel('Figures as of')).toHaveValue('2025-06');
});

test('Win-back: "show closed too" then back shows the open cases, not a late answer for all', async ({ page, shop }) => {
  await shop.open(page, '/winback');
  await expect(page.getByRole('heading', { level: 1, name: 'Win-back' })).toBeVisible();
  const all = await holdFirst(page, 'winback.list', (i) => i.filter === 'all');
  const showAll = page.getByRole('checkbox', { name: /closed/i });
  await showAll.check();
  await all.seen;
  await showAll.uncheck();
  const open = await shop.api<{ id: number }[]>('winback.list', { filter: 'active' });
  await expect(page.locator('.care-screen tbody tr')).toHaveCount(open.length);
  await all.deliver();
  await expect(page.locator('.care-screen tbody tr')).toHaveCount(open.length);
});

test('Export: the count is the newest segment chosen, whatever order the answers come in', async ({ page, shop }) => {
  await shop.open(page, '/data/export');
  const segment = page.getByRole('combobox', { name: 'Segment' });
  await expect(segment).toBeVisible();
  const lapsedCount = await holdFirst(page, 'exports.preview', (i) => i.segment === 'lapsed');
  await segment.selectOption('lapsed');
  await lapsedCount.seen;
  await segment.selectOption('key');
  const key = await shop.api<{ exported: number }>('exports.preview', { segment: 'key', channel: 'sms', format: 'csv' });
  const lapsed = await shop.api<{ exported: number }>('exports.preview', { segment: 'lapsed', channel: 'sms', format: 'csv' });
  expect(key.exported).not.toBe(lapsed.exported);
  const summary = page.getByText(/will be exported/);
  await expect(summary).toContainText(new RegExp(`^${key.exported} `));
  await lapsedCount.deliver();
  await expect(summary).toContainText(new RegExp(`^${key.exported} `));
});

test('a screen opened again shows its last answer at once, marked as updating, until the new one comes', async ({
  page,
  shop,
}) => {
  await shop.open(page, '/lapsed');
  const lapsed = page.getByRole('region', { name: /^Lapsed/ });
  const name = (await lapsed.getByRole('row').nth(1).getByRole('link').first().textContent())!;
  expect(name).toBeTruthy();
  await page.getByRole('link', { name: 'Counter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Counter' })).toBeVisible();
  // the list's next answer is held back: what shows meanwhile is the one it had
  const again = await holdFirst(page, 'lapsed.list', () => true);
  await page.getByRole('link', { name: 'Lapsed' }).click();
  await again.seen;
  await expect(lapsed.getByRole('row').nth(1)).toContainText(name);
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(1);
  await again.deliver();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(lapsed.getByRole('row').nth(1)).toContainText(name);
});

test('Settings > Products: the list is the newest search, whatever order the answers come in', async ({ page, shop }) => {
  await shop.open(page, '/settings');
  const section = page.getByRole('region', { name: 'Products' });
  const table = section.getByRole('table', { name: 'Products' });
  await expect(table.getByRole('rowheader').first()).toBeVisible();
  const longjing = await holdFirst(page, 'products.list', (i) => i.query === '龙井');
  await section.getByLabel('Find a product').fill('龙井');
  await longjing.seen;
  await section.getByLabel('Find a product').fill('紫砂');
  const zisha = (await shop.api<{ name: string }[]>('products.list', { query: '紫砂', includeRetired: false })).map(
    (p) => p.name,
  );
  expect(zisha.length).toBeGreaterThan(0);
  await expect(table.getByRole('rowheader')).toHaveText(zisha);
  await longjing.deliver();
  await expect(table.getByRole('rowheader')).toHaveText(zisha);
  await expect(section.getByLabel('Find a product')).toHaveValue('紫砂');
});

/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import { messages } from '../../shared/i18n';
import { test, expect } from './fixtures';

/**
 * Issue 15, item 8: in either language and at the common laptop sizes, no screen scrolls sideways,
 * no short label (a name, a staff member, a payment method, a tier or status badge) is broken over
 * two lines, and the void button at the counter is fully visible even beside a long name.
 * Set LAYOUT_SHOTS=/tmp/dir to keep a screenshot of each screen.
 */
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
] as const;
const LANGS = ['zh-CN', 'en'] as const;
const SCREENS = [
  '/counter',
  '/today',
  '/lapsed',
  '/insights',
  '/complaints',
  '/winback',
  '/customers',
  'CUSTOMER',
  '/data/import',
  '/data/export',
  '/data/campaigns',
  '/data/backups',
  '/data/log',
  '/settings',
] as const;

const LOADING = new RegExp(
  (['common.loading', 'common.updating'] as const).flatMap((k) => [messages.en[k], messages['zh-CN'][k]]).join('|'),
);
const LONG_NAME = '欧阳上官慕容诸葛端木皇甫长孙宇文司徒';

/** Short labels (no space, at most 8 characters) in cells, badges and buttons that are drawn on more than one line. */
function brokenLabels(page: Page) {
  return page.evaluate(() => {
    const out: string[] = [];
    const seen = new Set<Node>();
    const sel = 'td, th, .badge, .tier, .tag, dd, button, nav a';
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(sel))) {
      if (el.offsetParent === null) continue;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = (n.textContent ?? '').trim();
        if (seen.has(n) || !text || text.length > 8 || /\s/.test(text)) continue;
        seen.add(n);
        const range = document.createRange();
        range.selectNodeContents(n);
        const tops = Array.from(range.getClientRects())
          .filter((r) => r.width > 0)
          .map((r) => r.top)
          .sort((x, y) => x - y);
        const line = parseFloat(getComputedStyle(n.parentElement!).fontSize) * 0.8;
        const lines = tops.filter((top, i) => i === 0 || top - tops[i - 1]! > line).length;
        if (lines > 1) out.push(`${n.parentElement!.tagName.toLowerCase()}.${n.parentElement!.className}: ${text}`);
      }
    }
    return out;
  });
}

/** Whether the void button of the long-named customer's sale at the counter is cut off or past the window's edge. */
async function voidButtonCut(page: Page, lang: (typeof LANGS)[number], width: number): Promise<boolean> {
  const voidButton = page
    .getByRole('row')
    .filter({ hasText: LONG_NAME })
    .getByRole('button', { name: lang === 'en' ? 'Void' : '作废' });
  await expect(voidButton).toBeVisible();
  const box = (await voidButton.boundingBox())!;
  const clipped = await voidButton.evaluate((b) => {
    const r = b.getBoundingClientRect();
    for (let el = b.parentElement; el; el = el.parentElement) {
      const s = getComputedStyle(el);
      if (s.overflowX === 'visible') continue;
      const c = el.getBoundingClientRect();
      if (r.left < c.left - 0.5 || r.right > c.right + 0.5) return true;
    }
    return false;
  });
  return clipped || box.x + box.width > width;
}

test('every screen fits, in both languages and at both sizes, without breaking a name or badge', async ({ page, shop }) => {
  test.setTimeout(600_000);
  const long = await shop.api<{ id: number }>('customers.create', { name: LONG_NAME, phone: '13900001111' });
  await shop.api('sales.record', { customerId: long.id, amountMinor: 12_800 });
  const shots = process.env.LAYOUT_SHOTS;
  const problems: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const lang of LANGS) {
      for (const screen of SCREENS) {
        const route = screen === 'CUSTOMER' ? `/customers/${long.id}` : screen;
        await shop.open(page, route, lang);
        await expect(page.locator('main h1, main h2').first()).toBeVisible();
        // Wait for the screen's data (no "loading" left) before measuring.
        await expect(page.getByRole('status').filter({ hasText: LOADING })).toHaveCount(0);
        const where = `${lang} ${size.width}×${size.height} ${route}`;
        if (shots)
          await page.screenshot({ path: `${shots}/${lang}-${size.width}-${route.replace(/\//g, '_')}.png`, fullPage: true });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) problems.push(`${where}: page scrolls sideways by ${overflow}px`);
        for (const b of await brokenLabels(page)) problems.push(`${where}: broken over lines: ${b}`);
        if (screen === '/counter' && (await voidButtonCut(page, lang, size.width)))
          problems.push(`${where}: the void button is cut off`);
      }
    }
  }
  expect(problems).toEqual([]);
});

test('the header fits an old 1024 px counter PC and the narrowest window (900 px), in both languages', async ({ page, shop }) => {
  for (const width of [1024, 900]) {
    await page.setViewportSize({ width, height: 768 });
    for (const lang of LANGS) {
      await shop.open(page, '/settings', lang);
      await expect(page.locator('main h1').first()).toBeVisible();
      const where = `${lang} ${width}px`;
      const header = await page.locator('header.topbar').evaluate((h) => {
        const lineOf = (el: Element) =>
          parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.6;
        const tooTall = Array.from(h.querySelectorAll('.brand, .shop-name, nav a'))
          .filter((el) => el.getBoundingClientRect().height > lineOf(el) * 1.5 + 16)
          .map((el) => el.textContent);
        return { tooTall, overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth };
      });
      expect(header.overflow, `${where}: the page scrolls sideways`).toBe(0);
      expect(header.tooTall, `${where}: header items over more than one line`).toEqual([]);
    }
  }
});

test('the customer list cuts no phone, member code, amount or date short in the narrowest window (900 px)', async ({
  page,
  shop,
}) => {
  await page.setViewportSize({ width: 900, height: 768 });
  for (const lang of LANGS) {
    await shop.open(page, '/customers', lang);
    const list = page.getByRole('table', {
      name: lang === 'en' ? messages.en['customers.listLabel'] : messages['zh-CN']['customers.listLabel'],
    });
    await expect(list.getByRole('row').nth(5)).toBeVisible();
    const cut = await list.evaluate((t) =>
      Array.from(t.querySelectorAll<HTMLElement>('.c-phone, .c-code, .c-total, .c-last, [role="columnheader"]:not(.c-tags)'))
        .filter((c) => c.scrollWidth > c.clientWidth)
        .map((c) => c.textContent),
    );
    expect(cut, `${lang}: cut short`).toEqual([]);
    const sideways = await list.evaluate((t) => t.scrollWidth - t.clientWidth);
    expect(sideways, `${lang}: the list scrolls sideways`).toBe(0);
  }
});

test("the counter fits an old 1024 px counter PC in both languages: today's sales keep their void button in view", async ({
  page,
  shop,
}) => {
  const long = await shop.api<{ id: number }>('customers.create', { name: LONG_NAME, phone: '13900001112' });
  await shop.api('sales.record', { customerId: long.id, amountMinor: 12_800 });
  await page.setViewportSize({ width: 1024, height: 768 });
  for (const lang of LANGS) {
    await shop.open(page, '/counter', lang);
    expect(await voidButtonCut(page, lang, 1024), `${lang}: the void button is cut off`).toBe(false);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${lang}: the page scrolls sideways`).toBe(0);
  }
});

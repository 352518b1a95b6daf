/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import { messages } from '../../shared/i18n';
import { test, expect } from './fixtures';

/**
 * Issue 18: Counter, Today and the customer page on a phone (360 px wide), in both languages: no
 * sideways scroll, every tap target at least 44 px high and wide, nothing cut off at the edge, no
 * short label drawn one character per line, and the navigation collapsed behind one button.
 * Set PHONE_SHOTS=/tmp/dir to keep a screenshot of each screen.
 */
const PHONE = { width: 360, height: 740 };
const LANGS = ['zh-CN', 'en'] as const;
const LONG_NAME = '欧阳上官慕容诸葛端木皇甫长孙宇文司徒';
const LOADING = new RegExp(
  (['common.loading', 'common.updating'] as const).flatMap((k) => [messages.en[k], messages['zh-CN'][k]]).join('|'),
);

/** What does not fit a phone: sideways scroll, small tap targets, things past the edge, labels broken per character. */
function phoneProblems(page: Page) {
  return page.evaluate(() => {
    const out: string[] = [];
    const doc = document.documentElement;
    const width = doc.clientWidth;
    if (doc.scrollWidth > width) out.push(`page scrolls sideways by ${doc.scrollWidth - width}px`);
    const label = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).replace(/\s+/g, '.') : ''} "${(
        el.getAttribute('aria-label') ??
        el.textContent ??
        ''
      )
        .trim()
        .slice(0, 30)}"`;
    const visible = (el: HTMLElement) => {
      if (el.offsetParent === null && getComputedStyle(el).position !== 'fixed') return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    // Visually hidden on purpose (read by screen readers only): the .visually-hidden class or a zero clip.
    const sronly = (el: Element) => {
      for (let e: Element | null = el; e; e = e.parentElement)
        if (e.classList.contains('visually-hidden') || getComputedStyle(e).clip.startsWith('rect(0')) return true;
      return false;
    };
    const targets = 'button, a[href], input:not([type=hidden]), select, textarea, [role=option], summary';
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(targets))) {
      if (!visible(el) || sronly(el)) continue;
      const r = el.getBoundingClientRect();
      // A checkbox or radio is tapped through its label: the label is the target.
      const box =
        el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio') && el.closest('label')
          ? el.closest('label')!.getBoundingClientRect()
          : r;
      // A link inside running text is exempt (WCAG 2.5.8 inline exception).
      const inline = el.tagName === 'A' && getComputedStyle(el).display === 'inline' && !el.closest('nav');
      if (!inline && (box.height < 44 || box.width < 44))
        out.push(`small target ${Math.round(box.width)}×${Math.round(box.height)}: ${label(el)}`);
      if (r.left < -0.5 || r.right > width + 0.5) out.push(`past the edge: ${label(el)}`);
      if (el.tagName === 'BUTTON' && el.scrollWidth > el.clientWidth + 1) out.push(`words past the button: ${label(el)}`);
      const panel = el.parentElement?.closest('.panel');
      const p = panel?.getBoundingClientRect();
      if (p && !el.closest('.table-scroll') && r.right > p.right + 0.5) out.push(`past its panel: ${label(el)}`);
    }
    // Text cut off by its own box (overflow hidden/clip with content wider than the box).
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('main *, header *'))) {
      if (!visible(el) || sronly(el)) continue;
      const s = getComputedStyle(el);
      if (
        s.overflowX !== 'visible' &&
        s.overflowX !== 'auto' &&
        s.overflowX !== 'scroll' &&
        el.scrollWidth > el.clientWidth + 1 &&
        s.textOverflow !== 'ellipsis'
      )
        out.push(`cut off: ${label(el)}`);
    }
    // Any text node drawn one character per line (a name or label squeezed to one character wide).
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      const parent = n.parentElement;
      if (!parent || text.length < 2 || !visible(parent) || sronly(parent)) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0);
      const line = parseFloat(getComputedStyle(parent).fontSize) * 0.8;
      const tops = rects.map((r) => r.top).sort((x, y) => x - y);
      const lines = tops.filter((top, i) => i === 0 || top - tops[i - 1]! > line).length;
      const short = text.length <= 8 && !/\s/.test(text);
      if (lines > 1 && (short || lines >= Math.min(text.length, 6)))
        out.push(`broken over ${lines} lines: ${label(parent)}: ${text.slice(0, 20)}`);
    }
    return [...new Set(out)];
  });
}

test('Counter, Today and the customer page fit a 360 px phone in both languages', async ({ page, shop }) => {
  test.setTimeout(300_000);
  const long = await shop.api<{ id: number }>('customers.create', { name: LONG_NAME, phone: '13900001111' });
  await shop.api('sales.record', { customerId: long.id, amountMinor: 12_800 });
  await page.setViewportSize(PHONE);
  const shots = process.env.PHONE_SHOTS;
  const problems: string[] = [];
  for (const lang of LANGS) {
    for (const route of ['/counter', '/today', `/customers/${long.id}`]) {
      await shop.open(page, route, lang);
      await expect(page.locator('main h1, main h2').first()).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: LOADING })).toHaveCount(0);
      if (shots) await page.screenshot({ path: `${shots}/${lang}${route.replace(/\//g, '_')}.png`, fullPage: true });
      for (const p of await phoneProblems(page)) problems.push(`${lang} ${route}: ${p}`);
    }
  }
  expect(problems).toEqual([]);
});

test('on a phone: the menu opens and folds, and a sale is search, tap, amount, tap', async ({ page, shop }) => {
  await shop.api('customers.create', { name: '令狐冲', phone: '13655550123' });
  await page.setViewportSize(PHONE);
  await shop.open(page, '/counter', 'en');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Today' })).toBeHidden();
  const menu = nav.getByRole('button', { name: 'Menu' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await nav.getByRole('link', { name: 'Today' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Counter' })).toBeHidden();
  await menu.click();
  await nav.getByRole('link', { name: 'Counter' }).click();

  const search = page.getByRole('combobox', { name: 'Find customer' });
  await search.fill('0123');
  await page.getByRole('option').filter({ hasText: '令狐冲' }).click();
  await expect(page.getByRole('region', { name: 'Selected customer' })).toContainText('令狐冲');
  await page.getByRole('textbox', { name: 'Amount', exact: true }).fill('66');
  const save = page.getByRole('button', { name: 'Save sale' });
  await save.scrollIntoViewIfNeeded();
  await save.click();
  await expect(page.getByRole('status').filter({ hasText: 'Sale saved' })).toContainText('令狐冲');
  const [c] = await shop.api<{ visits: number; totalMinor: number }[]>('customers.search', { query: '13655550123' });
  expect(c).toMatchObject({ visits: 1, totalMinor: 6600 });
});

test('on a desktop the menu button is not shown and the links are', async ({ page, shop }) => {
  await shop.open(page, '/counter', 'zh-CN');
  const nav = page.getByRole('navigation', { name: '主导航' });
  await expect(nav.getByRole('button', { name: '菜单' })).toBeHidden();
  await expect(nav.getByRole('link', { name: '今日待办' })).toBeVisible();
});

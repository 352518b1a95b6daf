import { test, expect } from './fixtures';

/**
 * Issue 14 item 16: browser mode used to keep its per-launch token in the address bar and in the
 * history. The page now moves it into the tab's sessionStorage and out of the address at once; the
 * route and ?lang= stay, so a reload, another screen and Back all still work, in either language.
 */
test('the token leaves the address bar and the history; reload, Back and the language still work', async ({ page, shop }) => {
  await shop.open(page, '/customers', 'en');
  const count = page.getByText(/^[\d,]+ customers$/);
  await expect(count).toBeVisible();
  await expect.poll(() => page.url()).not.toContain('token');
  expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
  expect(new URL(page.url()).hash).toBe('#/customers');
  expect(await page.evaluate<string>('window.location.href')).not.toContain('token');

  // a reload keeps the screen and its data (the token comes from the tab, not the address)
  await page.reload();
  await expect(count).toBeVisible();
  expect(page.url()).not.toContain('token');

  // another screen, then Back: no history entry carries the token
  await page.getByRole('link', { name: 'Lapsed' }).first().click();
  await expect(page).toHaveURL(/#\/lapsed/);
  expect(page.url()).not.toContain('token');
  await page.goBack();
  await expect(page).toHaveURL(/#\/customers$/);
  expect(page.url()).not.toContain('token');
  await expect(count).toBeVisible();
});

test('opened directly in Chinese: the token goes, ?lang=zh-CN stays across a reload', async ({ page, shop }) => {
  await shop.open(page, '/counter', 'zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect.poll(() => page.url()).not.toContain('token');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  expect(new URL(page.url()).searchParams.get('lang')).toBe('zh-CN');
  expect(new URL(page.url()).hash).toBe('#/counter');
});

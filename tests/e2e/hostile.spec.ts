import { test, expect } from './fixtures';

/** Text an attacker (or a careless import) could put in a name, a note, a tag or a product. */
const NAME = '<img src=x onerror="window.__pwned=1">王\u202e芳👩‍👧';
const NOTE = `<script>window.__pwned=2</script>\u0000\u0007 ${'长'.repeat(4900)} مرحبا 🧧 ' OR 1=1 --`;
const TAG = '<b>VIP</b>&amp;';
const PRODUCT = '"><svg onload=window.__pwned=3>茶';

test('hostile text is stored and shown as text on every screen, never run', async ({ page, shop }) => {
  page.on('dialog', (d) => void d.dismiss());
  const c = await shop.api<{ id: number }>('customers.create', {
    name: NAME,
    phone: '13600001111',
    notes: NOTE,
    tags: [TAG],
  });
  await shop.api('products.create', { name: PRODUCT, category: '<i>cat</i>', priceMinor: 1000 });
  await shop.api('sales.record', { customerId: c.id, amountMinor: 5000, note: '<iframe src="http://evil.example">' });
  await shop.api('complaints.open', {
    customerId: c.id,
    channel: 'in_person',
    reason: 'service',
    severity: 'minor',
    whatHappened: '<script>window.__pwned=4</script>',
    customerWants: '\u202eRTL',
  });

  const pwned = () => page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned);
  const visit = async (route: string) => {
    await shop.open(page, route);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    expect(await pwned(), `script ran on ${route}`).toBeUndefined();
    // nothing the text carried became an element
    expect(await page.locator('img[src="x"], svg[onload], iframe, script:not([src])').count()).toBe(0);
  };

  await visit(`/customers/${c.id}`);
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
  await expect(page.getByText('<iframe src="http://evil.example">')).toBeVisible();
  await expect(page.getByText(TAG).first()).toBeVisible();
  await visit('/customers');
  await expect(page.getByRole('link', { name: NAME })).toBeVisible();
  await visit('/counter');
  await page.getByRole('combobox', { name: 'Find customer' }).fill('1111');
  await expect(page.getByRole('option').filter({ hasText: '<img src=x' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Add item' }).fill('onload');
  await expect(page.getByRole('option').filter({ hasText: '"><svg onload' })).toBeVisible();
  expect(await pwned()).toBeUndefined();
  for (const route of ['/complaints', '/today', '/lapsed', '/insights', '/settings', '/data/log']) await visit(route);
  await shop.open(page, '/complaints');
  await expect(page.getByText(NAME).first()).toBeVisible();
  expect(await pwned()).toBeUndefined();
});

test('a 10,000-character name is refused with a reason and nothing is saved', async ({ page, shop }) => {
  await shop.open(page, '/counter');
  await page.getByRole('button', { name: 'New customer' }).click();
  const form = page.getByRole('form', { name: 'New customer' });
  await form.getByLabel('Name').fill('长'.repeat(10_000));
  await form.getByRole('button', { name: 'Save customer' }).click();
  await expect(form.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
  const found = await shop.api<unknown[]>('customers.search', { query: '长长长' });
  expect(found).toEqual([]);
});

import { test, expect } from './fixtures';

// Issue 15, item 1, beyond the counter: a product's price is read by the same rule.

test('a product price of 12,5 is refused with how to type it; 1,234.50 is ¥1,234.50', async ({ page, shop }) => {
  await shop.open(page, '/settings');
  const section = page.getByRole('region', { name: 'Products' });
  const add = section.getByRole('form', { name: 'Add product' });
  await add.getByLabel('Product name').fill('试用样品盒');
  const price = add.getByLabel('Unit price');
  for (const typed of ['12,5', '12 5']) {
    await price.fill(typed);
    await add.getByRole('button', { name: 'Add product' }).click();
    await expect(price).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator(`[id="${await price.getAttribute('aria-describedby')}"]`)).toContainText('1,234.50');
  }
  const products = await shop.api<{ name: string }[]>('products.list', { query: '试用样品盒' });
  expect(products.filter((p) => p.name === '试用样品盒')).toEqual([]);

  await price.fill('1,234.50');
  await add.getByRole('button', { name: 'Add product' }).click();
  await expect(section.getByRole('table', { name: 'Products' }).getByRole('row').filter({ hasText: '试用样品盒' })).toContainText(
    '¥1,234.50',
  );
});

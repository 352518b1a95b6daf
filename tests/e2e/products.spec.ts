import { test, expect } from './fixtures';

test('adds a product in Settings, finds it by pinyin initials, changes its price and sees the history, retires it', async ({
  page,
  shop,
}) => {
  await shop.open(page, '/settings');
  const section = page.getByRole('region', { name: 'Products' });
  const add = section.getByRole('form', { name: 'Add product' });
  await add.getByLabel('Product name').fill('拿铁咖啡');
  await add.getByLabel('Category').fill('咖啡');
  await add.getByLabel('Unit price').fill('28');
  await add.getByLabel('Barcode').fill('6901234567890');
  await add.getByRole('button', { name: 'Add product' }).click();
  const table = section.getByRole('table', { name: 'Products' });
  await expect(table.getByRole('rowheader', { name: '拿铁咖啡' })).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: '拿铁咖啡' })).toContainText('¥28.00');

  await section.getByLabel('Find a product').fill('ntkf');
  await expect(table.getByRole('rowheader')).toHaveText(['拿铁咖啡']);

  await section.getByRole('button', { name: 'Price of 拿铁咖啡' }).click();
  const reprice = section.getByRole('form', { name: 'Price of 拿铁咖啡' });
  await reprice.getByLabel('New price').fill('30');
  await reprice.getByLabel('Why').fill('豆子涨价');
  await reprice.getByRole('button', { name: 'Change price' }).click();
  await expect(table.getByRole('row').filter({ hasText: '6901234567890' })).toContainText('¥30.00');
  const history = section.getByRole('table', { name: 'Price history of 拿铁咖啡' });
  await expect(history.getByRole('row').nth(1)).toContainText('¥28.00');
  await expect(history.getByRole('row').nth(1)).toContainText('¥30.00');
  await expect(history.getByRole('row').nth(1)).toContainText('豆子涨价');

  await section.getByRole('button', { name: 'Retire 拿铁咖啡' }).click();
  await expect(section.getByText('No products yet.')).toBeVisible();
  await section.getByLabel('Show retired products').check();
  await expect(section.getByRole('button', { name: 'Bring back 拿铁咖啡' })).toBeVisible();
});

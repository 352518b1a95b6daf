import { expect, test } from './fixtures';

/**
 * "The main till's own window is the owner's unless the owner sets a PIN on it too" (issue 18), in
 * browser mode on loopback: Settings → Other devices switches the PIN on; the window then shows the
 * PIN page, the signed-in person's role applies, and signing out asks for a PIN again.
 */
test('a PIN on the main till: the PIN page, a cashier’s screens only, sign out, the owner switches it off', async ({
  shop,
  page,
}) => {
  const olga = await shop.api<{ id: number }>('staff.create', { name: 'Olga Owner' });
  const ana = await shop.api<{ id: number }>('staff.create', { name: 'Ana Cashier' });
  await shop.api('staff.setAccess', { id: olga.id, role: 'owner', pin: '1357' });
  await shop.api('staff.setAccess', { id: ana.id, role: 'cashier', pin: '2468' });

  await shop.open(page, '/settings', 'en');
  const panel = page.getByRole('region', { name: 'Other devices', exact: true });
  const pinSwitch = panel.getByRole('switch', { name: 'Ask for a PIN on this computer too' });
  await expect(pinSwitch).not.toBeChecked();
  await pinSwitch.click();

  const signIn = page.getByRole('heading', { level: 1, name: 'Sign in' });
  await expect(signIn).toBeVisible();
  await page.getByRole('radio', { name: 'Ana Cashier' }).check();
  await page.getByLabel('PIN').fill('0000');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Wrong PIN.')).toBeVisible();
  await page.getByLabel('PIN').fill('2468');
  await page.getByRole('button', { name: 'Sign in' }).click();

  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link')).toHaveText(['Counter', 'Today', 'Customers']);
  await expect(nav.getByText('Ana Cashier on the main till')).toBeVisible();
  await nav.getByRole('button', { name: 'Sign out' }).click();
  await expect(signIn).toBeVisible();

  await page.getByRole('radio', { name: 'Olga Owner' }).check();
  await page.getByLabel('PIN').fill('1357');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(nav.getByRole('link', { name: 'Settings' })).toBeVisible();
  await nav.getByRole('link', { name: 'Settings' }).click();
  await expect(pinSwitch).toBeChecked();
  await pinSwitch.click();
  await expect(pinSwitch).not.toBeChecked();
  // off again: the window is the owner's with no PIN, also after a reload
  await page.reload();
  await expect(page.getByRole('region', { name: 'Other devices', exact: true })).toBeVisible();
  await expect(signIn).toBeHidden();
});

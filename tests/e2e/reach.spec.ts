import { test, expect } from './fixtures';

test('Today shows the number and consents, and copies the suggested message in one click', async ({ page, shop }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await shop.api('settings.update', { language: 'en', shopName: 'Corner Bakery' });
  const c = await shop.api<{ id: number }>('customers.create', {
    name: 'Ada Reach',
    phone: '13911113333',
    consent: { sms: true, phone: true },
    consentSource: 'paper_form',
  });
  const none = await shop.api<{ id: number }>('customers.create', { name: 'Bo Quiet' });
  for (const id of [c.id, none.id])
    await shop.api('complaints.open', {
      customerId: id,
      channel: 'phone',
      reason: 'service',
      severity: 'critical',
      whatHappened: 'rude',
    });

  await shop.open(page, '/today');
  const item = page.getByRole('list', { name: 'Today' }).getByRole('listitem').filter({ hasText: 'Ada Reach' });
  const contact = item.getByRole('group', { name: 'How to reach Ada Reach' });
  await expect(contact.getByRole('link', { name: /^Call Ada Reach/ })).toHaveAttribute('href', 'tel:+8613911113333');
  await expect(contact.getByRole('link', { name: /^Call Ada Reach/ })).toHaveText('139 1111 3333');
  await expect(contact.getByText('SMS: agreed')).toBeVisible();
  await expect(contact.getByText('WeChat: not agreed')).toBeVisible();
  const text =
    'Hello Ada Reach, this is Corner Bakery. We are sorry about what happened. Thank you for telling us; we are putting it right.';
  await expect(contact.getByText(text)).toBeVisible();
  await contact.getByRole('button', { name: 'Copy the message for Ada Reach' }).click();
  await expect(contact.getByRole('status').filter({ hasText: 'Copied.' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);

  // Attempts in one click: no answer (try again in 2 days), then reached, with the reason they gave.
  await item.getByRole('button', { name: 'No answer: Ada Reach' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Recorded: No answer (Ada Reach).' })).toBeVisible();
  await expect(item.getByText('No answer: try again on Mar 12, 2026.')).toBeVisible();
  await item.getByRole('combobox', { name: 'Why they stopped coming, if they said (Ada Reach)' }).selectOption('price');
  await item.getByRole('button', { name: 'Reached: Ada Reach' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Recorded: Reached (Ada Reach).' })).toBeVisible();
  const attempts = item.getByRole('list', { name: 'Attempts to reach them' }).getByRole('listitem');
  await expect(attempts).toHaveCount(2);
  await expect(attempts.nth(0)).toContainText('No answer');
  await expect(attempts.nth(1)).toContainText('Reached (Price rise or cheaper elsewhere)');

  // No consent to any channel: shown as such, nothing to send.
  const quiet = page.getByRole('list', { name: 'Today' }).getByRole('listitem').filter({ hasText: 'Bo Quiet' });
  await expect(quiet.getByText('No phone number on file')).toBeVisible();
  await expect(quiet.getByText('Not agreed to messages: nothing to send.')).toBeVisible();
  await expect(quiet.getByRole('button', { name: /Copy the message/ })).toHaveCount(0);
});

test('the owner rewrites a suggested text in Settings; an unknown variable is refused in the field', async ({ page, shop }) => {
  await shop.api('settings.update', { language: 'en', shopName: 'Corner Bakery' });
  await shop.open(page, '/settings');
  const section = page.getByRole('region', { name: 'Messages to customers' });
  const field = section.getByRole('textbox', { name: 'Complaint: apology' });
  await field.fill('Dear {{nmae}}, sorry. {{shop}}');
  await section.getByRole('button', { name: 'Save' }).click();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(
    section.getByText('This text uses a variable the app does not know; use only the ones listed above.'),
  ).toBeVisible();
  await field.fill('Dear {{name}}, sorry. {{shop}}');
  await section.getByRole('button', { name: 'Save' }).click();
  await expect(section.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  const c = await shop.api<{ id: number }>('customers.create', { name: 'Cy Owner', consent: { wechat: true } });
  const complaint = await shop.api<{ id: number }>('complaints.open', {
    customerId: c.id,
    channel: 'wechat',
    reason: 'quality',
    severity: 'minor',
    whatHappened: 'stale',
  });
  await shop.open(page, `/complaints/${complaint.id}`);
  await expect(
    page.getByRole('group', { name: 'How to reach Cy Owner' }).getByText('Dear Cy Owner, sorry. Corner Bakery'),
  ).toBeVisible();
});

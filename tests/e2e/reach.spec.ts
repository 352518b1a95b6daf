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

  // Attempts in one click: no answer (try again in 2 days), then reached (a complaint asks no leave reason).
  await item.getByRole('button', { name: 'No answer: Ada Reach' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Recorded: No answer (Ada Reach).' })).toBeVisible();
  await expect(item.getByText('No answer: try again on Mar 12, 2026.')).toBeVisible();
  await item.getByRole('button', { name: 'Reached: Ada Reach' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Recorded: Reached (Ada Reach).' })).toBeVisible();
  const attempts = item.getByRole('list', { name: 'Attempts to reach them' }).getByRole('listitem');
  await expect(attempts).toHaveCount(2);
  await expect(attempts.nth(0)).toContainText('No answer');
  await expect(attempts.nth(1)).toContainText('Reached');

  // No consent to any channel: shown as such, nothing to send.
  const quiet = page.getByRole('list', { name: 'Today' }).getByRole('listitem').filter({ hasText: 'Bo Quiet' });
  await expect(quiet.getByText('No phone number on file')).toBeVisible();
  await expect(quiet.getByText('Not agreed to messages: nothing to send.')).toBeVisible();
  await expect(quiet.getByRole('button', { name: /Copy the message/ })).toHaveCount(0);
});

test('each Today item asks its own question: a win-back why they stopped coming, a complaint follow-up whether they are satisfied', async ({
  page,
  shop,
}) => {
  const ada = await shop.api<{ id: number }>('customers.create', { name: 'Ada Follow' });
  const complaint = await shop.api<{ id: number }>('complaints.open', {
    customerId: ada.id,
    channel: 'phone',
    reason: 'quality',
    severity: 'minor',
    whatHappened: 'stale',
  });
  for (const step of ['listen', 'apologise', 'agree_remedy']) await shop.api('complaints.step', { id: complaint.id, step });
  await shop.api('complaints.step', { id: complaint.id, step: 'act', followUpOn: '2026-03-10' });
  const wu = await shop.api<{ id: number }>('customers.create', { name: 'Wu Back' });
  await shop.api('sales.record', { customerId: wu.id, amountMinor: 50_000, occurredAt: Date.parse('2025-05-01T10:00:00+08:00') });
  const w = await shop.api<{ id: number }>('winback.start', { customerId: wu.id });
  await shop.api('winback.step', { id: w.id, step: 'follow_up', followUpOn: '2026-03-10' });

  const itemOf = (name: string, list = 'Today') =>
    page.getByRole('list', { name: list }).getByRole('listitem').filter({ hasText: name });
  const why = /Why they stopped coming/;

  await shop.open(page, '/today', 'zh-CN');
  await expect(itemOf('Ada Follow', '今日待办').getByRole('group', { name: 'Ada Follow满意吗？' })).toBeVisible();
  await expect(itemOf('Ada Follow', '今日待办').getByRole('combobox', { name: /不再来的原因/ })).toHaveCount(0);
  await expect(
    itemOf('Wu Back', '今日待办').getByRole('combobox', { name: '不再来的原因（如果说了）（Wu Back）' }),
  ).toBeVisible();

  await shop.open(page, '/today');
  // The win-back follow-up asks why they stopped coming, and keeps the answer with the attempt.
  const winback = itemOf('Wu Back');
  await winback.getByRole('combobox', { name: 'Why they stopped coming, if they said (Wu Back)' }).selectOption('moved_away');
  await winback.getByRole('button', { name: 'Reached: Wu Back' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Recorded: Reached (Wu Back).' })).toBeVisible();
  await expect(
    winback
      .getByRole('list', { name: 'Attempts to reach them' })
      .getByRole('listitem')
      .filter({ hasText: 'Reached (Moved away or life changed)' }),
  ).toBeVisible();

  // The complaint follow-up does not ask that; it asks whether they are satisfied, and records the answer.
  const followUp = itemOf('Ada Follow');
  await expect(followUp.getByRole('combobox', { name: why })).toHaveCount(0);
  await followUp.getByRole('button', { name: 'Reached: Ada Follow' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Recorded: Reached (Ada Follow).' })).toBeVisible();
  const question = followUp.getByRole('group', { name: 'Is Ada Follow satisfied?' });
  await expect(question.getByRole('button')).toHaveText(['Satisfied', 'Not satisfied', 'Could not reach']);
  await question.getByRole('button', { name: 'Not satisfied' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Done: Call Ada Follow: satisfied with how the complaint was handled?' }),
  ).toBeVisible();
  expect(await shop.api('complaints.get', { id: complaint.id })).toMatchObject({
    status: 'followed_up',
    outcome: 'not_satisfied',
  });
  // Acknowledging or resolving a complaint asks no leave reason either.
  const others = page
    .getByRole('list', { name: 'Today' })
    .getByRole('listitem')
    .filter({ hasText: /complaint: (listen|agree)/ });
  expect(await others.count()).toBeGreaterThan(0);
  await expect(others.getByRole('combobox', { name: why })).toHaveCount(0);
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

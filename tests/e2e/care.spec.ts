import { test, expect, NOW, type Shop } from './fixtures';
import { CounterPage } from './pages/counter';

/**
 * A win-back case of this test's own (none of the demo shop's): a customer who came every month
 * and stopped half a year ago.
 */
async function caseOfRegularWhoStopped(shop: Shop, name: string, phone: string) {
  const c = await shop.api<{ id: number }>('customers.create', { name, phone });
  const day = 86_400_000;
  for (let d = 400; d >= 180; d -= 30)
    await shop.api('sales.record', { customerId: c.id, amountMinor: 8800, occurredAt: Date.parse(NOW) - d * day });
  const w = await shop.api<{ id: number }>('winback.start', { customerId: c.id });
  return { who: { id: c.id, name }, caseId: w.id };
}

test('logs a complaint from the counter in seconds, shows the at-risk banner, and finishes its checklist', async ({
  page,
  shop,
}) => {
  await shop.api('customers.create', { name: '黄药师', phone: '13911112222' });
  await shop.open(page);
  const counter = new CounterPage(page);
  await counter.find('2222');
  await counter.options().filter({ hasText: '黄药师' }).click();
  const card = page.getByRole('region', { name: 'Selected customer' });
  await card.getByRole('button', { name: 'Log a complaint' }).click();
  const form = card.getByRole('form', { name: 'Log a complaint' });
  await form.getByRole('combobox', { name: 'Reason' }).selectOption('quality');
  await form.getByRole('combobox', { name: 'Severity' }).selectOption('serious');
  // Without what happened nothing is saved.
  await form.getByRole('button', { name: 'Save complaint' }).click();
  await expect(form.getByLabel('What happened')).toHaveAttribute('aria-invalid', 'true');
  await form.getByLabel('What happened').fill('月饼里有头发');
  await form.getByLabel('What the customer wants').fill('退款');
  await form.getByRole('button', { name: 'Save complaint' }).click();
  await expect(card.getByText('Complaint logged for 黄药师.')).toBeVisible();
  await expect(
    card.getByRole('status').filter({ hasText: 'At risk: 黄药师 has an open complaint (Product quality or defects).' }),
  ).toBeVisible();

  // The checklist, step by step.
  await card.getByRole('status').filter({ hasText: 'At risk' }).getByRole('link', { name: 'Open complaint' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Complaint: 黄药师' })).toBeVisible();
  await page.getByRole('button', { name: 'Mark “Listen and record” done' }).click();
  await page.getByRole('button', { name: 'Mark “Apologise” done' }).click();
  await expect(page.getByRole('combobox', { name: 'Remedy' })).toHaveValue('replace_or_refund');
  await page.getByRole('button', { name: 'Mark “Agree a remedy” done' }).click();
  await page.getByLabel('What the remedy cost').fill('38');
  await page.getByRole('button', { name: 'Mark “Act” done' }).click();
  await expect(page.getByRole('heading', { name: 'Checklist — Resolved' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Outcome' }).selectOption('satisfied');
  await page.getByLabel('Note').fill('很满意');
  await page.getByRole('button', { name: 'Mark “Follow up” done' }).click();
  await expect(page.getByRole('heading', { name: 'Checklist — Followed up' })).toBeVisible();
  await expect(page.getByText(/Follow up — Done .*: Satisfied — 很满意/)).toBeVisible();

  // Handled: no banner at the counter any more.
  await shop.open(page);
  await counter.find('2222');
  await counter.options().filter({ hasText: '黄药师' }).click();
  await expect(page.getByRole('region', { name: 'Selected customer' }).getByText('At risk')).toHaveCount(0);
});

test('starts a win-back case from the lapsed list, records the contact, and sees it close when the customer buys', async ({
  page,
  shop,
}) => {
  await shop.open(page, '/lapsed');
  const lapsed = page.getByRole('region', { name: /^Lapsed/ });
  // the first without a case in progress (the demo shop has some)
  const first = lapsed
    .getByRole('row')
    .filter({ has: page.getByRole('button', { name: /^Start win-back for / }) })
    .first();
  const name = (await first.getByRole('link').first().textContent())!.trim();
  await first.getByRole('button', { name: `Start win-back for ${name}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Win-back: ${name}` })).toBeVisible();
  await page.getByRole('combobox', { name: 'Why they stopped coming' }).selectOption('price');
  await page.getByRole('button', { name: 'Record the contact' }).click();
  await expect(page.getByText('Contacted', { exact: true }).first()).toBeVisible();
  await expect(page.getByText('Suggested for this reason: A targeted offer or a value reminder')).toBeVisible();
  // back on the list, their row opens the case in progress instead of offering to start one
  await shop.open(page, '/lapsed');
  await expect(lapsed.getByRole('button', { name: `Start win-back for ${name}` })).toHaveCount(0);
  await lapsed.getByRole('link', { name: `Open ${name}’s win-back case` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Win-back: ${name}` })).toBeVisible();

  // The customer comes back and buys at the counter.
  const counter = new CounterPage(page);
  await shop.open(page);
  await counter.find(name);
  await counter.options().filter({ hasText: name }).first().click();
  await counter.sell('88');
  await expect(counter.status).toContainText(name);

  await shop.open(page, '/winback');
  await page.getByLabel('Show closed cases too').check();
  // (an earlier case of theirs, closed, may be listed too)
  const row = page.getByRole('row').filter({ hasText: name }).filter({ hasText: 'Won back' });
  await expect(row).toHaveCount(1);
  await row.getByRole('link', { name }).click();
  await expect(page.getByText(/^Won back .*: ¥88\.00 since the contact\.$/)).toBeVisible();
});

test('a case whose customer came back before anyone called says so, in the list and on the case, in both languages', async ({
  page,
  shop,
}) => {
  const { who, caseId } = await caseOfRegularWhoStopped(shop, '回头甲', '13977770001');
  await shop.api('sales.record', { customerId: who.id, amountMinor: 4200 });
  await shop.open(page, '/winback');
  await expect(page.getByRole('row').filter({ hasText: who.name })).toContainText('Came back Mar 10, 2026, not contacted yet');
  await shop.open(page, `/winback/${caseId}`);
  await expect(
    page.getByRole('status').filter({ hasText: 'came back on Mar 10, 2026 before anyone got in touch' }),
  ).toBeVisible();
  await shop.open(page, `/winback/${caseId}`, 'zh-CN');
  await expect(page.getByRole('status').filter({ hasText: '在 2026年3月10日 自己回来了，还没有人联系过' })).toBeVisible();
});

test('a customer let go on their case reads "Let go" and why on their page, not "Active", in both languages', async ({
  page,
  shop,
}) => {
  const { who, caseId } = await caseOfRegularWhoStopped(shop, '放弃乙', '13977770002');
  await shop.open(page, `/winback/${caseId}`);
  await page.getByRole('combobox', { name: 'Why let them go' }).selectOption('moved_away');
  await page.getByRole('button', { name: 'Let go', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'They will not be flagged again' })).toBeVisible();
  await shop.open(page, `/customers/${who.id}`);
  const status = page.getByRole('group', { name: 'Status' });
  await expect(status).toContainText('Let go');
  await expect(status).not.toContainText('Active');
  await expect(status).toContainText('They will not be flagged again.');
  await shop.open(page, `/customers/${who.id}`, 'zh-CN');
  await expect(page.getByRole('group', { name: '状态' })).toContainText('已放弃：已搬走。以后不再标记。');
  await expect(page.getByRole('group', { name: '状态' })).not.toContainText('活跃');
});

test('Today lists what is due, most valuable first, and marks an item done in one click from the keyboard', async ({
  page,
  shop,
}) => {
  await shop.open(page, '/today');
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  const items = page.getByRole('list', { name: 'Today' }).getByRole('listitem');
  await expect(items.first()).toContainText(/Acknowledge .+’s complaint: listen and apologise/);
  // the amount beside the due date says what it is
  await expect(items.getByText(/^(Due|Overdue since) .+ · spent ¥[\d,.]+ in the last 12 months$/).first()).toBeVisible();
  const title = (await items.first().getByRole('link').first().textContent())!.trim();
  await items.first().getByRole('textbox').fill('已电话道歉');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: `Done: ${title}` })).toBeVisible();
  await expect(page.getByRole('link', { name: title, exact: true })).toHaveCount(0);
});

test('Complaints, Win-back and Today in Chinese', async ({ page, shop }) => {
  await shop.open(page, '/complaints', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1, name: '投诉' })).toBeVisible();
  await expect(page.getByRole('link', { name: '挽回' })).toBeVisible();
  await shop.open(page, '/winback', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1, name: '挽回顾客' })).toBeVisible();
  await shop.open(page, '/today', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1, name: '今日待办' })).toBeVisible();
  await expect(
    page
      .getByRole('list', { name: '今日待办' })
      .getByText(/^.+(到期|起逾期) · 近 12 个月消费 ¥[\d,.]+$/)
      .first(),
  ).toBeVisible();
});

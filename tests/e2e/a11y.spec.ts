import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';

const SCREENS = [
  { route: '/counter', ready: 'Find customer', role: 'combobox' as const },
  { route: '/customers', ready: 'Customers', role: 'heading' as const },
  { route: '/settings', ready: 'Settings', role: 'heading' as const },
  { route: '/lapsed', ready: 'Lapsed and fading customers', role: 'heading' as const },
  { route: '/insights', ready: 'Does the model fit this shop?', role: 'heading' as const },
  { route: '/today', ready: 'Today', role: 'heading' as const },
  { route: '/complaints', ready: 'Complaints', role: 'heading' as const },
  { route: '/complaints/1', ready: 'Checklist — Open', role: 'heading' as const },
  { route: '/winback', ready: 'Win-back', role: 'heading' as const },
  { route: '/winback/2', ready: '1. Find out why: contact, apologise, listen', role: 'heading' as const },
  { route: '/data/import', ready: 'Import customers, sales or products', role: 'heading' as const },
  { route: '/data/export', ready: 'Export a contact list', role: 'heading' as const },
  { route: '/data/backups', ready: 'Backups', role: 'heading' as const },
  { route: '/data/log', ready: 'Activity log', role: 'heading' as const },
];

for (const lang of ['en', 'zh-CN'] as const) {
  for (const s of SCREENS) {
    test(`${s.route} (${lang}) has no serious or critical accessibility violations`, async ({ page, shop }) => {
      await shop.open(page, s.route, lang);
      await expect(
        page.getByRole('navigation', { name: 'Main' }).or(page.getByRole('navigation', { name: '主导航' })),
      ).toBeVisible();
      if (lang === 'en') await expect(page.getByRole(s.role, { name: s.ready }).first()).toBeVisible();
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  }
}

test('a customer page has no serious or critical accessibility violations', async ({ page, shop }) => {
  const c = await shop.api<{ id: number }>('customers.create', { name: '郭靖', phone: '13512345678' });
  await shop.api('sales.record', { customerId: c.id, amountMinor: 5000 });
  await shop.open(page, `/customers/${c.id}`);
  await expect(page.getByRole('heading', { level: 1, name: '郭靖' })).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => v.id)).toEqual([]);
});

test('the welcome screen has no serious or critical accessibility violations', async ({ page, emptyShop }) => {
  await emptyShop.open(page);
  await expect(page.getByRole('button', { name: 'Start with an empty shop' })).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});

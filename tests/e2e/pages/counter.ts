import { expect, type Locator, type Page } from '@playwright/test';

/** The Counter screen, found by accessible names only. */
export class CounterPage {
  readonly search: Locator;
  readonly amount: Locator;
  readonly items: Locator;
  readonly promo: Locator;
  readonly payment: Locator;
  readonly staff: Locator;
  readonly saveSale: Locator;
  readonly status: Locator;
  readonly newCustomer: Locator;

  constructor(readonly page: Page) {
    this.search = page.getByRole('combobox', { name: 'Find customer' });
    this.amount = page.getByRole('textbox', { name: 'Amount', exact: true });
    this.items = page.getByRole('textbox', { name: 'Items' });
    this.promo = page.getByRole('checkbox', { name: 'Discount or promotion' });
    this.payment = page.getByRole('combobox', { name: 'Payment method' });
    this.staff = page.getByRole('combobox', { name: 'Staff' });
    this.saveSale = page.getByRole('button', { name: 'Save sale' });
    this.status = page.getByRole('status').filter({ hasText: /\S/ });
    this.newCustomer = page.getByRole('button', { name: 'New customer' });
  }

  options(): Locator {
    return this.page.getByRole('option');
  }

  async find(query: string): Promise<void> {
    await this.search.fill(query);
    await expect(this.options().first()).toBeVisible();
  }

  /** Types a search and picks the first match with Enter (the keyboard path). */
  async pickFirst(query: string): Promise<string> {
    await this.find(query);
    const name = (await this.options().first().locator('.opt-name').textContent()) ?? '';
    await this.search.press('Enter');
    await expect(this.page.getByRole('region', { name: 'Selected customer' })).toBeVisible();
    return name;
  }

  async sell(amount: string): Promise<void> {
    await this.amount.fill(amount);
    await this.amount.press('Enter');
    await expect(this.page.getByRole('status').filter({ hasText: 'Sale saved' })).toBeVisible();
  }

  todaysSales(): Locator {
    return this.page.getByRole('region', { name: 'Today’s sales' });
  }
}

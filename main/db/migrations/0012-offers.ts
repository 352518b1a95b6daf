import type { Database } from 'better-sqlite3';

export const version = 12;

/**
 * Offers the counter recognises (issue 17): money off or a percentage for one customer, issued from
 * a win-back case or a campaign export, with a short code the counter types or scans.
 *
 * - `value` is minor units for `amount_off`, a whole percent (1–100) for `percent_off`.
 * - `expires_on` is a business date in the shop's time zone (the last day it can be used), or null.
 * - Redeemed once: `sale_id`, `redeemed_at` and `discount_minor` (the money the offer took off that
 *   sale) are set in the sale's transaction and cleared again when the sale is voided. The sale
 *   itself stores what the customer paid (`sales.amount_minor`, after the offer) and its total
 *   discount (`sales.discount_minor`, the offer's part included).
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE offers (
      id INTEGER PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      customer_id INTEGER NOT NULL REFERENCES customers(id),
      kind TEXT NOT NULL CHECK (kind IN ('amount_off', 'percent_off')),
      value INTEGER NOT NULL CHECK (value > 0 AND (kind = 'amount_off' OR value <= 100)),
      min_spend_minor INTEGER NOT NULL DEFAULT 0 CHECK (min_spend_minor >= 0),
      expires_on TEXT,
      winback_id INTEGER REFERENCES winback_cases(id),
      campaign_id INTEGER REFERENCES campaigns(id),
      created_at INTEGER NOT NULL,
      sale_id INTEGER REFERENCES sales(id),
      redeemed_at INTEGER,
      discount_minor INTEGER CHECK (discount_minor >= 0)
    ) STRICT;
    CREATE UNIQUE INDEX offers_sale ON offers(sale_id) WHERE sale_id IS NOT NULL;
    CREATE INDEX offers_customer ON offers(customer_id);
    CREATE INDEX offers_winback ON offers(winback_id) WHERE winback_id IS NOT NULL;
    CREATE INDEX offers_campaign ON offers(campaign_id) WHERE campaign_id IS NOT NULL;
  `);
}

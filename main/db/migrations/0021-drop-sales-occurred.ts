import type { Database } from 'better-sqlite3';

export const version = 21;

/**
 * The `sales_occurred` index (sales by time alone) goes. No query of the app searches sales by time
 * without their customer (`sales_customer` serves those) or their day (`sales_business_date`); it
 * was chosen only to count every sale, which another index does as well. It cost every sale its
 * upkeep, and an import most: a million sales inserted into the 2-million-sale shop took 4.5–4.8 s
 * with it and 1.3–1.5 s without (their commit 0.8–1.0 s against 0.6–0.7 s), while the counter
 * waited for the flip.
 */
export function up(db: Database): void {
  db.exec('DROP INDEX IF EXISTS sales_occurred');
}

import type { Db } from '../open';

const SHOP_TABLES = "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('customers', 'sales')";

/**
 * Whether a database file holds a shop at all (its customers and sales tables), read from its
 * schema: a backup is checked so before anything counts its rows.
 */
export function hasShopTables(db: Db): boolean {
  return (db.prepare(SHOP_TABLES).get() as { n: number }).n === 2;
}

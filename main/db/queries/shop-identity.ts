import type { Db } from '../open';

/** This shop's random id (migration 9); null for a database from before it. */
export function readShopId(db: Db): string | null {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'shop_identity'").get();
  if (!table) return null;
  const row = db.prepare('SELECT shop_id FROM shop_identity WHERE id = 1').get() as { shop_id: string } | undefined;
  return row?.shop_id ?? null;
}

/** Gives a restored copy this shop's id, so the backups folder goes on naming the shop the same. */
export function writeShopId(db: Db, shopId: string): void {
  db.prepare('UPDATE shop_identity SET shop_id = ? WHERE id = 1').run(shopId);
}

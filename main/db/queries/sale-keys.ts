import type { Db } from '../open';
import { stmt } from '../stmt';

/** The sale saved under an idempotency key, if the key is still kept. */
export function saleOfKey(db: Db, key: string): number | undefined {
  return stmt<[string], { sale_id: number }>(db, 'SELECT sale_id FROM sale_keys WHERE key = ?').get(key)?.sale_id;
}

/** Forgets the keys kept from before an instant. */
export function forgetKeysBefore(db: Db, at: number): void {
  stmt(db, 'DELETE FROM sale_keys WHERE at < ?').run(at);
}

export function keepKey(db: Db, key: string, saleId: number, at: number): void {
  stmt(db, 'INSERT OR REPLACE INTO sale_keys (key, sale_id, at) VALUES (?, ?, ?)').run(key, saleId, at);
}

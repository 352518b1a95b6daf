import type { Statement } from 'better-sqlite3';
import type { Db } from './open';

const cache = new WeakMap<Db, Map<string, Statement>>();

/** A prepared statement, compiled once per connection. */
export function stmt<P extends unknown[] | object = unknown[], R = unknown>(db: Db, sql: string): Statement<P, R> {
  let map = cache.get(db);
  if (!map) {
    map = new Map();
    cache.set(db, map);
  }
  let s = map.get(sql);
  if (!s) {
    s = db.prepare(sql);
    map.set(sql, s);
  }
  return s as unknown as Statement<P, R>;
}

/** 1/0 <-> boolean at the SQL edge. */
export const bool = (v: number | bigint | null | undefined): boolean => Number(v) === 1;
export const bit = (v: boolean): 0 | 1 => (v ? 1 : 0);

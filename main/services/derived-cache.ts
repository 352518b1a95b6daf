import type { Ctx } from '../ctx';
import { changeStamp } from '../db/queries/analysis';
import { today } from './settings';

const cache = new WeakMap<object, Map<string, { key: string; at: number; value: unknown }>>();

/**
 * Derived figures (Insights, the price-change analysis, the 90-day check), cached per database
 * until the next sale, void, import or edit, like the lapsed list; with the time they were computed.
 */
export function cached<T>(ctx: Ctx, name: string, asOf: string | undefined, compute: () => T): { value: T; at: number } {
  const key = `${asOf ?? today(ctx)}|${changeStamp(ctx.db)}`;
  let byName = cache.get(ctx.db);
  if (!byName) cache.set(ctx.db, (byName = new Map()));
  let hit = byName.get(name);
  if (!hit || hit.key !== key) {
    hit = { key, at: ctx.clock.now(), value: compute() };
    byName.set(name, hit);
  }
  return hit as { value: T; at: number };
}

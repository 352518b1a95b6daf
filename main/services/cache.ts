import type { Ctx } from '../ctx';
import type { Db } from '../db/open';
import { tableVersions } from '../db/queries/table-versions';

/**
 * The tables derived results read, each with a change counter kept by triggers (migration 13).
 * `sales` also stands for what SQLite keeps from it: `visit_days`, `shop_days`, `visit_totals` and
 * the customers' totals (`visits`, `total_minor`, first and last visit).
 */
export type Table =
  | 'sales'
  | 'sale_lines'
  | 'customers'
  | 'customer_tags'
  | 'consents'
  | 'complaints'
  | 'winback_cases'
  | 'case_events'
  | 'tasks'
  | 'contact_attempts'
  | 'settings'
  | 'staff'
  | 'price_changes'
  | 'products'
  | 'product_prices';

/** What the lapsed list, Insights and the model read (customers' care records included). */
export const ANALYTICS_READS: readonly Table[] = [
  'sales',
  'sale_lines',
  'customers',
  'complaints',
  'winback_cases',
  'settings',
  'staff',
  'price_changes',
  'products',
  'product_prices',
];

interface Entry {
  versions: string;
  at: number;
  value: unknown;
}

/** Results kept per connection (each worker thread has its own), the most recently used last. */
const store = new WeakMap<Db, Map<string, Entry>>();
/**
 * A lapsed list of 100,000 customers is tens of megabytes: keep a few results, not every date asked
 * (at most MAX_PER_NAME inputs of one method, MAX_ENTRIES in all; the least recently used go first).
 */
export const MAX_ENTRIES = 24;
export const MAX_PER_NAME = 2;

/** Connections whose missing counters were logged already (once each, not on every call). */
const saidNoCounters = new WeakSet<Db>();

function versionsOf(ctx: Ctx, reads: readonly Table[]): string | null {
  let all: Map<string, number>;
  try {
    all = tableVersions(ctx.db);
  } catch (e) {
    // no counters (a database this app cannot migrate): compute every time, and say so once
    if (!saidNoCounters.has(ctx.db)) {
      saidNoCounters.add(ctx.db);
      ctx.log.error('the cache cannot read the table versions; every result is computed again', e);
    }
    return null;
  }
  return reads.map((t) => `${t}:${all.get(t) ?? '-'}`).join(',');
}

/**
 * The one cache of derived results: `compute()`'s answer for `name` and `input`, reused while the
 * versions of the tables it reads (`reads`) are unchanged, with the moment it was computed. The
 * versions are read before computing, so a write that lands during the computation makes the next
 * call compute again rather than keep a result older than its key says.
 */
export function cached<T>(
  ctx: Ctx,
  name: string,
  input: unknown,
  reads: readonly Table[],
  compute: () => T,
): { value: T; at: number } {
  const versions = versionsOf(ctx, reads);
  if (versions === null) return { value: compute(), at: ctx.clock.now() };
  let entries = store.get(ctx.db);
  if (!entries) store.set(ctx.db, (entries = new Map()));
  const key = `${name}|${JSON.stringify(input ?? null)}`;
  const hit = entries.get(key);
  if (hit && hit.versions === versions) {
    entries.delete(key);
    entries.set(key, hit);
    return hit as { value: T; at: number };
  }
  // An older result for the same question goes before the new one is computed (memory).
  entries.delete(key);
  const sameName = [...entries.keys()].filter((k) => k.startsWith(`${name}|`));
  for (const k of sameName.slice(0, Math.max(0, sameName.length - MAX_PER_NAME + 1))) entries.delete(k);
  const entry: Entry = { versions, at: ctx.clock.now(), value: compute() };
  entries.set(key, entry);
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return entry as { value: T; at: number };
}

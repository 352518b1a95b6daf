import { runImport } from '../../main/services/import/run';
import { ImportOptions } from '../../shared/schemas/import';
import { addDays, julianDay } from '../../shared/domain/dates';
import type { Ctx } from '../../main/ctx';
import { prng } from '../../main/services/demo/people';

/**
 * A simulated shop with a known truth, for measuring the fading and price-sensitive flags
 * (docs/lapsed.md, "How fading and price sensitivity were measured"). Deterministic for a seed.
 *
 * - Customers join in the first 300 days of a history of `days` days ending at `asOf`, and visit on
 *   any day with a probability of their own (a usual gap of about `gapDays`, gamma-spread between
 *   customers), times an "ordinary noise" factor drawn per customer and quarter (log-normal, sd 0.25).
 * - `fadeShare` of the customers halve either their visit rate or their spend per visit (half each)
 *   on the change day, `changeDaysAgo` days before `asOf`; `stopShare` stop entirely at a day
 *   between 18 and 4 months before `asOf`; the rest are steady.
 * - The shop runs a promotion in a quarter of its weeks. An ordinary customer buys on promotion on a
 *   quarter of the visits in a promotion week and 1 in 20 otherwise (about 1 in 10 overall); a
 *   price-sensitive customer (`priceShare`) on 3 in 4 and 2 in 3 (about 7 in 10), and half of them
 *   also crowd their visits into promotion weeks (2.2 × their rate there, 0.6 × between).
 * - A deal is recorded as the shop would: the promotion box ticked, a discount amount typed
 *   (20% off), or both (`record`).
 *
 * The sales go through the real import (a CSV with customer_id, date, amount, discount, promotion),
 * so the measurement exercises the real tables, triggers and lapsed list.
 */
export interface SimOptions {
  seed: number;
  customers: number;
  asOf: string;
  days: number;
  gapDays: number;
  fadeShare: number;
  stopShare: number;
  priceShare: number;
  changeDaysAgo: number;
  record: 'promotion' | 'discount' | 'both';
}

export const SIM_DEFAULTS: SimOptions = {
  seed: 16,
  customers: 900,
  asOf: '2026-03-31',
  days: 900,
  gapDays: 14,
  fadeShare: 1 / 6,
  stopShare: 0.1,
  priceShare: 0.15,
  changeDaysAgo: 182,
  record: 'both',
};

export type Kind = 'steady' | 'fewer_visits' | 'lower_spend' | 'stopped';
export interface SimTruth {
  kind: Kind;
  priceSensitive: boolean;
  clustered: boolean;
}

export function simulateSales(o: SimOptions): { csv: string; truth: Map<string, SimTruth> } {
  const u = prng(o.seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  // Gamma with integer shape k and mean 1 (sum of exponentials).
  const gamma = (k: number) => {
    let s = 0;
    for (let i = 0; i < k; i++) s -= Math.log(1 - u());
    return s / k;
  };
  const start = addDays(o.asOf, -o.days);
  const day0 = julianDay(start);
  const changeDay = julianDay(o.asOf) - o.changeDaysAgo;
  const promoWeek = new Map<number, boolean>();
  const isPromoWeek = (d: number) => {
    const w = Math.floor(d / 7);
    if (!promoWeek.has(w)) promoWeek.set(w, u() < 0.25);
    return promoWeek.get(w)!;
  };
  for (let d = day0; d <= day0 + o.days; d++) isPromoWeek(d);
  const lines = ['customer_id,date,amount,discount,promotion'];
  const truth = new Map<string, SimTruth>();
  for (let c = 0; c < o.customers; c++) {
    const id = `S${String(c + 1).padStart(5, '0')}`;
    const r = u();
    const kind: Kind =
      r < o.stopShare ? 'stopped' : r < o.stopShare + o.fadeShare ? (u() < 0.5 ? 'fewer_visits' : 'lower_spend') : 'steady';
    const priceSensitive = u() < o.priceShare;
    const clustered = priceSensitive && u() < 0.5;
    truth.set(id, { kind, priceSensitive, clustered });
    const rate = Math.min(1 / 5, Math.max(1 / 60, gamma(3) / o.gapDays));
    const spend = 60 * Math.exp(0.5 * normal());
    const join = day0 + Math.floor(u() * 300);
    const stop = kind === 'stopped' ? julianDay(o.asOf) - 120 - Math.floor(u() * 420) : Infinity;
    const noise = new Map<number, number>();
    for (let d = join; d <= day0 + o.days && d < stop; d++) {
      const q = Math.floor((d - day0) / 91);
      if (!noise.has(q)) noise.set(q, Math.exp(0.25 * normal()));
      const promo = isPromoWeek(d);
      let p = rate * noise.get(q)!;
      if (clustered) p *= promo ? 2.2 : 0.6;
      if (kind === 'fewer_visits' && d >= changeDay) p *= 0.5;
      if (d !== join && u() >= p) continue;
      const deal = u() < (priceSensitive ? (promo ? 0.75 : 2 / 3) : promo ? 0.25 : 0.05);
      let gross = spend * Math.exp(0.35 * normal());
      if (kind === 'lower_spend' && d >= changeDay) gross *= 0.5;
      const grossMinor = Math.max(100, Math.round(gross * 100));
      const paid = deal ? Math.round(grossMinor * 0.8) : grossMinor;
      const discount = deal && o.record !== 'promotion' ? ((grossMinor - paid) / 100).toFixed(2) : '';
      const promotion = deal && o.record !== 'discount' ? 'yes' : '';
      lines.push(`${id},${dateOf(d, start, day0)},${(paid / 100).toFixed(2)},${discount},${promotion}`);
    }
  }
  return { csv: lines.join('\n') + '\n', truth };
}

const dateOf = (d: number, start: string, day0: number) => addDays(start, d - day0);

/** Simulates the shop into `ctx` through the real import; the truth keyed by customer id. */
export async function simulateShop(ctx: Ctx, opts: Partial<SimOptions> = {}): Promise<Map<number, SimTruth>> {
  const o = { ...SIM_DEFAULTS, ...opts };
  const { csv, truth } = simulateSales(o);
  const r = await runImport(
    ctx,
    Buffer.from(csv),
    `simulated-${o.seed}.csv`,
    ImportOptions.parse({ kind: 'sales', createCustomers: true }),
  );
  if (r.imported !== csv.split('\n').length - 2) throw new Error(`simulated import: ${JSON.stringify(r).slice(0, 500)}`);
  const ids = ctx.db.prepare('SELECT id, external_id FROM customers').all() as { id: number; external_id: string }[];
  return new Map(ids.map((x) => [x.id, truth.get(x.external_id)!]));
}

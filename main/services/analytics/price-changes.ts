import type { PriceChangeAnalysis } from '../../../shared/schemas/prices';
import type { PriceRiseEffect } from '../../../shared/schemas/lapsed';
import { addDays, daysBetween } from '../../../shared/domain/dates';
import { QTY_SCALE } from '../../../shared/domain/lines';
import { boughtLessAfterPriceRise } from '../../../shared/domain/churn';
import { changesUpTo, lineSides, shopSides, type ChangeRow, type SideRow } from '../../db/queries/price-changes';
import { customerNames } from '../../db/queries/analysis';
import type { Ctx } from '../../ctx';
import { ANALYTICS_READS, cached } from '../cache';
import { today } from '../settings';

/** Equal windows before and after a change: 8 weeks, or as long as there has been since. */
export const WINDOW_DAYS = 56;
/** Who bought less is judged only once the after-window is at least this long. */
export const MIN_JUDGED_DAYS = 28;

/** Per customer who bought less: what they bought before and after (units; visits for a shop-wide change). */
type Effects = Map<number, { before: number; after: number }>;

function analyse(ctx: Ctx, c: ChangeRow, asOf: string): { analysis: PriceChangeAnalysis; effects: Effects } {
  const window = Math.max(0, Math.min(WINDOW_DAYS, daysBetween(c.date, asOf) + 1));
  const w = { from: addDays(c.date, -window), at: c.date, to: addDays(c.date, window) };
  const rows =
    c.kind === 'shop' ? shopSides(ctx.db, w) : lineSides(ctx.db, { ...w, productId: c.product_id, category: c.category });
  const before = new Map<number, SideRow>();
  const after = new Map<number, SideRow>();
  const sum = { buyers: [0, 0], units: [0, 0], revenue: [0, 0] };
  for (const r of rows) {
    const side = r.after ? 1 : 0;
    sum.units[side]! += r.units;
    sum.revenue[side]! += r.revenue;
    if (r.customer_id === null) continue;
    sum.buyers[side]!++;
    (r.after ? after : before).set(r.customer_id, r);
  }
  const judged = window >= MIN_JUDGED_DAYS;
  // A shop-wide change is judged by visits (days with a purchase), a product's by units.
  const measure = (r: SideRow | undefined) => (r === undefined ? 0 : c.kind === 'shop' ? r.days : r.units);
  const effects: Effects = new Map();
  const half = addDays(w.from, Math.ceil(window / 2));
  if (judged)
    for (const [id, b] of before) {
      const a = after.get(id);
      if (boughtLessAfterPriceRise({ amount: measure(b), days: b.days, sinceFirstHalf: b.first_date < half }, measure(a)))
        effects.set(id, {
          before: c.kind === 'shop' ? b.days : b.units / QTY_SCALE,
          after: c.kind === 'shop' ? (a?.days ?? 0) : (a?.units ?? 0) / QTY_SCALE,
        });
    }
  const analysis: PriceChangeAnalysis = {
    id: `${c.kind}-${c.source_id}`,
    kind: c.kind,
    product: c.kind === 'product' ? c.product : c.kind === 'category' ? c.category : null,
    product_id: c.product_id,
    category: c.category,
    date: c.date,
    old_price_minor: c.old_price_minor,
    new_price_minor: c.new_price_minor,
    note: c.note,
    window_days: window,
    judged,
    buyers_before: sum.buyers[0]!,
    buyers_after: sum.buyers[1]!,
    units_before: sum.units[0]! / QTY_SCALE,
    units_after: sum.units[1]! / QTY_SCALE,
    revenue_before_minor: sum.revenue[0]!,
    revenue_after_minor: sum.revenue[1]!,
    customers_buying_less: [...effects.keys()].sort((a, b) => a - b),
  };
  return { analysis, effects };
}

function analysesWithEffects(ctx: Ctx, asOf: string) {
  return cached(ctx, 'price-changes', asOf, ANALYTICS_READS, () => changesUpTo(ctx.db, asOf).map((c) => analyse(ctx, c, asOf)))
    .value;
}

/**
 * Every price change up to a day, newest first, each with buyers, units and revenue in equal
 * windows before and after it and the customers who bought less after it. Cached until the next
 * sale or edit (a price change is an edit: it writes the activity log).
 */
export function priceChangeAnalyses(ctx: Ctx, asOfArg?: string): { asOf: string; changes: PriceChangeAnalysis[] } {
  const asOf = asOfArg ?? today(ctx);
  return { asOf, changes: analysesWithEffects(ctx, asOf).map((a) => a.analysis) };
}

/** Whether a change raised the price (a noted change without prices counts as a rise: that is why owners note them). */
export const isRise = (c: PriceChangeAnalysis) =>
  c.old_price_minor === null || c.new_price_minor === null || c.new_price_minor > c.old_price_minor;

/**
 * The customers who bought less after a price rise in the year before `asOf`, each with the latest
 * such change: what gives them the reason `bought_less_after_price_rise`.
 */
export function boughtLessAfterRises(ctx: Ctx, asOf: string): Map<number, PriceRiseEffect> {
  const out = new Map<number, PriceRiseEffect>();
  const since = addDays(asOf, -365);
  // newest first: the first change that names a customer is the one shown
  for (const { analysis: c, effects } of analysesWithEffects(ctx, asOf)) {
    if (c.date < since || !isRise(c)) continue;
    for (const [id, e] of effects)
      if (!out.has(id))
        out.set(id, { change_id: c.id, date: c.date, product: c.product, measure: c.kind === 'shop' ? 'visits' : 'units', ...e });
  }
  return out;
}

/** The analyses for the screen: each with the first 50 customers who bought less, by name. */
export function priceChangeReport(ctx: Ctx, asOf?: string) {
  const r = priceChangeAnalyses(ctx, asOf);
  const ids = [...new Set(r.changes.flatMap((c) => c.customers_buying_less.slice(0, 50)))];
  const names = customerNames(ctx.db, ids);
  return {
    asOf: r.asOf,
    changes: r.changes.map((c) => ({
      ...c,
      customers: c.customers_buying_less
        .slice(0, 50)
        .map((id) => ({ id, name: names.get(id)?.name ?? '' }))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    })),
  };
}

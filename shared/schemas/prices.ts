import { z } from 'zod';
import { Id, IsoDate, OptionalText, Text } from './common';

/** A price change the owner records (a date and what changed); the lapsed list and Insights use it. */
export const PriceChangeInput = z.strictObject({
  changedOn: IsoDate,
  note: Text(200, 'note_required'),
  /** the category it applies to; empty for the whole shop */
  category: OptionalText(50).default(''),
});

export const PriceChange = z.object({
  id: z.number(),
  changedOn: z.string(),
  note: z.string(),
  category: z.string().nullable(),
  createdAt: z.number(),
});
export type PriceChange = z.infer<typeof PriceChange>;

export const PriceChangeId = z.strictObject({ id: Id });

/** One price change and what followed it (field names as `regulars price-changes --json` prints them). */
export const PriceChangeAnalysis = z.object({
  /** product-<history id>, category-<id> or shop-<id> */
  id: z.string(),
  kind: z.enum(['product', 'category', 'shop']),
  /** the product's name, the category, or null for the whole shop */
  product: z.string().nullable(),
  product_id: z.number().nullable(),
  category: z.string().nullable(),
  date: z.string(),
  old_price_minor: z.number().nullable(),
  new_price_minor: z.number().nullable(),
  note: z.string(),
  /** the length of each window: 56 days, or as many as have passed since the change */
  window_days: z.number(),
  /** whether the after-window is long enough (28 days) to say who bought less */
  judged: z.boolean(),
  buyers_before: z.number(),
  buyers_after: z.number(),
  units_before: z.number(),
  units_after: z.number(),
  revenue_before_minor: z.number(),
  revenue_after_minor: z.number(),
  customers_buying_less: z.array(z.number()),
});
export type PriceChangeAnalysis = z.infer<typeof PriceChangeAnalysis>;

export const PriceChangeAnalysisInput = z.strictObject({ asOf: IsoDate.optional() });

export const PriceChangeReport = z.object({
  asOf: z.string(),
  changes: z.array(
    PriceChangeAnalysis.extend({
      /** the first 50 customers who bought less, with their names, for the screen */
      customers: z.array(z.object({ id: z.number(), name: z.string() })),
    }),
  ),
});

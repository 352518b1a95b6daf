import { z } from 'zod';
import { Id, IsoDate } from './common';
import { LET_GO_CRITERIA } from '../domain/care';

/** The price rise a customer bought less after: visits (a shop-wide change) or units (a product or category) in equal windows. */
export const PriceRiseEffect = z.object({
  change_id: z.string(),
  date: z.string(),
  /** the product or category; null for a shop-wide change */
  product: z.string().nullable(),
  measure: z.enum(['visits', 'units']),
  before: z.number(),
  after: z.number(),
});
export type PriceRiseEffect = z.infer<typeof PriceRiseEffect>;

export const TIERS = ['key', 'main', 'ordinary', 'small'] as const;
export const Tier = z.enum(TIERS);

export const LapsedQuery = z.strictObject({
  /** the list as it looked at the end of this day (default today) */
  asOf: IsoDate.optional(),
  tier: Tier.nullable().default(null),
  staffId: Id.nullable().default(null),
});

export const LapsedRow = z.object({
  id: z.number(),
  name: z.string(),
  /** E.164, for the printed call sheet (null: no number on file) */
  phone: z.string().nullable(),
  staff_id: z.number().nullable(),
  status: z.enum(['lapsed', 'fading', 'active']),
  let_go: z.boolean(),
  tier: Tier,
  p_alive: z.number(),
  p_no_return_90d: z.number(),
  expected_visits_90d: z.number(),
  expected_value_12m_minor: z.number(),
  visits: z.number(),
  last_visit: z.string(),
  days_since_last: z.number(),
  usual_gap_days: z.number().nullable(),
  value_12m_minor: z.number(),
  value_at_risk_minor: z.number(),
  price_sensitivity: z.number(),
  price_sensitive: z.boolean(),
  reasons: z.array(z.string()),
  visits_per_month: z.object({ before: z.number(), recent: z.number() }),
  spend_per_month_minor: z.object({ before: z.number(), recent: z.number() }),
  spend_per_visit_minor: z.object({ before: z.number(), recent: z.number() }),
  /** the last 18 months: visits, deal visits (promotion or discount) and the shop's same-weeks share, visits in promotion weeks and the shop's share there */
  price_evidence: z.object({
    visits: z.number(),
    deal_visits: z.number(),
    same_weeks_share: z.number(),
    promo_week_visits: z.number(),
    promo_week_share: z.number(),
  }),
  price_change: PriceRiseEffect.nullable(),
});
export type LapsedRow = z.infer<typeof LapsedRow>;

/** One customer's row, with what the shop's new customers usually do (for a customer with one visit, else null). */
export const CustomerInsight = LapsedRow.extend({
  newcomers: z
    .object({
      /** customers whose first visit was 90 to 455 days ago */
      customers: z.number(),
      /** of them, those with a second visit within 90 days of their first */
      returned_90d: z.number(),
    })
    .nullable(),
  /** why the owner let them go (let_go), when a win-back case recorded it */
  let_go_criterion: z.enum(LET_GO_CRITERIA).nullable(),
});
export type CustomerInsight = z.infer<typeof CustomerInsight>;

export const LapsedReport = z.object({
  asOf: z.string(),
  computedAt: z.number(),
  /** the shop's Pareto figure: share of trailing 12-month revenue from the top 20% of customers */
  top20Share: z.number(),
  rows: z.array(LapsedRow),
});

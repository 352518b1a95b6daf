import { z } from 'zod';
import { IsoDate } from './common';
import { Tier } from './lapsed';

export const InsightsQuery = z.strictObject({
  /** figures as they stood at the end of this day (default today) */
  asOf: IsoDate.optional(),
});

export const InsightsMonth = z.object({
  /** YYYY-MM */
  month: z.string(),
  /** the month is not over yet (as-of date inside it) */
  partial: z.boolean(),
  /** customers who bought in the ACTIVE_MONTHS months before the month began */
  active_start: z.number(),
  /** of those, customers with no purchase in the month nor the ACTIVE_MONTHS − 1 before it */
  lost: z.number(),
  /** lost / active_start (null without active customers) */
  churn_rate: z.number().nullable(),
  retention_rate: z.number().nullable(),
  /** customers with a purchase in the month: first ever (new) or again (returning) */
  buyers: z.number(),
  new_customers: z.number(),
  returning_customers: z.number(),
  /** repeat-purchase rate: returning ÷ buyers (null without buyers) */
  repeat_rate: z.number().nullable(),
  /** the whole shop, walk-ins included */
  revenue_minor: z.number(),
  units: z.number(),
  sales: z.number(),
});

export const InsightsOverview = z.object({
  asOf: z.string(),
  computedAt: z.number(),
  activeMonths: z.number(),
  months: z.array(InsightsMonth),
  priceChanges: z.array(z.object({ date: z.string(), note: z.string() })),
  pareto: z.object({
    customers: z.number(),
    /** cumulative share of trailing 12-month revenue at 0%, 5%, …, 100% of customers (best first) */
    points: z.array(z.object({ customers_share: z.number(), revenue_share: z.number() })),
    top20_share: z.number(),
  }),
  tiers: z.array(z.object({ tier: Tier, customers: z.number(), value_12m_minor: z.number() })),
  cohorts: z.array(
    z.object({
      /** YYYY-MM of the first purchase */
      month: z.string(),
      /** the month is not over yet (as-of date inside it): the cohort is still growing */
      partial: z.boolean(),
      size: z.number(),
      /** share of the cohort buying in each month after the first (index 0 = one month later) */
      retention: z.array(z.number().nullable()),
      /** the index in `retention` of the month that is not over yet (counted to the as-of date), or null */
      partial_index: z.number().nullable(),
    }),
  ),
});
export type InsightsOverview = z.infer<typeof InsightsOverview>;
export type InsightsMonth = z.infer<typeof InsightsMonth>;

/** The model's calibration/holdout check and the list's backtest, as the owner sees them. */
export const InsightsChecks = z.object({
  holdout: z
    .object({
      calibration_end: z.string(),
      end: z.string(),
      customers: z.number(),
      expected_repeat_visits: z.number(),
      actual_repeat_visits: z.number(),
      source: z.enum(['fitted', 'prior']),
      /** cumulative repeat visits at each month end of the holdout */
      series: z.array(z.object({ date: z.string(), expected: z.number(), actual: z.number() })),
    })
    .nullable(),
  list: z.object({ asOf: z.string(), flagged: z.number(), stayedAway: z.number() }),
});
export type InsightsChecks = z.infer<typeof InsightsChecks>;

/** Lost customers in one group (a tier, a staff member, a category) over the complete months of the period. */
export const FailureGroup = z.object({
  /** the tier, the staff member's id, or the category; null: none (no staff member, no items recorded) */
  key: z.string().nullable(),
  /** the staff member's name (staff groups only) */
  name: z.string().nullable(),
  /** customers active at the start of each month, summed over the months */
  active: z.number(),
  lost: z.number(),
  /** average monthly churn: lost ÷ active (null without active customers) */
  churn_rate: z.number().nullable(),
  /** what the lost customers had spent in the 12 months before they were lost */
  value_lost_minor: z.number(),
});
export type FailureGroup = z.infer<typeof FailureGroup>;

/** Where customers are lost: churn and the value it takes, per month and per tier, staff member and category. */
export const InsightsFailure = z.object({
  asOf: z.string(),
  /** the complete months the groups sum over (YYYY-MM) */
  from: z.string().nullable(),
  to: z.string().nullable(),
  months: z.array(
    z.object({
      month: z.string(),
      partial: z.boolean(),
      active_start: z.number(),
      lost: z.number(),
      churn_rate: z.number().nullable(),
      value_lost_minor: z.number(),
    }),
  ),
  by_tier: z.array(FailureGroup),
  by_staff: z.array(FailureGroup),
  by_category: z.array(FailureGroup),
});
export type InsightsFailure = z.infer<typeof InsightsFailure>;

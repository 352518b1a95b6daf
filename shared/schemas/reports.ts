import { z } from 'zod';
import { IsoDate } from './common';
import { LEAVE_REASONS } from '../domain/care';
import { Tier } from './lapsed';

export const ReportsQuery = z.strictObject({
  /** the date of a change (prices, staff, range) to compare churn before and after */
  changeOn: IsoDate.optional(),
  /** months on each side of it */
  months: z.number().int().min(1).max(12).default(3),
});

const Rate = z.object({ cases: z.number(), won: z.number(), rate: z.number().nullable(), recovered_minor: z.number() });

export const Reports = z.object({
  /** why customers leave: per month (YYYY-MM), counts by reason across complaints, win-back and let-go */
  reasons: z.array(
    z.object({
      month: z.string(),
      reason: z.enum(LEAVE_REASONS),
      complaints: z.number(),
      winback: z.number(),
      let_go: z.number(),
    }),
  ),
  winback: z.object({
    byTier: z.array(Rate.extend({ tier: Tier })),
    byReason: z.array(Rate.extend({ reason: z.enum(LEAVE_REASONS) })),
    /** the closed cases in which the customer was reached at least once (an attempt "reached") */
    reached: Rate,
    closed: z.number(),
    won: z.number(),
    recovered_minor: z.number(),
    /** median days from the contact to the sale that won them back */
    median_days_to_win: z.number().nullable(),
  }),
  complaints: z.object({
    total: z.number(),
    resolved: z.number(),
    /** median days from logging to acting on the remedy */
    median_days_to_resolve: z.number().nullable(),
    followed_up: z.number(),
    satisfied: z.number(),
    not_satisfied: z.number(),
    unreachable: z.number(),
  }),
  churn: z
    .object({
      change_on: z.string(),
      months: z.number(),
      /** `months`: the complete months each side counts (up to the months asked for; fewer after a recent change) */
      before: z.object({ rate: z.number().nullable(), lost: z.number(), active: z.number(), months: z.number() }),
      after: z.object({ rate: z.number().nullable(), lost: z.number(), active: z.number(), months: z.number() }),
    })
    .nullable(),
});
export type Reports = z.infer<typeof Reports>;

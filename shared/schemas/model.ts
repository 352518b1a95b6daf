import { z } from 'zod';
import { IsoDate } from './common';

/** The BG/NBD parameters, time in days (shared/domain/bgnbd.ts). */
export const BgNbdParams = z.object({ r: z.number(), alpha: z.number(), a: z.number(), b: z.number() });

/** `model.show` (`regulars model`): a fit for a calibration end, by default the one the app uses today. */
export const ModelQuery = z.strictObject({
  /** the last day of the purchases fitted on (default: the month end the app's lists use today) */
  calibrationEnd: IsoDate.optional(),
});

/**
 * The model the lists and Insights use (or the fit for the calibration end asked for): which model,
 * its parameters, when it was fitted, on what data, and how it did on the days after its data.
 */
export const ModelReport = z.object({
  model: z.literal('bgnbd'),
  time_unit: z.literal('days'),
  params: BgNbdParams,
  log_likelihood: z.number().nullable(),
  customers: z.number(),
  repeat_transactions: z.number(),
  calibration_end: z.string(),
  /** "fitted" on the shop's history, or "prior" when it was too thin to fit */
  source: z.enum(['fitted', 'prior']),
  /** expected against actual repeat visits of the same customers after the calibration end */
  holdout: z
    .object({ end: z.string(), days: z.number(), actual_repeat_visits: z.number(), expected_repeat_visits: z.number() })
    .optional(),
  /** true when this is the fit today's lists and Insights use */
  used_by_app: z.boolean(),
  /** when the stored fit was made (ms), null when it could not be stored */
  fitted_at: z.number().nullable(),
  /** the spend model beside it, null when too few customers came back with spending */
  gamma_gamma: z.object({ p: z.number(), q: z.number(), gamma: z.number() }).nullable(),
  /** first day of the purchases fitted on, null in an empty shop */
  first_purchase: z.string().nullable(),
});
export type ModelReport = z.infer<typeof ModelReport>;

export const BacktestQuery = z.strictObject({
  asOf: IsoDate,
  horizonDays: z.number().int().min(1).max(3650).optional(),
});

const FlagCheck = z.object({
  judged: z.number(),
  flagged: z.number(),
  precision: z.number(),
  recall: z.number(),
  steady_called_fading: z.number().optional(),
});

/** `model.backtest` (`regulars backtest`): the list as of a past date scored against what happened next. */
export const Backtest = z.object({
  as_of: z.string(),
  horizon_end: z.string(),
  customers: z.number(),
  returned: z.number(),
  methods: z.array(
    z.object({
      name: z.string(),
      flagged: z.number(),
      precision: z.number(),
      recall: z.number(),
      f1: z.number(),
      auc: z.number(),
    }),
  ),
  price_sensitive: FlagCheck,
  fading: FlagCheck,
});

import { randomUUID } from 'node:crypto';
import { daysBetween, julianDay } from '../../../shared/domain/dates';
import { fitBgNbd, type BgNbdParams, type Rfm } from '../../../shared/domain/bgnbd';
import { fitGammaGamma, type GammaGammaParams } from '../../../shared/domain/gammagamma';
import { calibrationRows, calibrationStamp, visitSummaries } from '../../db/queries/analysis';
import { storedFit, storeFit } from '../../db/queries/model-fits';
import type { Ctx } from '../../ctx';
import { MODEL_FIT_VERSION, StoredModelFit } from '../../../shared/schemas/model-fit';
import { cached } from '../cache';
import { writeLater, writeStep } from '../../core/write-step';

/**
 * Below this many customers with a repeat visit the shop's own history is too thin to fit; the
 * model then uses a weakly informative prior (a customer who visits about monthly and is fairly
 * likely to stay) and says so.
 */
export const MIN_REPEATERS_TO_FIT = 30;
export const PRIOR_PARAMS: BgNbdParams = { r: 1, alpha: 30, a: 1.5, b: 6 };

export interface ShopModel {
  calibration_end: string;
  source: 'fitted' | 'prior';
  bgnbd: BgNbdParams;
  bgnbd_log_likelihood: number | null;
  /** null when fewer than MIN_REPEATERS_TO_FIT customers have repeat visits with spending */
  gamma_gamma: GammaGammaParams | null;
}

/**
 * The model for that month end: from the one cache while no sale changed (main/services/cache.ts),
 * else the fit stored in `model_fits` when it was made on the same data (its data stamp), is of
 * this version and parses (shared/schemas/model-fit.ts), else fitted now and stored.
 */
export function shopModel(ctx: Ctx, calibrationEnd: string): ShopModel {
  return cached(ctx, 'model', calibrationEnd, ['sales'], () => storedOrFitted(ctx, calibrationEnd)).value;
}

function storedOrFitted(ctx: Ctx, calibrationEnd: string): ShopModel {
  const endDay = julianDay(calibrationEnd);
  const stamp = calibrationStamp(ctx.db, endDay);
  const stored = storedFit(ctx.db, calibrationEnd);
  if (stored?.data_stamp === stamp) {
    const kept = readFit(stored.params, calibrationEnd);
    if (kept) return kept;
  }
  const model = fitShopModel(ctx, calibrationEnd);
  const fit: StoredModelFit = { version: MODEL_FIT_VERSION, ...model };
  // fitted on a reader lane, kept by the writer lane, not waited for (main/core/write-step.ts)
  writeLater(ctx, storeFitStep, { calibrationEnd, stamp, params: JSON.stringify(fit), fittedAt: ctx.clock.now() });
  return model;
}

/**
 * Keeps a fit in `model_fits`. One that cannot be stored (a read-only file, a full disk) is logged
 * under an incident id and fitted again next time; the list was answered anyway.
 */
export const storeFitStep = writeStep(
  'model.storeFit',
  (ctx, f: { calibrationEnd: string; stamp: string; params: string; fittedAt: number }): void => {
    try {
      storeFit(ctx.db, f.calibrationEnd, f.stamp, f.params, f.fittedAt);
    } catch (e) {
      ctx.log.error(`incident ${randomUUID().slice(0, 8)}: the model fit for ${f.calibrationEnd} could not be stored`, e);
    }
  },
);

/** A stored fit, or null when it is of another version or does not parse (it is then fitted again). */
export function readFit(json: string, calibrationEnd: string): ShopModel | null {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = StoredModelFit.safeParse(raw);
  if (!parsed.success || parsed.data.calibration_end !== calibrationEnd) return null;
  const { version: _version, ...model } = parsed.data;
  return model;
}

function fitShopModel(ctx: Ctx, calibrationEnd: string): ShopModel {
  const endDay = julianDay(calibrationEnd);
  const rows = calibrationRows(ctx.db, endDay);
  const rfm: Rfm[] = rows.map((r) => ({ x: r.visits - 1, tx: r.last_day - r.first_day, T: endDay - r.first_day }));
  const spend = rows.map((r) => ({ x: r.visits - 1, m: r.spend / r.visits }));
  const repeaters = rfm.filter((c) => c.x > 0).length;
  const fitted = repeaters >= MIN_REPEATERS_TO_FIT ? fitBgNbd(rfm) : null;
  const gg = spend.filter((c) => c.x > 0 && c.m > 0).length >= MIN_REPEATERS_TO_FIT ? fitGammaGamma(spend).params : null;
  return {
    calibration_end: calibrationEnd,
    source: fitted ? 'fitted' : 'prior',
    bgnbd: fitted?.params ?? PRIOR_PARAMS,
    bgnbd_log_likelihood: fitted?.logLik ?? null,
    gamma_gamma: gg,
  };
}

/** x, t_x and T in days for every customer with a purchase up to `end` (as in summary_data_from_transaction_data). */
export function rfmAsOf(ctx: Ctx, end: string): { id: number; rfm: Rfm }[] {
  // SQLite's julianday() of a date is N.5; the query truncates it to N, so 1970-01-01 is 2440587.
  const endDay = daysBetween('1970-01-01', end) + 2440587;
  return visitSummaries(ctx.db, end).map((s) => ({
    id: s.customer_id,
    rfm: { x: s.visits - 1, tx: s.last_day - s.first_day, T: endDay - s.first_day },
  }));
}

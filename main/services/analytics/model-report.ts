import { daysBetween, fromJulianDay, julianDay } from '../../../shared/domain/dates';
import { expectedPurchases } from '../../../shared/domain/bgnbd';
import type { ModelReport } from '../../../shared/schemas/model';
import { lastSaleDate, visitsBetween } from '../../db/queries/analysis';
import { fittedAt } from '../../db/queries/model-fits';
import type { Ctx } from '../../ctx';
import { calibrationEndFor } from '../../../shared/domain/calibration';
import { rfmAsOf, shopModel } from './model';
import { today } from '../settings';

/**
 * `regulars model` (`model.show`): the model the lists and Insights use today — the stored fit for
 * the last month end (calibrationEndFor), fitted and stored first when the data under it changed —
 * or the fit for another calibration end. Beside its parameters: when it was fitted, on how many
 * customers and repeat visits, and, when later sales exist, the repeat visits it expected of the
 * same customers against those that happened.
 */
export function modelReport(ctx: Ctx, calibrationEnd?: string): ModelReport {
  const appEnd = calibrationEndFor(today(ctx));
  const end = calibrationEnd ?? appEnd;
  const model = shopModel(ctx, end);
  const rows = rfmAsOf(ctx, end);
  const customers = rows.map((c) => c.rfm);
  const params = model.bgnbd;
  const report: ModelReport = {
    model: 'bgnbd',
    time_unit: 'days',
    params,
    log_likelihood: model.bgnbd_log_likelihood,
    customers: customers.length,
    repeat_transactions: customers.reduce((s, c) => s + c.x, 0),
    calibration_end: end,
    source: model.source,
    used_by_app: end === appEnd,
    fitted_at: fittedAt(ctx.db, end) ?? null,
    gamma_gamma: model.gamma_gamma,
    first_purchase: customers.length ? fromJulianDay(julianDay(end) - customers.reduce((m, c) => Math.max(m, c.T), 0)) : null,
  };
  const last = lastSaleDate(ctx.db);
  if (last && last > end) {
    const days = daysBetween(end, last);
    const inCalibration = new Set(rows.map((c) => c.id));
    report.holdout = {
      end: last,
      days,
      actual_repeat_visits: [...visitsBetween(ctx.db, end, last).entries()]
        .filter(([id]) => inCalibration.has(id))
        .reduce((s, [, n]) => s + n, 0),
      expected_repeat_visits: customers.reduce((s, c) => s + expectedPurchases(params, c, days), 0),
    };
  }
  return report;
}

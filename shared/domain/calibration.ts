import { addDays } from './dates';
import { monthEnd, monthIndex } from './months';

/**
 * The model behind a list as of a date is fitted on the history up to the last month end on or
 * before that date. Its parameters describe the shop's customers as a whole and move slowly, so
 * one fit serves the whole month (stored in the database, refitted only when the data up to that
 * month end changes — a back-dated import, a void); each customer's own numbers are still taken
 * as of the list's date. A past month's list is rebuilt exactly: the fit never sees later sales.
 */
export function calibrationEndFor(asOf: string): string {
  const next = addDays(asOf, 1);
  return next.slice(8) === '01' ? asOf : addDays(asOf.slice(0, 8) + '01', -1);
}

/** Months the model check holds back and predicts (Insights, "Is the model right on this shop?"). */
export const HOLDOUT_MONTHS = 6;

/**
 * The model check as of a date ends at the same month end as the list's fit (calibrationEndFor)
 * and is fitted on the history up to the month end HOLDOUT_MONTHS before it; what the model
 * expected over the months between is compared with what the customers did.
 */
export function holdoutFor(asOf: string): { calibrationEnd: string; end: string } {
  const end = calibrationEndFor(asOf);
  return { calibrationEnd: monthEnd(monthIndex(end) - HOLDOUT_MONTHS), end };
}

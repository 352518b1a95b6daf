import { addDays } from './dates';

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

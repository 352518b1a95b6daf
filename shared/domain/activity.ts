/**
 * A customer is **active** at the start of a month when they bought in one of the ACTIVE_MONTHS
 * months before it, and **lost** during the month when they were active at its start and bought
 * nothing in the month nor in the ACTIVE_MONTHS − 1 months before it (their last purchase fell out
 * of the window). Monthly churn rate = lost / active at the start; retention = 1 − churn. The
 * Insights overview and the failure analysis both count with this one rule, so their churn agrees.
 */
export const ACTIVE_MONTHS = 3;

/** Where a customer stands in a month: not active at its start, active and kept, or active and lost. */
export type Activity = 'inactive' | 'kept' | 'lost';

/**
 * The rule above for month index m, where `boughtIn(k)` says whether the customer bought in month
 * index k (false for months before their history).
 */
export function activityIn(m: number, boughtIn: (k: number) => boolean): Activity {
  let active = false;
  for (let k = 1; k <= ACTIVE_MONTHS && !active; k++) active = boughtIn(m - k);
  if (!active) return 'inactive';
  let still = boughtIn(m);
  for (let k = 1; k < ACTIVE_MONTHS && !still; k++) still = boughtIn(m - k);
  return still ? 'kept' : 'lost';
}

/** Churn rate = lost / active at the start; null when nobody was active, as there is nothing to lose. */
export const churnRate = (lost: number, activeStart: number): number | null => (activeStart ? lost / activeStart : null);

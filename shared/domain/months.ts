import { addDays } from './dates';

/**
 * Months as numbers: month index = year × 12 + month − 1, so consecutive months differ by one
 * across a year end and a span of months is a plain range. Insights and failure analysis count
 * per month with these; the labels are the `YYYY-MM` the screens show.
 */
export const monthIndex = (iso: string): number => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;

/** `YYYY-MM` of a month index. */
export const monthLabel = (m: number): string => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;

/** The first day of month index m. */
export const monthStart = (m: number): string => `${monthLabel(m)}-01`;

/** The last day of month index m: the day before the next month starts, so leap years need no table. */
export const monthEnd = (m: number): string => addDays(monthStart(m + 1), -1);

/** A month is partial as of a date when it ends after that date (the date falls inside it or before it). */
export const isPartialMonth = (m: number, asOf: string): boolean => monthEnd(m) > asOf;

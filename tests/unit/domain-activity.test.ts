import { describe, expect, it } from 'vitest';
import { ACTIVE_MONTHS, activityIn, churnRate, type Activity } from '../../shared/domain/activity';
import { holdoutFor, HOLDOUT_MONTHS } from '../../shared/domain/calibration';
import { isPartialMonth, monthEnd, monthIndex, monthLabel, monthStart } from '../../shared/domain/months';

describe('month indexes run on across year ends', () => {
  it.each([
    ['2025-12-31', '2025-12', '2025-12-01', '2025-12-31'],
    ['2026-01-01', '2026-01', '2026-01-01', '2026-01-31'],
    ['2024-02-10', '2024-02', '2024-02-01', '2024-02-29'],
    ['2100-02-10', '2100-02', '2100-02-01', '2100-02-28'], // no leap day in a century year not divisible by 400
    ['2000-02-10', '2000-02', '2000-02-01', '2000-02-29'],
    ['2026-04-30', '2026-04', '2026-04-01', '2026-04-30'],
  ])('%s is in %s, from %s to %s', (iso, label, start, end) => {
    const m = monthIndex(iso);
    expect(monthLabel(m)).toBe(label);
    expect(monthStart(m)).toBe(start);
    expect(monthEnd(m)).toBe(end);
  });

  it('December and the next January are one apart, and their month ends too', () => {
    const dec = monthIndex('2025-12-15');
    expect(monthIndex('2026-01-15')).toBe(dec + 1);
    expect(dec).toBe(2025 * 12 + 11);
    expect(monthEnd(dec - 12)).toBe('2024-12-31');
    expect(monthEnd(dec + 2)).toBe('2026-02-28');
    expect(monthLabel(dec - 11)).toBe('2025-01');
  });

  it.each([
    ['2026-03-31', '2026-03', false],
    ['2026-03-30', '2026-03', true],
    ['2026-03-01', '2026-03', true],
    ['2026-03-01', '2026-02', false],
    ['2024-02-29', '2024-02', false],
    ['2024-02-28', '2024-02', true],
    ['2025-12-31', '2025-12', false],
  ])('as of %s the month %s is partial: %s', (asOf, month, partial) => {
    expect(isPartialMonth(monthIndex(`${month}-15`), asOf)).toBe(partial);
  });
});

/** The customer bought in these months (offsets from month 100, the month judged). */
const judge = (...bought: number[]): Activity => activityIn(100, (k) => bought.includes(k - 100));

describe(`active/lost: active when they bought in the ${ACTIVE_MONTHS} months before, lost when the last of those fell out`, () => {
  it('the window is three months', () => expect(ACTIVE_MONTHS).toBe(3));

  it.each<[string, number[], Activity]>([
    ['never bought', [], 'inactive'],
    ['bought only in the month itself (new)', [0], 'inactive'],
    ['last bought 4 months before: already out of the window', [-4], 'inactive'],
    ['last bought 4 months before, back in the month', [-4, 0], 'inactive'],
    ['last bought exactly 3 months before and not since: lost this month', [-3], 'lost'],
    ['bought 3 months before and came back in the month', [-3, 0], 'kept'],
    ['bought 3 and 2 months before', [-3, -2], 'kept'],
    ['last bought 2 months before: still inside the window', [-2], 'kept'],
    ['last bought the month before', [-1], 'kept'],
    ['bought every month', [-5, -4, -3, -2, -1, 0], 'kept'],
    ['bought 5 and 3 months before', [-5, -3], 'lost'],
  ])('%s → %s', (_name, bought, activity) => {
    expect(judge(...bought)).toBe(activity);
  });

  it('a customer lost in a month is not active at the start of the next one', () => {
    expect(activityIn(100, (k) => k === 97)).toBe('lost');
    expect(activityIn(101, (k) => k === 97)).toBe('inactive');
  });
});

describe('churn rate = lost / active at the start', () => {
  it.each([
    [0, 0, null],
    [3, 0, null],
    [0, 10, 0],
    [1, 4, 0.25],
    [10, 10, 1],
  ])('%i lost of %i active → %s', (lost, active, rate) => {
    expect(churnRate(lost, active)).toBe(rate);
  });
});

describe(`the model check fits up to ${HOLDOUT_MONTHS} month ends before the list's and predicts the months between`, () => {
  it.each([
    ['2026-03-10', '2025-08-31', '2026-02-28'],
    ['2026-02-28', '2025-08-31', '2026-02-28'],
    ['2026-05-15', '2025-10-31', '2026-04-30'],
    ['2026-01-01', '2025-06-30', '2025-12-31'],
    ['2024-08-31', '2024-02-29', '2024-08-31'],
    ['2024-09-01', '2024-02-29', '2024-08-31'],
  ])('as of %s: fitted to %s, checked to %s', (asOf, calibrationEnd, end) => {
    expect(holdoutFor(asOf)).toEqual({ calibrationEnd, end });
  });
});

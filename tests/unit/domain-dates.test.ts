import { describe, expect, it } from 'vitest';
import {
  addDays,
  businessDate,
  calendarDaysSince,
  daysBetween,
  isValidTimeZone,
  startOfBusinessDate,
} from '../../shared/domain/dates';

const at = (iso: string) => Date.parse(iso);

describe('businessDate', () => {
  it.each([
    ['2026-03-10T10:00:00+08:00', 'Asia/Shanghai', '2026-03-10'],
    ['2026-03-10T15:59:59.999Z', 'Asia/Shanghai', '2026-03-10'], // 23:59:59.999 in Shanghai
    ['2026-03-10T16:00:00Z', 'Asia/Shanghai', '2026-03-11'], // midnight in Shanghai, still the 10th in UTC
    ['2026-03-09T23:30:00Z', 'Asia/Shanghai', '2026-03-10'], // 07:30 in Shanghai
    ['2026-03-10T16:00:00Z', 'UTC', '2026-03-10'],
    // New York, spring forward on Sunday 2026-03-08 at 02:00 EST → 03:00 EDT
    ['2026-03-08T04:59:59Z', 'America/New_York', '2026-03-07'],
    ['2026-03-08T05:00:00Z', 'America/New_York', '2026-03-08'],
    ['2026-03-09T03:59:59Z', 'America/New_York', '2026-03-08'],
    ['2026-03-09T04:00:00Z', 'America/New_York', '2026-03-09'],
    ['2026-03-11T03:30:00Z', 'America/New_York', '2026-03-10'], // 23:30 EDT, the 11th in UTC
    // fall back on Sunday 2026-11-01 at 02:00 EDT → 01:00 EST
    ['2026-11-01T03:59:59Z', 'America/New_York', '2026-10-31'],
    ['2026-11-01T04:00:00Z', 'America/New_York', '2026-11-01'],
    ['2026-11-02T04:59:59Z', 'America/New_York', '2026-11-01'],
    ['2026-11-02T05:00:00Z', 'America/New_York', '2026-11-02'],
    ['2024-02-29T12:00:00Z', 'Asia/Shanghai', '2024-02-29'],
    ['2026-12-31T16:00:00Z', 'Asia/Shanghai', '2027-01-01'],
  ])('%s in %s is %s', (iso, tz, date) => {
    expect(businessDate(at(iso), tz)).toBe(date);
  });
});

describe('startOfBusinessDate', () => {
  it.each([
    ['2026-03-10', 'Asia/Shanghai', '2026-03-09T16:00:00.000Z'],
    ['2026-03-10', 'UTC', '2026-03-10T00:00:00.000Z'],
    ['2026-03-07', 'America/New_York', '2026-03-07T05:00:00.000Z'], // EST
    ['2026-03-08', 'America/New_York', '2026-03-08T05:00:00.000Z'], // the spring-forward day starts in EST
    ['2026-03-09', 'America/New_York', '2026-03-09T04:00:00.000Z'], // EDT
    ['2026-11-01', 'America/New_York', '2026-11-01T04:00:00.000Z'], // the fall-back day starts in EDT
    ['2026-11-02', 'America/New_York', '2026-11-02T05:00:00.000Z'], // EST
    ['2026-03-29', 'Europe/London', '2026-03-29T00:00:00.000Z'],
    ['2026-03-30', 'Europe/London', '2026-03-29T23:00:00.000Z'],
    ['2026-04-05', 'Australia/Sydney', '2026-04-04T13:00:00.000Z'], // AEDT until 03:00 that day
    ['2026-04-06', 'Australia/Sydney', '2026-04-05T14:00:00.000Z'], // AEST
    ['2026-03-10', 'Asia/Kathmandu', '2026-03-09T18:15:00.000Z'],
  ])('%s in %s starts at %s', (date, tz, iso) => {
    expect(new Date(startOfBusinessDate(date, tz)).toISOString()).toBe(iso);
  });

  // Where DST starts at midnight (Santiago, Havana, Asunción), 00:00 does not exist that day and the
  // day starts at 01:00 local. The start must still fall on that day, not an hour into the day before.
  it.each([
    ['2025-09-07', 'America/Santiago', '2025-09-07T04:00:00.000Z'],
    ['2024-10-06', 'America/Asuncion', '2024-10-06T04:00:00.000Z'],
  ])('%s in %s (midnight skipped) starts at %s', (date, tz, iso) => {
    expect(new Date(startOfBusinessDate(date, tz)).toISOString()).toBe(iso);
  });

  it.each(['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kathmandu', 'UTC'])(
    'in %s every day of 2026 starts at its first instant',
    (tz) => {
      for (let d = '2026-01-01'; d < '2027-01-01'; d = addDays(d, 1)) {
        const start = startOfBusinessDate(d, tz);
        expect(businessDate(start, tz), d).toBe(d);
        expect(businessDate(start - 1, tz), d).toBe(addDays(d, -1));
      }
    },
  );
});

describe('daysBetween and addDays', () => {
  it.each([
    ['2026-03-08', '2026-03-10', 2],
    ['2026-03-10', '2026-03-08', -2],
    ['2026-03-10', '2026-03-10', 0],
    ['2024-02-28', '2024-03-01', 2], // leap year
    ['2026-02-28', '2026-03-01', 1],
    ['2025-12-31', '2026-01-01', 1],
    ['2026-03-07', '2026-03-09', 2], // across the New York DST change: calendar days, not hours
    ['2026-01-01', '2027-01-01', 365],
    ['2024-01-01', '2025-01-01', 366],
  ])('daysBetween(%s, %s) = %d', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });

  it.each([
    ['2026-03-10', 1, '2026-03-11'],
    ['2026-03-10', -1, '2026-03-09'],
    ['2026-03-10', 0, '2026-03-10'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-03-07', 2, '2026-03-09'],
    ['2026-01-01', 365, '2027-01-01'],
  ])('addDays(%s, %d) = %s', (date, n, out) => {
    expect(addDays(date, n)).toBe(out);
  });

  it('are inverses', () => {
    for (const n of [-400, -31, -1, 0, 1, 29, 366, 1000]) expect(daysBetween('2026-03-10', addDays('2026-03-10', n))).toBe(n);
  });
});

describe('calendarDaysSince', () => {
  // Issue 15, item 11: calendar days in the shop's zone, not 24-hour periods since the instant.
  it.each([
    // now 10:00 in Shanghai on the 10th
    ['2026-03-09T18:48:00+08:00', '2026-03-10T10:00:00+08:00', 'Asia/Shanghai', 1], // 15 hours ago, but yesterday
    ['2026-03-09T23:59:59+08:00', '2026-03-10T00:00:00+08:00', 'Asia/Shanghai', 1], // one second across midnight
    ['2026-03-10T00:00:00+08:00', '2026-03-10T23:59:59+08:00', 'Asia/Shanghai', 0], // the whole day is today
    ['2026-03-10T09:59:00+08:00', '2026-03-10T10:00:00+08:00', 'Asia/Shanghai', 0],
    ['2026-02-12T18:48:00+08:00', '2026-03-10T10:00:00+08:00', 'Asia/Shanghai', 26], // 25.6 × 24 h
    ['2026-02-12T00:00:00+08:00', '2026-03-10T23:59:00+08:00', 'Asia/Shanghai', 26],
    // the same two instants, counted in another zone, are other days
    ['2026-03-09T15:30:00Z', '2026-03-09T16:30:00Z', 'Asia/Shanghai', 1], // 23:30 and 00:30 in Shanghai
    ['2026-03-09T15:30:00Z', '2026-03-09T16:30:00Z', 'UTC', 0],
    // across the New York spring-forward night (a 23-hour day)
    ['2026-03-07T23:30:00-05:00', '2026-03-08T00:30:00-05:00', 'America/New_York', 1],
    ['2026-03-07T12:00:00-05:00', '2026-03-09T11:00:00-04:00', 'America/New_York', 2],
    // and the fall-back night (a 25-hour day)
    ['2026-11-01T00:10:00-04:00', '2026-11-01T23:50:00-05:00', 'America/New_York', 0],
    ['2026-10-31T23:50:00-04:00', '2026-11-01T00:10:00-04:00', 'America/New_York', 1],
    // a clock that is behind the sale (set by hand) never shows a negative count
    ['2026-03-10T12:00:00+08:00', '2026-03-10T10:00:00+08:00', 'Asia/Shanghai', 0],
    ['2026-03-11T12:00:00+08:00', '2026-03-10T10:00:00+08:00', 'Asia/Shanghai', 0],
  ])('from %s to %s in %s: %d', (from, now, tz, days) => {
    expect(calendarDaysSince(at(from), at(now), tz)).toBe(days);
  });
});

describe('isValidTimeZone', () => {
  it.each([
    ['Asia/Shanghai', true],
    ['America/New_York', true],
    ['UTC', true],
    ['Mars/Olympus', false],
    ['Asia/Shang_hai', false],
    ['', false],
  ])('%j → %s', (tz, valid) => {
    expect(isValidTimeZone(tz)).toBe(valid);
  });
});

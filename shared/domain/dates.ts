/**
 * Instants are UTC milliseconds; "which day" is a calendar date in the shop's time zone.
 */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

export function businessDate(instantMs: number, timeZone: string): string {
  // Building an Intl formatter costs far more than using one: keep one per time zone.
  let f = dayFormats.get(timeZone);
  if (!f) {
    // en-CA formats as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, f);
  }
  return f.format(instantMs);
}

/** UTC instant of local midnight that starts `date` in `timeZone`. */
export function startOfBusinessDate(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  // The offset of the zone at that instant; iterate once more across DST edges.
  let t = guess - zoneOffsetMs(guess, timeZone);
  t = guess - zoneOffsetMs(t, timeZone);
  // Where daylight saving starts at midnight (Santiago, Havana) that midnight does not exist and
  // the day starts an hour later: step forward until the instant falls on the day itself.
  for (let i = 0; i < 4 && businessDate(t, timeZone) < date; i++) t += 3_600_000;
  return t;
}

const partFormats = new Map<string, Intl.DateTimeFormat>();

function zoneOffsetMs(instant: number, timeZone: string): number {
  let f = partFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormats.set(timeZone, f);
  }
  const parts = f.formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

export function daysBetween(fromDate: string, toDate: string): number {
  return Math.round((Date.parse(toDate + 'T00:00:00Z') - Date.parse(fromDate + 'T00:00:00Z')) / 86_400_000);
}

/**
 * Days since an instant, as the owner counts them: calendar days in the shop's time zone between
 * the instant's date and today's, not 24-hour periods. A visit at 18:48 yesterday is 1 day ago the
 * next morning, any time today is 0 ("today"), and an instant after now counts as 0.
 */
export function calendarDaysSince(instantMs: number, nowMs: number, timeZone: string): number {
  return Math.max(0, daysBetween(businessDate(instantMs, timeZone), businessDate(nowMs, timeZone)));
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(date + 'T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10);
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * Days as the database counts them: SQLite's julianday() of a date is N.5 and the queries truncate
 * it to N (`CAST(julianday(d) AS INTEGER)`), so 1970-01-01 is day 2440587.
 */
const JULIAN_1970 = 2440587;
export function julianDay(date: string): number {
  return daysBetween('1970-01-01', date) + JULIAN_1970;
}
const fromJulianCache = new Map<number, string>();
export function fromJulianDay(day: number): string {
  // Lists convert a hundred thousand of these, over a few thousand distinct days.
  let iso = fromJulianCache.get(day);
  if (iso === undefined) {
    iso = new Date((day - JULIAN_1970) * 86_400_000).toISOString().slice(0, 10);
    if (fromJulianCache.size < 100_000) fromJulianCache.set(day, iso);
  }
  return iso;
}

import type { DateFormat } from '../../../shared/schemas/import';
import { DATE_RANGE } from '../../../shared/schemas/common';
import { parseAmount } from '../../../shared/domain/money';

export interface ParsedDate {
  date: string;
  /** seconds after local midnight, when the cell had a time */
  seconds: number | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

function validYmd(y: number, m: number, d: number): string | null {
  // the one range of business dates (shared/schemas/common.ts)
  if (y < +DATE_RANGE.min.slice(0, 4) || y > +DATE_RANGE.max.slice(0, 4) || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function timeOf(rest: string | undefined): number | null | undefined {
  if (!rest || !rest.trim()) return null;
  const t = /^\s*(?:T|\s)?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(?:Z|[+-]\d{2}:?\d{2})?\s*$/.exec(rest);
  if (!t) return undefined;
  const h = Number(t[1]);
  const mi = Number(t[2]);
  const s = Number(t[3] ?? 0);
  if (h > 23 || mi > 59 || s > 59) return undefined;
  return h * 3600 + mi * 60 + s;
}

/**
 * Dates as shops write them: 2024-03-05, 2024/3/5, 2024.3.5, 20240305, 2024年3月5日, 05/03/2024
 * (day-first or month-first as chosen; "auto" accepts it only when unambiguous), with an optional
 * time, or an Excel serial number (days since 1899-12-30).
 */
export function parseDate(raw: string, format: DateFormat = 'auto'): ParsedDate | null {
  // A file repeats its dates (a million sales over a few thousand days): each text is read once.
  // (short texts only: a long cell is no date, and is not kept)
  if (raw.length > 40) return readDate(raw, format);
  const key = `${format}\u0000${raw}`;
  const known = dates.get(key);
  if (known !== undefined) return known;
  if (dates.size >= DATES_KEPT) dates.clear();
  const parsed = readDate(raw, format);
  dates.set(key, parsed && Object.freeze(parsed));
  return parsed;
}
const DATES_KEPT = 20_000;
const dates = new Map<string, Readonly<ParsedDate> | null>();

function readDate(raw: string, format: DateFormat): ParsedDate | null {
  const s = raw.trim();
  if (!s) return null;
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(.*)$/.exec(s) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日?(.*)$/.exec(s);
  if (m) return withTime(validYmd(+m[1]!, +m[2]!, +m[3]!), m[4]);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return withTime(validYmd(+m[1]!, +m[2]!, +m[3]!), '');
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(.*)$/.exec(s);
  if (m) {
    const a = +m[1]!;
    const b = +m[2]!;
    const y = +m[3]!;
    let order = format;
    if (order === 'auto' || order === 'ymd') {
      if (a > 12 && b <= 12) order = 'dmy';
      else if (b > 12 && a <= 12) order = 'mdy';
      else return null; // ambiguous: the owner must choose the order
    }
    return withTime(order === 'dmy' ? validYmd(y, b, a) : validYmd(y, a, b), m[4]);
  }
  if (/^\d{5}(\.\d+)?$/.test(s)) {
    const serial = Number(s);
    if (serial < 20000 || serial > 80000) return null;
    const ms = Math.round((serial - 25569) * 86_400_000);
    const d = new Date(ms);
    const seconds = Math.round((serial % 1) * 86400);
    return { date: d.toISOString().slice(0, 10), seconds: seconds ? seconds : null };
  }
  return null;
}

function withTime(date: string | null, rest: string | undefined): ParsedDate | null {
  if (!date) return null;
  const seconds = timeOf(rest);
  if (seconds === undefined) return null;
  return { date, seconds };
}

/**
 * Money as text, by the one rule the counter uses (shared/domain/money.ts): "128", "128.5",
 * "¥1,280.00", "1280元" -> minor units; "12,5" or "12 5" is not an amount. Negative and more than
 * two decimals are refused (a refund is not a sale); zeros after the cents, as spreadsheets write
 * them, are fine.
 */
export function parseMoney(raw: string): number | null | 'negative' {
  const r = parseAmount(raw, { extraZeros: true });
  return r.ok ? r.minor : r.problem === 'negative' ? 'negative' : null;
}

export function parseYesNo(raw: string): boolean | null {
  const s = raw.trim().toLowerCase();
  if (['yes', 'y', 'true', '1', '是', '对', '√', 'x'].includes(s)) return true;
  if (['no', 'n', 'false', '0', '否', '不', ''].includes(s)) return false;
  return null;
}

export function parseCount(raw: string): number | null {
  const s = raw.trim();
  if (!s) return 1;
  if (!/^\d+(\.0+)?$/.test(s)) return null;
  const n = Number(s);
  return n >= 1 && n <= 10_000 ? n : null;
}

import { z } from 'zod';

/**
 * Messages in schemas are i18n keys under `error.field.` so every transport and the UI can translate
 * them; zod's own English text never reaches the owner.
 */
export const msg = (key: string) => ({ error: key });

export const Id = z.number({ error: 'invalid_id' }).int('invalid_id').positive('invalid_id');
export type Id = z.infer<typeof Id>;

/** Money in minor units (fen / cents). Upper bound keeps typos like an extra three zeros out. */
export const MAX_AMOUNT_MINOR = 100_000_000; // 1,000,000.00 per sale
export const AmountMinor = z
  .number({ error: 'amount_invalid' })
  .int('amount_not_integer')
  .min(0, 'amount_negative')
  .max(MAX_AMOUNT_MINOR, 'amount_too_large');

/**
 * The business dates the app takes anywhere (as-of dates, price changes, follow-ups, birthdays,
 * imported sale dates): 1900-01-01 to 2999-12-31. Years such as 0001 or 9999 are typos, and date
 * arithmetic near the ends of the calendar (a year before 0001, a day after 9999-12-31) breaks.
 */
export const DATE_RANGE = { min: '1900-01-01', max: '2999-12-31' } as const;

/** Why `s` is not a business date (an i18n key under `error.field.`), or null when it is one. */
export function dateProblem(s: string): 'date_invalid' | 'date_out_of_range' | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return 'date_invalid';
  const d = new Date(s + 'T00:00:00Z');
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) return 'date_invalid';
  return s >= DATE_RANGE.min && s <= DATE_RANGE.max ? null : 'date_out_of_range';
}

/** A real calendar date as YYYY-MM-DD (2024-02-30 is refused) inside DATE_RANGE: the one date schema of every input. */
export const IsoDate = z.string({ error: 'date_invalid' }).superRefine((s, ctx) => {
  const problem = dateProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const Channel = z.enum(['sms', 'phone', 'wechat', 'email']);
export type Channel = z.infer<typeof Channel>;
export const CHANNELS = Channel.options;

export const Locale = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof Locale>;

export const Page = z.strictObject({
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

/**
 * Characters that never belong in a name or a note: C0 controls other than tab, line feed and
 * carriage return (NUL, BEL, ESC…), DEL, C1 controls, and UTF-16 surrogates without their pair
 * (which SQLite would store as broken UTF-8). Emoji (with their joiners), right-to-left text and
 * its marks, and Chinese are text and stay.
 */
const NOT_TEXT =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// eslint-disable-next-line no-control-regex -- every character cleanText may change, and nothing else
const NOTHING_TO_CLEAN = /^[^\u0000-\u001F\u007F-\u009F\u2028\u2029\uD800-\uDFFF]*$/;

/**
 * Free text as stored: NOT_TEXT removed; a multi-line field (notes) keeps its line breaks as `\n`,
 * a single-line one (names, tags) gets a space for each line break; tabs become spaces.
 */
export function cleanText(s: string, lines: 'single' | 'multi' = 'single'): string {
  // Nearly every text has none of what is cleaned (control characters, line breaks, tabs,
  // surrogates): one test, no copies (an import cleans millions of cells).
  if (NOTHING_TO_CLEAN.test(s)) return s;
  const t = s.replace(NOT_TEXT, '');
  return lines === 'multi'
    ? t.replace(/\r\n?|[\u2028\u2029]/g, '\n').replace(/\t/g, ' ')
    : t.replace(/\r\n?|[\n\t\u2028\u2029]/g, ' ');
}

/**
 * A trimmed, non-empty, bounded text, cleaned by `cleanText`: the one schema of every free text
 * input (with OptionalText); `lines: 'multi'` where the field is multi-line, like notes.
 */
export const Text = (max: number, emptyKey = 'required', lines: 'single' | 'multi' = 'single') =>
  z
    .string({ error: emptyKey })
    .overwrite((s) => cleanText(s, lines))
    .trim()
    .min(1, emptyKey)
    .max(max, 'too_long');
export const OptionalText = (max: number, lines: 'single' | 'multi' = 'single') =>
  z
    .string()
    .overwrite((s) => cleanText(s, lines))
    .trim()
    .max(max, 'too_long');

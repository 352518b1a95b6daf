/**
 * Money is kept in integer minor units. These helpers convert at the edges only: what the owner
 * types, and what a screen shows.
 */
export const MINOR_PER_MAJOR = 100;

/** Why typed money was refused; `negative` is told apart so an import can say a refund is not a sale. */
export type AmountProblem = 'empty' | 'invalid' | 'negative' | 'too_large';
export type AmountParse = { ok: true; minor: number } | { ok: false; problem: AmountProblem };

// Currency signs and words an owner or another system writes around the number.
const CURRENCY = /^(?:[¥$€£]|元|RMB|CNY|USD)|(?:[¥$€£]|元|RMB|CNY|USD)$/i;

/** Digits with at most two decimals and nothing else: read without the steps below. */
const PLAIN = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/**
 * Money as typed: a point before at most two decimals, and a comma only as a thousands separator
 * in groups of three ("1,234.50"), with an optional currency sign or word ("¥1,280", "128元",
 * "RMB 10"). Full-width digits, point and comma from a Chinese input method count as their ASCII
 * forms (NFKC). Anything else is refused, never guessed: "12,5" (a decimal comma) and "12 5" are
 * not 125. `extraZeros` accepts zeros after the cents ("12.5000"), as spreadsheets export them.
 */
export function parseAmount(text: string, opts: { extraZeros?: boolean } = {}): AmountParse {
  // Plain digits with at most two decimals (what a file's million rows mostly are) mean the same
  // under every step below: read them at once.
  const plain = PLAIN.exec(text);
  if (plain) return { ok: true, minor: Number(plain[1]) * MINOR_PER_MAJOR + Number(((plain[2] ?? '') + '00').slice(0, 2)) };
  let s = text
    .normalize('NFKC')
    .replace(/\u00a0/g, ' ')
    .trim();
  for (let i = 0; i < 2; i++) s = s.replace(CURRENCY, '').trim();
  if (!s) return { ok: false, problem: 'empty' };
  if (/^\(.*\)$/.test(s) || /^[-\u2212]/.test(s)) return { ok: false, problem: 'negative' };
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return { ok: false, problem: 'invalid' };
  const frac = opts.extraZeros ? m[2]?.replace(/(?<=^\d{2})0+$/, '') : m[2];
  if (frac !== undefined && frac.length > 2) return { ok: false, problem: 'invalid' };
  const minor = Number(m[1]!.replace(/,/g, '')) * MINOR_PER_MAJOR + Number(((frac ?? '') + '00').slice(0, 2));
  return Number.isSafeInteger(minor) ? { ok: true, minor } : { ok: false, problem: 'too_large' };
}

/** parseAmount for a form field: minor units, or null for anything that is not an amount. */
export function parseAmountToMinor(text: string): number | null {
  const r = parseAmount(text);
  return r.ok ? r.minor : null;
}

export function minorToMajorString(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / MINOR_PER_MAJOR)}.${String(abs % MINOR_PER_MAJOR).padStart(2, '0')}`;
}

/**
 * Money in the shop's one currency, with the short sign it writes on its price tags: ¥ rather than
 * "CN¥" in English, $ rather than "US$" in Chinese (a shop keeps one currency, so the short sign
 * is never ambiguous within it; Intl may still differ by language for some, e.g. NT$ in Chinese).
 */
export function moneyFormat(locale: string, currency: string): Intl.NumberFormat {
  return new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' });
}

export function formatMoney(minor: number, currency: string, locale: string): string {
  return moneyFormat(locale, currency).format(minor / MINOR_PER_MAJOR);
}

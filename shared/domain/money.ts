/**
 * Money is kept in integer minor units. These helpers convert at the edges only: what the owner
 * types, and what a screen shows.
 */
export const MINOR_PER_MAJOR = 100;

/** Parses "128", "128.5", "¥1,280.00", "1 280,50"? (no: comma is a thousands separator) into minor units. */
export function parseAmountToMinor(text: string): number | null {
  // NFKC: full-width digits and the full-width point typed in a Chinese input method count too.
  const cleaned = text
    .normalize('NFKC')
    .trim()
    .replace(/[¥￥$€£,\s]|元|RMB|CNY/gi, '');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole, frac = ''] = cleaned.split('.');
  const minor = Number(whole) * MINOR_PER_MAJOR + Number((frac + '00').slice(0, 2));
  return Number.isSafeInteger(minor) ? minor : null;
}

export function minorToMajorString(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / MINOR_PER_MAJOR)}.${String(abs % MINOR_PER_MAJOR).padStart(2, '0')}`;
}

export function formatMoney(minor: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / MINOR_PER_MAJOR);
}

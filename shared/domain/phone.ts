import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/**
 * Phone numbers are stored in E.164 (+8613912345678). Owners type them any way they like:
 * "139 1234 5678", "+86-139-1234-5678", "0086 13912345678". Mainland China is the default country.
 * Returns null when the input is not a valid number (full metadata: a mainland mobile has 11 digits).
 */
export function normalizePhone(input: string, defaultCountry: CountryCode = 'CN'): string | null {
  // NFKC turns full-width digits (typed in a Chinese input method's full-width mode) into 0-9.
  const cleaned = input
    .normalize('NFKC')
    .trim()
    .replace(/^00/, '+')
    .replace(/[\s\-().\u3000]/g, '');
  if (!/^\+?\d{5,16}$/.test(cleaned)) return null;
  const parsed = parsePhoneNumberFromString(cleaned, defaultCountry);
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}

/** Shows a stored E.164 number the local way: national form at home, international abroad. */
export function formatPhone(e164: string | null | undefined, homeCountry: CountryCode = 'CN'): string {
  if (!e164) return '';
  // Fast path for the common case, a mainland mobile (same 3-4-4 grouping the library gives):
  // lists and exports format a hundred thousand of these at a time.
  if (homeCountry === 'CN' && /^\+861\d{10}$/.test(e164)) return `${e164.slice(3, 6)} ${e164.slice(6, 10)} ${e164.slice(10)}`;
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === homeCountry ? parsed.formatNational() : parsed.formatInternational();
}

/** Digits of the phone reversed, so "last 4 digits" becomes an indexable prefix search. */
export function reversedDigits(e164: string | null): string | null {
  if (!e164) return null;
  return e164.replace(/\D/g, '').split('').reverse().join('');
}

/**
 * The digits of a search box entry when it looks like (part of) a phone number typed any usual way —
 * "139 1234 5678", "(139) 1234-5678", "139.1234.5678", "+86 139…", "0086 139…" — or null when it has
 * anything else in it. The international "00" prefix is dropped so the digits match a stored E.164
 * number from its end.
 */
export function phoneQueryDigits(text: string): string | null {
  const compact = text
    .normalize('NFKC')
    .trim()
    .replace(/[\s\-+().\u3000]/g, '');
  if (!/^\d+$/.test(compact)) return null;
  return compact.startsWith('00') && compact.length > 9 ? compact.slice(2) : compact;
}

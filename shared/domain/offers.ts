/**
 * Offers the counter recognises (issue 17): the code's alphabet and the discount rule. Pure; the
 * random codes are drawn in main/services/offers.ts.
 */

/**
 * The characters of an offer code: digits and capital letters without the ones read or typed as
 * another — 0/O/D/Q, 1/I/L/J, 2/Z, 5/S, 8/B, U/V — so a code read out on the phone, copied from a
 * printed call sheet or typed from an SMS cannot be mistaken. 20 characters.
 */
export const OFFER_CODE_ALPHABET = '34679ACEFGHKMNPRTWXY';

/**
 * Seven characters: 20^7 ≈ 1.3 billion codes, so a shop's few thousand offers are found by typing
 * alone and a guessed code is almost never one (and would still have to be the customer's own).
 * Short enough to read out and type at the counter.
 */
export const OFFER_CODE_LENGTH = 7;

export const OFFER_KINDS = ['amount_off', 'percent_off'] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];

export const OFFER_STATUSES = ['open', 'redeemed', 'expired'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/** Why a code is refused at the counter (i18n keys under `error.field.`). */
export const OFFER_PROBLEMS = [
  'offer_unknown',
  'offer_used',
  'offer_expired',
  'offer_other_customer',
  'offer_needs_customer',
  'offer_min_spend',
] as const;
export type OfferProblem = (typeof OFFER_PROBLEMS)[number];

/** A code as typed or scanned: spaces and dashes dropped, lower case raised. */
export function normalizeOfferCode(typed: string): string {
  return typed.replace(/[\s\-_]/g, '').toUpperCase();
}

/** Whether a (normalised) text could be an offer code at all. */
export function looksLikeOfferCode(code: string): boolean {
  return code.length === OFFER_CODE_LENGTH && [...code].every((c) => OFFER_CODE_ALPHABET.includes(c));
}

/**
 * The money an offer takes off a sale of `amountMinor` (before the offer): money off up to the
 * amount itself; a percentage rounded to the nearest minor unit (half up), never more than the amount.
 */
export function offerDiscountMinor(kind: OfferKind, value: number, amountMinor: number): number {
  const off = kind === 'amount_off' ? value : Math.round((amountMinor * value) / 100);
  return Math.max(0, Math.min(off, amountMinor));
}

/** Open, redeemed (a sale holds it) or expired (its last day is before `today`). */
export function offerStatus(o: { saleId: number | null; expiresOn: string | null }, today: string): OfferStatus {
  if (o.saleId !== null) return 'redeemed';
  return o.expiresOn !== null && o.expiresOn < today ? 'expired' : 'open';
}

/** What an offer's words need; `text` looks up an `offers.*` text and fills its {{variables}}. */
export interface OfferWords {
  text: (
    key: 'offers.terms.amount_off' | 'offers.terms.percent_off' | 'offers.terms.minSpend' | 'offers.terms.until' | 'offers.line',
    vars: Record<string, string>,
  ) => string;
  money: (minor: number) => string;
  day: (iso: string) => string;
}

interface OfferTermsInput {
  kind: OfferKind;
  value: number;
  minSpendMinor: number;
  expiresOn: string | null;
}

/** "¥20 off on a spend of ¥100 or more" / "满¥100立减¥20". */
export function offerTerms(o: OfferTermsInput, w: OfferWords): string {
  const terms =
    o.kind === 'amount_off'
      ? w.text('offers.terms.amount_off', { amount: w.money(o.value) })
      : w.text('offers.terms.percent_off', { percent: String(o.value) });
  return o.minSpendMinor > 0 ? w.text('offers.terms.minSpend', { terms, min: w.money(o.minSpendMinor) }) : terms;
}

/** The offer's sentence for a message or a call sheet: "Offer code K7PQ2MX: ¥20 off, until 5 Jan 2027." */
export function offerLine(o: OfferTermsInput & { code: string }, w: OfferWords): string {
  const until = o.expiresOn ? w.text('offers.terms.until', { date: w.day(o.expiresOn) }) : '';
  return w.text('offers.line', { code: o.code, terms: offerTerms(o, w), until });
}

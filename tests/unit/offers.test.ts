import { describe, expect, it } from 'vitest';
import {
  OFFER_CODE_ALPHABET,
  looksLikeOfferCode,
  normalizeOfferCode,
  offerDiscountMinor,
  offerStatus,
} from '../../shared/domain/offers';
import { suggestMessage, unknownVariables } from '../../shared/domain/messages';

describe('offer codes', () => {
  it('has no look-alike characters', () => {
    for (const ch of '0O1ILDQJ2Z5S8BUV') expect(OFFER_CODE_ALPHABET).not.toContain(ch);
  });
  it.each([
    ['k7p-q3mx', 'K7PQ3MX'],
    [' K7P Q3MX ', 'K7PQ3MX'],
  ])('normalises %j to %s', (typed, code) => expect(normalizeOfferCode(typed)).toBe(code));
  it.each([
    ['AC3479T', true],
    ['AC3479', false],
    ['AC3470T', false],
  ])('%s looks like a code: %s', (code, ok) => expect(looksLikeOfferCode(code)).toBe(ok));
});

describe('offer rules', () => {
  it.each([
    ['amount_off', 2000, 15_000, 2000],
    ['amount_off', 2000, 1500, 1500],
    ['percent_off', 20, 12_345, 2469],
    ['percent_off', 15, 999, 150],
    ['percent_off', 100, 999, 999],
  ] as const)('%s %i on %i takes %i off', (kind, value, amount, off) =>
    expect(offerDiscountMinor(kind, value, amount)).toBe(off),
  );

  it.each([
    [{ saleId: 3, expiresOn: '2026-03-01' }, 'redeemed'],
    [{ saleId: null, expiresOn: '2026-03-10' }, 'open'],
    [{ saleId: null, expiresOn: '2026-03-09' }, 'expired'],
    [{ saleId: null, expiresOn: null }, 'open'],
  ])('%j on 2026-03-10 is %s', (o, status) => expect(offerStatus(o, '2026-03-10')).toBe(status));
});

describe('the {{offer}} variable', () => {
  const defaults = () => 'Hello {{name}}, {{shop}} here.{{offer}}';
  it('is a known variable', () => expect(unknownVariables('{{name}} {{offer}}')).toEqual([]));
  it('is filled with the offer, or left out with its space', () => {
    const own = { lapsed: 'Hi {{name}}. {{offer}} See you, {{shop}}' };
    expect(suggestMessage('lapsed', own, defaults, { name: 'Ada', shop: 'Deli', offer: 'Code K7PQ3MX: ¥20 off.' })).toBe(
      'Hi Ada. Code K7PQ3MX: ¥20 off. See you, Deli',
    );
    expect(suggestMessage('lapsed', own, defaults, { name: 'Ada', shop: 'Deli' })).toBe('Hi Ada. See you, Deli');
  });
  it('goes at the end of a text that has no place for it', () => {
    const own = { lapsed: 'Hi {{name}}.' };
    expect(suggestMessage('lapsed', own, defaults, { name: 'Ada', shop: 'Deli', offer: 'Code K7PQ3MX.' })).toBe(
      'Hi Ada. Code K7PQ3MX.',
    );
  });
});

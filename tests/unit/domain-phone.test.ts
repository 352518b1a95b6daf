import { describe, expect, it } from 'vitest';
import { formatPhone, normalizePhone, reversedDigits } from '../../shared/domain/phone';

describe('normalizePhone', () => {
  it.each([
    ['139 1234 5678', '+8613912345678'],
    ['+86-139-1234-5678', '+8613912345678'],
    ['0086 13912345678', '+8613912345678'],
    ['13912345678', '+8613912345678'],
    ['+86 139 1234 5678 ', '+8613912345678'],
    ['(139) 1234-5678', '+8613912345678'],
    ['139.1234.5678', '+8613912345678'],
    ['\u300013912345678', '+8613912345678'], // ideographic space from a Chinese IME
    ['010-65529988', '+861065529988'], // Beijing landline
    ['(010) 6552 9988', '+861065529988'],
    ['+1 212 555 0123', '+12125550123'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+852 9123 4567', '+85291234567'],
  ])('%j → %s', (typed, e164) => {
    expect(normalizePhone(typed)).toBe(e164);
  });

  it.each([
    ['12345'],
    ['abc'],
    ['+1 555'],
    [''],
    ['   '],
    ['139-1234-abcd'],
    ['+'],
    ['0000000000'],
    ['1'.repeat(20)],
    ['+86 139 1234 5678 ext 5'],
  ])('%j → null', (typed) => {
    expect(normalizePhone(typed)).toBeNull();
  });

  // A mainland mobile number has exactly 11 digits: one digit too few or too many is a typo, not a
  // plausible phone number, and must not be stored (it would also defeat the duplicate check).
  it.each([['1391234567'], ['139123456789'], ['00861391234567']])('a mistyped mainland mobile %j → null', (typed) => {
    expect(normalizePhone(typed)).toBeNull();
  });

  // Chinese input methods in full-width mode type ０-９; the counter's search already folds them (NFKC).
  it('accepts full-width digits', () => {
    expect(normalizePhone('１３９１２３４５６７８')).toBe('+8613912345678');
  });

  it('is idempotent on its own output', () => {
    for (const e164 of ['+8613912345678', '+861065529988', '+12125550123']) expect(normalizePhone(e164)).toBe(e164);
  });

  it('uses the given default country for national numbers', () => {
    expect(normalizePhone('(212) 555-0123', 'US')).toBe('+12125550123');
    expect(normalizePhone('9123 4567', 'HK')).toBe('+85291234567');
  });
});

describe('formatPhone', () => {
  it.each([
    ['+8613912345678', 'CN', '139 1234 5678'],
    ['+861065529988', 'CN', '010 6552 9988'],
    ['+12125550123', 'CN', '+1 212 555 0123'],
    ['+85291234567', 'CN', '+852 9123 4567'],
    ['+8613912345678', 'US', '+86 139 1234 5678'],
    ['+12125550123', 'US', '(212) 555-0123'],
    [null, 'CN', ''],
    [undefined, 'CN', ''],
    ['', 'CN', ''],
  ] as const)('%s at home in %s → %j', (e164, home, shown) => {
    expect(formatPhone(e164, home)).toBe(shown);
  });

  it('round-trips through normalizePhone', () => {
    for (const e164 of ['+8613912345678', '+861065529988', '+12125550123', '+85291234567'])
      expect(normalizePhone(formatPhone(e164))).toBe(e164);
  });
});

describe('reversedDigits', () => {
  it.each([
    ['+8613912345678', '8765432193168'],
    ['+12125550123', '32105552121'],
    [null, null],
    ['', null],
  ])('%s → %s', (e164, rev) => {
    expect(reversedDigits(e164)).toBe(rev);
  });

  it('turns "last N digits" into a prefix', () => {
    const rev = reversedDigits('+8613912345678')!;
    for (const tail of ['678', '5678', '12345678']) expect(rev.startsWith(tail.split('').reverse().join(''))).toBe(true);
  });
});

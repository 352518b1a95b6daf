import { describe, expect, it } from 'vitest';
import { fillMessage, messageKindFor, suggestMessage, unknownVariables } from '../../shared/domain/messages';

describe('suggested messages', () => {
  it.each([
    ['Hello {{name}} from {{shop}}', []],
    ['Hello {{ name }}', []],
    ['Hello {{nmae}} and {{offer_code}}', ['nmae', 'offer_code']],
    ['no variables', []],
    ['{{}}', ['']],
  ])('unknown variables in %j: %j', (text, unknown) => {
    expect(unknownVariables(text)).toEqual(unknown);
  });

  it('fills the known variables and leaves others as written', () => {
    expect(fillMessage('{{name}}, {{ shop }} {{x}}', { name: '王芳', shop: '小店' })).toBe('王芳, 小店 {{x}}');
  });

  it.each([
    [{ task: 'complaint_acknowledge', tier: null, reason: null }, 'complaint_apology'],
    [{ task: 'complaint_resolve', tier: 'key', reason: null }, 'complaint_apology'],
    [{ task: 'complaint_follow_up', tier: 'key', reason: null }, 'complaint_follow_up'],
    [{ task: 'introduce_contact', tier: 'key', reason: null }, 'introduce_contact'],
    [{ task: 'winback_contact', tier: 'key', reason: null }, 'lapsed_key'],
    [{ task: 'winback_contact', tier: 'main', reason: null }, 'lapsed'],
    [{ task: 'winback_contact', tier: 'key', reason: null, priceSensitive: true }, 'price_leaver'],
    [{ task: 'winback_follow_up', tier: 'main', reason: 'price' }, 'price_leaver'],
    [{ task: 'winback_follow_up', tier: 'main', reason: 'competitor' }, 'price_leaver'],
    [{ task: 'winback_follow_up', tier: 'main', reason: 'service' }, 'winback_follow_up'],
    [{ task: 'winback_follow_up', tier: 'key', reason: null }, 'lapsed_key'],
  ] as const)('%j → %s', (input, kind) => {
    expect(messageKindFor(input)).toBe(kind);
  });

  it("uses the owner's text when set, else the default", () => {
    const defaults = () => 'Hi {{name}}';
    expect(suggestMessage('lapsed', null, defaults, { name: 'Ada', shop: 'S' })).toBe('Hi Ada');
    expect(suggestMessage('lapsed', { lapsed: '{{shop}} misses {{name}}' }, defaults, { name: 'Ada', shop: 'S' })).toBe(
      'S misses Ada',
    );
    expect(suggestMessage('lapsed', { lapsed: '  ' }, defaults, { name: 'Ada', shop: 'S' })).toBe('Hi Ada');
  });
});

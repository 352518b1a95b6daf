import { afterEach, describe, expect, it } from 'vitest';
import { cleanupAll, makeCtx, ok } from '../helpers/db';
import { readCards } from '../helpers/vcard';
import { escapeText, foldLine } from '../../main/services/export/vcard';

afterEach(cleanupAll);

const NAMES = [
  'http://shop.example/张三',
  '李四, "Jr"; 小李',
  'back\\slash: a:b',
  '<script>alert(1)</script>王\u202e芳👩‍👧',
  `${'长'.repeat(40)}🧧 a very long name that has to be folded`,
];

describe('vCard export', () => {
  it.each([
    ['3.0', '+8613912340000'],
    ['4.0', 'tel:+8613912340000'],
  ])(
    'vCard %s: a real vCard parser reads every name, phone and tag back exactly (colons not escaped)',
    async (vcardVersion, tel) => {
      const { ctx } = makeCtx();
      for (const [i, name] of NAMES.entries())
        await ok(ctx, 'customers.create', {
          name,
          phone: `1391234000${i}`,
          tags: ['VIP', 'a,b: c'],
          consent: { phone: true },
        });
      const r = await ok<{ base64: string }>(ctx, 'exports.contacts', {
        segment: 'all',
        channel: 'phone',
        format: 'vcf',
        vcardVersion,
      });
      const text = Buffer.from(r.base64, 'base64').toString('utf8');
      expect(text).not.toContain('\\:');
      for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      const cards = readCards(text);
      expect(cards.map((c) => c.fn).sort()).toEqual([...NAMES].sort());
      expect(cards.map((c) => c.tel)).toContain(tel);
      for (const c of cards) expect(c.categories.sort()).toEqual(['VIP', 'a,b: c']);
    },
  );

  it('escapes as RFC 6350 §3.4 says: backslash, comma, newline; semicolon only in compound values', () => {
    expect(escapeText('a\\b,c;d:e\nf')).toBe('a\\\\b\\,c;d:e\\nf');
    expect(escapeText('family;given', true)).toBe('family\\;given');
    const folded = foldLine(`FN:${'长'.repeat(30)}`);
    expect(folded.split('\r\n ').join('')).toBe(`FN:${'长'.repeat(30)}`);
    for (const l of folded.split('\r\n')) expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
  });
});

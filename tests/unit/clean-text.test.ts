import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanText } from '../../shared/schemas/common';

/**
 * cleanText's one-test fast path (text with nothing to clean comes back as it is) must give what the
 * cleaning itself gives, for every text: the same replacements written out here once more.
 */
function reference(s: string, lines: 'single' | 'multi'): string {
  const t = s.replace(
    // eslint-disable-next-line no-control-regex -- the characters cleanText removes
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '',
  );
  return lines === 'multi'
    ? t.replace(/\r\n?|[\u2028\u2029]/g, '\n').replace(/\t/g, ' ')
    : t.replace(/\r\n?|[\n\t\u2028\u2029]/g, ' ');
}

// Characters from every class cleanText treats apart, and ordinary text around them.
const tricky = fc.constantFrom(
  'a',
  '王',
  '😀',
  '\u200d',
  '\u202e',
  ' ',
  '\u0000',
  '\u0007',
  '\t',
  '\n',
  '\r',
  '\u000b',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u009f',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\ud83d',
  '\ude00',
  '\ufeff',
);

describe('cleanText', () => {
  it('gives what the full cleaning gives, with and without anything to clean', () => {
    fc.assert(
      fc.property(
        fc.array(tricky, { maxLength: 12 }).map((a) => a.join('')),
        fc.constantFrom('single', 'multi'),
        (s, lines) => {
          expect(cleanText(s, lines as 'single' | 'multi')).toBe(reference(s, lines as 'single' | 'multi'));
        },
      ),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        expect(cleanText(s)).toBe(reference(s, 'single'));
      }),
    );
    // about a second alone; 5,000 runs on a machine busy with other suites can take several
  }, 30_000);

  it('keeps plain text as it is and cleans what is not text', () => {
    expect(cleanText('王小明 Ann 😀')).toBe('王小明 Ann 😀');
    expect(cleanText('a\u0000b\tc\r\nd')).toBe('ab c d');
    expect(cleanText('line 1\r\nline 2\u2028x\ty', 'multi')).toBe('line 1\nline 2\nx y');
    expect(cleanText('\ud83d lone')).toBe(' lone');
  });
});

import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { parseCsv, readTable } from '../../main/services/import/table';

const rows = (n: number, sep: string) =>
  ['customer_id', 'date', 'amount', 'note'].join(sep) +
  '\n' +
  Array.from({ length: n }, (_, i) => [`C${i}`, '2026-03-01', `${i}.50`, `note ${i}`].join(sep)).join('\n');

describe('reading a CSV', () => {
  it('guesses the delimiter from the start of a file much longer than what it looks at, and reads every row with it', () => {
    for (const sep of [',', '\t', ';', '|']) {
      const text = rows(20_000, sep);
      expect(text.length).toBeGreaterThan(300_000);
      const t = parseCsv(text);
      expect(t.delimiter).toBe(sep);
      expect(t.headers).toEqual(['customer_id', 'date', 'amount', 'note']);
      expect(t.rows).toHaveLength(20_000);
      expect(t.rows[19_999]).toEqual(['C19999', '2026-03-01', '19999.50', 'note 19999']);
    }
  });

  it('reads as Papa does when it guesses from the whole file: quoted delimiters and line breaks, a long quoted first row', () => {
    const long = 'x'.repeat(70_000);
    const text = `name;note;amount\n"Li; Wei";"${long}";12\n"Wang";"two\nlines; here";3\n`;
    const t = parseCsv(text);
    const whole = Papa.parse<string[]>(text, { delimiter: '', skipEmptyLines: 'greedy' });
    expect(t.delimiter).toBe(whole.meta.delimiter);
    expect([t.headers, ...t.rows]).toEqual(whole.data);
    expect(t.rows[1]).toEqual(['Wang', 'two\nlines; here', '3']);
  });

  it('says whether the decoded text holds replacement characters (the check looks for undecodable cells only then)', async () => {
    const clean = await readTable(new TextEncoder().encode('name,amount\n王芳,12\n'));
    expect(clean.replacements).toBe(false);
    const broken = await readTable(new TextEncoder().encode('name,amount\n\uFFFD芳,12\n'), 'utf8');
    expect(broken.replacements).toBe(true);
  });
});

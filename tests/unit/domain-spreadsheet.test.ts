import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { csvText, neutraliseCell } from '../../shared/domain/spreadsheet';
import { problemsCsv } from '../../renderer/screens/data/problems-csv';

const ROOT = path.resolve(__dirname, '../..');

describe('neutraliseCell', () => {
  it.each([
    ['=HYPERLINK("http://x","click")', '\'=HYPERLINK("http://x","click")'],
    ['+8613912345678', "'+8613912345678"],
    ['-1+2', "'-1+2"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
    ['张三', '张三'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (cell, out) => {
    expect(neutraliseCell(cell)).toBe(out);
  });
});

describe('csvText, the one CSV writer', () => {
  it('writes one header row even with no rows, and neutralised cells a real parser reads back', () => {
    expect(Papa.parse(csvText(['name', 'note'], []), { skipEmptyLines: true }).data).toEqual([['name', 'note']]);
    const text = csvText(['name', 'note', 'n'], [['=HYPERLINK("http://x","y")', 'line one\r\nline "two", three', 3]]);
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([
      ['name', 'note', 'n'],
      ['\'=HYPERLINK("http://x","y")', 'line one\r\nline "two", three', '3'],
    ]);
  });

  it('the import problems download (renderer) goes through it', () => {
    const text = problemsCsv(
      [{ row: 2, column: 'name', reason: 'required', value: '=cmd|" /c calc"!A1' }],
      (r) => `reason ${r}`,
      ['行', '列', '原因', '内容'],
    );
    expect(Papa.parse<string[]>(text, { skipEmptyLines: true }).data).toEqual([
      ['行', '列', '原因', '内容'],
      ['2', 'name', 'reason required', '\'=cmd|" /c calc"!A1'],
    ]);
  });

  it('no other code writes CSV or .xlsx (Papa.unparse, an ExcelJS writer) around it', () => {
    const allowed = new Set(['shared/domain/spreadsheet.ts', 'main/services/export/formats.ts']);
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        const rel = `${dir}/${e.name}`;
        if (e.isDirectory()) walk(rel);
        else if (/\.(ts|tsx|mjs)$/.test(e.name) && !allowed.has(rel)) {
          const src = fs.readFileSync(path.join(ROOT, rel), 'utf8');
          if (/\.unparse\(|WorkbookWriter|\.xlsx\.write|\.csv\.write/.test(src)) offenders.push(rel);
        }
      }
    };
    for (const dir of ['main', 'renderer', 'shared']) walk(dir);
    expect(offenders).toEqual([]);
  });
});

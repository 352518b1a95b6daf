import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import { decodeText, isXlsx, type TextEncoding } from './decode';

export interface Table {
  encoding: TextEncoding;
  delimiter: string;
  headers: string[];
  /** data rows (header excluded), every cell as text */
  rows: string[][];
  /** rows that could not be read as records at all (1-based file line of the row, reason key) */
  broken: { row: number; reason: string }[];
}

/** Reads a CSV (any common delimiter, quoted fields with commas and newlines) or the first sheet of an .xlsx. */
export async function readTable(bytes: Uint8Array, encoding: 'auto' | TextEncoding = 'auto'): Promise<Table> {
  if (isXlsx(bytes)) return readXlsx(bytes);
  const { text, encoding: used } = decodeText(bytes, encoding);
  return { ...parseCsv(text), encoding: used };
}

export function parseCsv(text: string): Omit<Table, 'encoding'> {
  const parsed = Papa.parse<string[]>(text, { delimiter: '', skipEmptyLines: 'greedy', header: false, dynamicTyping: false });
  const data = parsed.data;
  const headers = (data[0] ?? []).map((h) => h.replace(/^\uFEFF/, '').trim());
  const broken: Table['broken'] = [];
  // Papa reports a quote left open (a truncated file) against the row it started in.
  for (const err of parsed.errors) {
    if (err.code === 'MissingQuotes' && err.row !== undefined) broken.push({ row: err.row + 1, reason: 'unclosed_quote' });
  }
  return { delimiter: parsed.meta.delimiter, headers, rows: data.slice(1).map((r) => r.map((c) => c ?? '')), broken };
}

async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  const all: string[][] = [];
  sheet?.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as unknown[];
    const cells: string[] = [];
    for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
    all.push(cells);
  });
  const width = all[0]?.length ?? 0;
  return {
    encoding: 'utf8',
    delimiter: 'xlsx',
    headers: (all[0] ?? []).map((h) => h.trim()),
    rows: all.slice(1).map((r) => (r.length < width ? [...r, ...Array<string>(width - r.length).fill('')] : r)),
    broken: [],
  };
}

/** Excel cells as the text a CSV would hold; dates become ISO dates, numbers plain digits. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date)
    return v
      .toISOString()
      .slice(0, 19)
      .replace('T', ' ')
      .replace(/ 00:00:00$/, '');
  if (typeof v === 'object') {
    const o = v as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if (o.result !== undefined) return cellText(o.result);
    if (o.text !== undefined) return String(o.text);
    return '';
  }
  return String(v);
}

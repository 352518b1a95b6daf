import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import { bothReadings, decodeText, isXlsx, type TextEncoding } from './decode';
import { checkXlsxLimits, MAX_XLSX_ROWS, xlsxRefused } from './xlsx-limits';

export interface Table {
  encoding: TextEncoding;
  delimiter: string;
  headers: string[];
  /** data rows (header excluded), every cell as text */
  rows: string[][];
  /** rows that could not be read as records at all (1-based file line of the row, reason key) */
  broken: { row: number; reason: string }[];
  /** set when the encoding could not be told (read "mixed"): where the two readings differ */
  doubt: EncodingDoubt | null;
  /** whether any cell may hold U+FFFD (bytes the decoder could not read): false lets the check skip looking */
  replacements: boolean;
}

export interface EncodingDoubt {
  /** cells that are not valid UTF-8 */
  notUtf8: number;
  /** a sample of cells the two readings give differently, the ones UTF-8 cannot read first */
  samples: { row: number; column: string; utf8: string; gb18030: string }[];
}

const DOUBT_SAMPLES = 5;

/** Reads a CSV (any common delimiter, quoted fields with commas and newlines) or the first sheet of an .xlsx. */
export async function readTable(bytes: Uint8Array, encoding: 'auto' | TextEncoding = 'auto'): Promise<Table> {
  if (isXlsx(bytes)) return readXlsx(bytes);
  if (looksBinary(bytes)) throw xlsxRefused('not_a_table');
  const { text, encoding: used, ambiguous } = decodeText(bytes, encoding);
  const table = parseCsv(text);
  return {
    ...table,
    encoding: used,
    doubt: ambiguous ? doubtOf(bytes, table.headers) : null,
    replacements: text.includes('\uFFFD'),
  };
}

/** How files that are not text tables begin: PNG, JPEG, GIF, PDF, an old .xls or .doc (OLE2), UTF-16 text. */
const NOT_TEXT = [
  [0x89, 0x50, 0x4e, 0x47],
  [0xff, 0xd8, 0xff],
  [0x47, 0x49, 0x46, 0x38],
  [0x25, 0x50, 0x44, 0x46],
  [0xd0, 0xcf, 0x11, 0xe0],
  [0xff, 0xfe],
  [0xfe, 0xff],
];

/**
 * A picture, a PDF, an old .xls or Word file, or Excel's "Unicode text" (UTF-16) rather than a
 * table in UTF-8 or GB18030: known by how it begins, or by NUL bytes in more than one in twenty of
 * its first bytes (UTF-16 without a mark has one in every other; a till's export with a stray NUL
 * in a cell is still a table, and the cell is cleaned).
 */
function looksBinary(bytes: Uint8Array): boolean {
  if (NOT_TEXT.some((m) => m.every((b, i) => bytes[i] === b))) return true;
  const head = bytes.subarray(0, 8192);
  let nul = 0;
  for (const b of head) if (b === 0) nul++;
  return nul * 20 > head.length;
}

/** Reads the file both ways and lists cells where the readings differ (same cuts in both, see decode.ts). */
function doubtOf(bytes: Uint8Array, headers: string[]): EncodingDoubt {
  const both = bothReadings(bytes);
  const u = Papa.parse<string[]>(both.utf8, { delimiter: '', skipEmptyLines: 'greedy' }).data;
  const g = Papa.parse<string[]>(both.gb18030, { delimiter: '', skipEmptyLines: 'greedy' }).data;
  const broken: EncodingDoubt['samples'] = [];
  const other: EncodingDoubt['samples'] = [];
  let notUtf8 = 0;
  for (let r = 0; r < Math.min(u.length, g.length); r++) {
    const ur = u[r]!;
    const gr = g[r]!;
    for (let c = 0; c < Math.min(ur.length, gr.length); c++) {
      if (ur[c] === gr[c]) continue;
      const cell = { row: r + 1, column: headers[c] ?? String(c + 1), utf8: ur[c]!, gb18030: gr[c]! };
      if (cell.utf8.includes('\uFFFD')) {
        notUtf8++;
        if (broken.length < DOUBT_SAMPLES) broken.push(cell);
      } else if (other.length < DOUBT_SAMPLES) other.push(cell);
    }
  }
  return { notUtf8, samples: [...broken, ...other] };
}

/**
 * How much of the file's start the delimiter is guessed from: Papa guesses from the first ten rows,
 * but splits the whole text into lines for each of the six delimiters it tries (a third of a second
 * for a million rows); ten rows of any real file fit in this.
 */
const GUESS_CHARS = 65_536;

export function parseCsv(text: string): Omit<Table, 'encoding' | 'doubt' | 'replacements'> {
  const delimiter = Papa.parse<string[]>(text.slice(0, GUESS_CHARS), { delimiter: '', preview: 10 }).meta.delimiter;
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: 'greedy', header: false, dynamicTyping: false });
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
  await checkXlsxLimits(bytes);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    // a zip that is no workbook, or a workbook ExcelJS cannot make sense of: the file, not the app
    throw xlsxRefused('xlsx_unreadable');
  }
  const sheet = wb.worksheets[0];
  if ((sheet?.rowCount ?? 0) > MAX_XLSX_ROWS) throw xlsxRefused('xlsx_too_many_rows', { limitRows: MAX_XLSX_ROWS });
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
    doubt: null,
    replacements: true,
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

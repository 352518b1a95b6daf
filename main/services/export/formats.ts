import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvText, neutraliseCell } from '../../../shared/domain/spreadsheet';

import { MINOR_PER_MAJOR, minorToMajorString } from '../../../shared/domain/money';

/** A cell: text, a count, or money in minor units (`{ minor }`). */
export type Cell = string | number | { minor: number };

export interface Sheet {
  headers: string[];
  rows: Cell[][];
}

/** Money as the major-unit string (1280.50), counts as digits, text as it is. */
const csvCell = (c: Cell): string => (typeof c === 'object' ? minorToMajorString(c.minor) : String(c));

/** UTF-8 with BOM so Excel opens Chinese text correctly; CRLF line ends; every cell neutralised (csvText). */
export function toCsv(sheet: Sheet): Buffer {
  const text = csvText(
    sheet.headers,
    sheet.rows.map((r) => r.map(csvCell)),
  );
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text + '\r\n', 'utf8')]);
}

/**
 * Written with ExcelJS's streaming writer (rows are committed as they go). Counts are number cells,
 * money a number cell with two decimals (numFmt 0.00), so Excel sums and sorts them; text is a
 * text cell (a phone number must not become a number), each neutralised, so nothing becomes a formula.
 */
export async function toXlsx(sheet: Sheet, sheetName: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'Regulars';
  const ws = wb.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = sheet.headers.map((h) => ({ header: neutraliseCell(h), width: 16 }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for (const r of sheet.rows) {
    const row = ws.addRow(
      r.map((c) => (typeof c === 'object' ? c.minor / MINOR_PER_MAJOR : typeof c === 'number' ? c : neutraliseCell(c))),
    );
    r.forEach((c, i) => {
      row.getCell(i + 1).numFmt = typeof c === 'object' ? '0.00' : typeof c === 'number' ? '0' : '@';
    });
    row.commit();
  }
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

/** vCard is written by hand (RFC 6350 escaping, no escaped colons): see vcard.ts. */
export { toVcf, type VCardContact, type VCardVersion } from './vcard';

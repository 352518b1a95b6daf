import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvText, neutraliseCell } from '../../../shared/domain/spreadsheet';

export interface Sheet {
  headers: string[];
  rows: string[][];
}

/** UTF-8 with BOM so Excel opens Chinese text correctly; CRLF line ends; every cell neutralised (csvText). */
export function toCsv(sheet: Sheet): Buffer {
  const text = csvText(sheet.headers, sheet.rows);
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text + '\r\n', 'utf8')]);
}

/** Written with ExcelJS's streaming writer (rows are committed as they go), as text cells only, each neutralised. */
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
  // Text format: a phone number must not become a number, and nothing becomes a formula.
  ws.columns = sheet.headers.map((h) => ({ header: neutraliseCell(h), width: 16, style: { numFmt: '@' } }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for (const r of sheet.rows) ws.addRow(r.map(neutraliseCell)).commit();
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

/** vCard is written by hand (RFC 6350 escaping, no escaped colons): see vcard.ts. */
export { toVcf, type VCardContact } from './vcard';

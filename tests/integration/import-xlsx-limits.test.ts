import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { tempShops } from '../helpers/shop';
import { dispatch } from '../../main/api';
import { MAX_XLSX_ROWS, readCentralDirectory } from '../../main/services/import/xlsx-limits';

/**
 * Issue 14 item 10: a 2 MB .xlsx whose four entries unpack to 500 MB each took 11 s and 0.7 GB that
 * were never released, and a malformed .xlsx answered INTERNAL. Workbooks are now measured before
 * ExcelJS parses them and refused with a typed reason (VALIDATION on `data`).
 */
const { fresh } = tempShops(Date.parse('2026-03-10T02:00:00Z'));

interface Entry {
  name: string;
  data: Buffer;
  /** the unpacked size the central directory declares */
  size: number;
  method?: number;
}

/** A minimal zip (no CRC: neither reader checks it), enough for the central directory and ExcelJS. */
function zip(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method ?? 8, 8);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.method ?? 8, 10);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** `size` zero bytes, deflated as a stream (never held unpacked). */
async function deflatedZeros(size: number, level = 9): Promise<Buffer> {
  const d = zlib.createDeflateRaw({ level });
  const out: Buffer[] = [];
  d.on('data', (c: Buffer) => out.push(c));
  const chunk = Buffer.alloc(8 * 1024 * 1024);
  for (let left = size; left > 0; left -= chunk.length) {
    if (!d.write(left >= chunk.length ? chunk : chunk.subarray(0, left))) await new Promise((r) => d.once('drain', r));
  }
  await new Promise((r) => d.end(r));
  return Buffer.concat(out);
}

const preview = (ctx: ReturnType<typeof fresh>, bytes: Buffer) =>
  dispatch('import.preview', { fileName: 'x.xlsx', data: bytes.toString('base64'), kind: 'customers' }, ctx);
const refused = (reason: string) => ({
  ok: false,
  error: { code: 'VALIDATION', detail: expect.objectContaining({ reason }), issues: [{ path: ['data'], message: reason }] },
});

async function workbook(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('xlsx limits', () => {
  it('a zip bomb (4 × 500 MB in a couple of MB) is refused from its central directory, at once', async () => {
    const zeros = await deflatedZeros(500 * 1024 * 1024);
    const bomb = zip(
      ['a', 'b', 'c', 'd'].map((n) => ({ name: `xl/worksheets/sheet${n}.xml`, data: zeros, size: 500 * 1024 * 1024 })),
    );
    expect(bomb.length).toBeLessThan(4 * 1024 * 1024);
    expect(readCentralDirectory(bomb).map((e) => e.size)).toEqual(Array(4).fill(500 * 1024 * 1024));
    const ctx = fresh();
    const rss = process.memoryUsage().rss;
    const started = performance.now();
    expect(await preview(ctx, bomb)).toMatchObject(refused('xlsx_too_large'));
    expect(performance.now() - started).toBeLessThan(5000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * 1024 * 1024);
  });

  it('a zip that understates its sizes is measured while unpacking (nothing kept) and refused', async () => {
    const zeros = await deflatedZeros(300 * 1024 * 1024, 1);
    const liar = zip([{ name: 'xl/worksheets/sheet1.xml', data: zeros, size: 1000 }]);
    const ctx = fresh();
    const rss = process.memoryUsage().rss;
    expect(await preview(ctx, liar)).toMatchObject(refused('xlsx_too_large'));
    expect(process.memoryUsage().rss - rss).toBeLessThan(150 * 1024 * 1024);
  });

  it('a sheet with more rows than Excel allows is refused before parsing', async () => {
    const rows = Array.from({ length: MAX_XLSX_ROWS + 1 }, (_, i) => `<row r="${i + 1}"/>`).join('');
    const xml = Buffer.from(`<?xml version="1.0"?><worksheet><sheetData>${rows}</sheetData></worksheet>`);
    const bytes = zip([{ name: 'xl/worksheets/sheet1.xml', data: zlib.deflateRawSync(xml), size: xml.length }]);
    expect(await preview(fresh(), bytes)).toMatchObject(refused('xlsx_too_many_rows'));
  });

  it('malformed workbooks answer VALIDATION xlsx_unreadable, never INTERNAL', async () => {
    const good = await workbook([
      ['name', 'phone'],
      ['张三', '13912340001'],
    ]);
    const ctx = fresh();
    expect(await preview(ctx, good)).toMatchObject({ ok: true, data: { rows: 1 } });
    const sheet = readCentralDirectory(good).find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    const corrupt = Buffer.from(good);
    // garbage in the middle of the sheet's compressed data
    corrupt.fill(0xff, sheet.offset + 60, sheet.offset + 60 + Math.min(40, sheet.compressedSize - 30));
    const notXml = Buffer.from('this is not xml <<<');
    const badXml = zip([
      { name: '[Content_Types].xml', data: notXml, size: notXml.length, method: 0 },
      { name: 'xl/workbook.xml', data: notXml, size: notXml.length, method: 0 },
      { name: 'xl/worksheets/sheet1.xml', data: notXml, size: notXml.length, method: 0 },
    ]);
    for (const bytes of [good.subarray(0, good.length >> 1), corrupt, badXml, Buffer.from('PK\u0003\u0004 nothing else')]) {
      expect(await preview(ctx, bytes)).toMatchObject(refused('xlsx_unreadable'));
    }
  });

  it('a picture, a PDF, an old .xls or UTF-16 text is refused as not a table (not read as GB18030 garble); CSV still reads', async () => {
    const ctx = fresh();
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const xls = Buffer.from('d0cf11e0a1b11ae1000000000000000000000000000000003e000300feff', 'hex');
    // how PDFs begin, with no NUL byte in sight: told by its first bytes
    const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1');
    const jpeg = Buffer.from('ffd8ffe000104a46494600', 'hex');
    // Excel's "Unicode text": UTF-16LE, tab-separated, with its mark and without
    const utf16 = Buffer.from('姓名\t手机号\r\n张三\t13800138000\r\n', 'utf16le');
    const marked = Buffer.concat([Buffer.from([0xff, 0xfe]), utf16]);
    for (const bytes of [png, xls, pdf, jpeg, marked, utf16])
      expect(await preview(ctx, bytes)).toMatchObject(refused('not_a_table'));
    // a CSV in UTF-8 or GB18030 still reads
    for (const csv of [
      Buffer.from('姓名,手机号\n张三,13800138000\n', 'utf8'),
      iconv.encode('姓名,手机号\n张三,13800138000\n', 'gb18030'),
    ])
      expect(
        await dispatch('import.preview', { fileName: 'c.csv', data: csv.toString('base64'), kind: 'customers' }, ctx),
      ).toMatchObject({ ok: true, data: { rows: 1, headers: ['姓名', '手机号'] } });
  });
});

import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { AppError } from '../../../shared/api/errors';

/**
 * An .xlsx is a zip, and a zip can unpack to far more than it weighs: 2 MB of zip holding four
 * 500 MB entries once kept an import busy for 11 s and 0.7 GB that were never given back. Before
 * ExcelJS sees a workbook, its central directory is read (the sizes it declares) and then every
 * entry is inflated once as a stream and counted (a zip can lie about its sizes), with nothing kept:
 * more than MAX_XLSX_UNPACKED bytes, more than MAX_XLSX_ROWS rows in a sheet, or anything that is
 * not a readable zip is refused with a typed error before the workbook is parsed.
 */
export const MAX_XLSX_UNPACKED = 256 * 1024 * 1024;
/** Excel's own limit per sheet: a workbook with more rows was not written by Excel. */
export const MAX_XLSX_ROWS = 1_048_576;
const MAX_ENTRIES = 10_000;

/** Why a file is refused before any row is read (not_a_table: neither a text table nor a workbook, e.g. a picture). */
export type XlsxRefusal = 'xlsx_unreadable' | 'xlsx_too_large' | 'xlsx_too_many_rows' | 'not_a_table';

export function xlsxRefused(reason: XlsxRefusal, detail: Record<string, unknown> = {}): AppError {
  return new AppError('VALIDATION', { reason, ...detail }, [{ path: ['data'], message: reason }]);
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** offset of the entry's local header */
  offset: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries a zip's central directory lists, with the sizes it declares. Throws xlsx_unreadable. */
export function readCentralDirectory(bytes: Uint8Array): ZipEntry[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bad = () => xlsxRefused('xlsx_unreadable');
  const u16 = (at: number) => (at + 2 <= buf.length ? buf.readUInt16LE(at) : -1);
  const u32 = (at: number) => (at + 4 <= buf.length ? buf.readUInt32LE(at) : -1);
  const u64 = (at: number) => (at + 8 <= buf.length ? Number(buf.readBigUInt64LE(at)) : -1);

  // The end record sits in the last 22 bytes plus a comment of up to 64 KiB.
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (u32(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw bad();
  let count = u16(end + 10);
  let cdSize = u32(end + 12);
  let cdOffset = u32(end + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = end - 20;
    if (u32(loc) !== EOCD64_LOCATOR) throw bad();
    const rec = u64(loc + 8);
    if (rec < 0 || u32(rec) !== EOCD64) throw bad();
    count = u64(rec + 32);
    cdSize = u64(rec + 40);
    cdOffset = u64(rec + 48);
  }
  if (count < 0 || count > MAX_ENTRIES || cdOffset < 0 || cdSize < 0 || cdOffset + cdSize > buf.length) throw bad();

  const entries: ZipEntry[] = [];
  let at = cdOffset;
  for (let n = 0; n < count; n++) {
    if (u32(at) !== CENTRAL) throw bad();
    const method = u16(at + 10);
    let compressedSize = u32(at + 20);
    let size = u32(at + 24);
    const nameLen = u16(at + 28);
    const extraLen = u16(at + 30);
    const commentLen = u16(at + 32);
    let offset = u32(at + 42);
    if (nameLen < 0 || extraLen < 0 || commentLen < 0 || at + 46 + nameLen + extraLen + commentLen > buf.length) throw bad();
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    // Zip64: the sizes that do not fit 32 bits are in the 0x0001 extra field, in this order.
    let x = at + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const tag = u16(x);
      const len = u16(x + 2);
      if (tag === 0x0001) {
        let p = x + 4;
        if (size === 0xffffffff) {
          size = u64(p);
          p += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(p);
          p += 8;
        }
        if (offset === 0xffffffff) offset = u64(p);
      }
      x += 4 + len;
    }
    if (size < 0 || compressedSize < 0 || offset < 0) throw bad();
    entries.push({ name, method, compressedSize, size, offset });
    at = xEnd + commentLen;
  }
  return entries;
}

/** The compressed bytes of one entry, located through its local header. */
function entryData(bytes: Uint8Array, e: ZipEntry): Uint8Array {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (e.offset + 30 > buf.length || buf.readUInt32LE(e.offset) !== LOCAL) throw xlsxRefused('xlsx_unreadable');
  const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
  if (start + e.compressedSize > buf.length) throw xlsxRefused('xlsx_unreadable');
  return bytes.subarray(start, start + e.compressedSize);
}

const ROW_TAG = Buffer.from('<row');

/** Inflates one entry as a stream, counting bytes (and rows, for a sheet) against the caps. */
async function measure(data: Uint8Array, e: ZipEntry, budget: number): Promise<{ bytes: number; rows: number }> {
  const isSheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name);
  let bytes = 0;
  let rows = 0;
  let tail = Buffer.alloc(0);
  const count = (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > budget) throw xlsxRefused('xlsx_too_large', { limitBytes: MAX_XLSX_UNPACKED });
    if (!isSheet) return;
    // "<row" followed by a space or ">" (not "<rowBreaks"); the tail carries a tag cut between chunks
    const hay = Buffer.concat([tail, chunk]);
    for (let i = hay.indexOf(ROW_TAG); i >= 0 && i + 4 < hay.length; i = hay.indexOf(ROW_TAG, i + 4)) {
      const next = hay[i + 4];
      if (next === 0x20 || next === 0x3e || next === 0x2f) rows++;
    }
    tail = hay.subarray(Math.max(0, hay.length - 4));
    if (rows > MAX_XLSX_ROWS) throw xlsxRefused('xlsx_too_many_rows', { limitRows: MAX_XLSX_ROWS });
  };
  if (e.method === 0) {
    count(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    return { bytes, rows };
  }
  if (e.method !== 8) throw xlsxRefused('xlsx_unreadable');
  const inflate = zlib.createInflateRaw();
  const source = Readable.from([Buffer.from(data.buffer, data.byteOffset, data.byteLength)]);
  try {
    for await (const chunk of source.pipe(inflate)) count(chunk as Buffer);
  } catch (err) {
    inflate.destroy();
    if (err instanceof AppError) throw err;
    throw xlsxRefused('xlsx_unreadable');
  }
  return { bytes, rows };
}

/** Refuses a workbook that unpacks to too much, has too many rows, or is not a readable zip. */
export async function checkXlsxLimits(bytes: Uint8Array): Promise<void> {
  const entries = readCentralDirectory(bytes);
  const declared = entries.reduce((s, e) => s + e.size, 0);
  if (declared > MAX_XLSX_UNPACKED) throw xlsxRefused('xlsx_too_large', { limitBytes: MAX_XLSX_UNPACKED });
  let used = 0;
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    const m = await measure(entryData(bytes, e), e, MAX_XLSX_UNPACKED - used);
    used += m.bytes;
  }
}

/**
 * Text files from Chinese shops come as UTF-8 (with or without BOM) or as GB18030/GBK, which
 * Chinese Excel and many POS systems write. Strict UTF-8 first (a GBK file is almost never valid
 * UTF-8), then GB18030, a superset of GBK and GB2312.
 *
 * Some files are both: a UTF-8 export with one cell pasted in from a GBK file. Read whole as
 * GB18030, every UTF-8 name turns into another word (张三 -> 寮犱笁) with no error anywhere, so such a
 * file is never decoded by guess: `ambiguous` is set and the owner chooses (import refuses "auto").
 * "mixed" reads each cell in the encoding it is valid in: UTF-8 where it is, GB18030 elsewhere.
 */
export type TextEncoding = 'utf8' | 'gb18030' | 'mixed';

export interface Decoded {
  text: string;
  encoding: TextEncoding;
  /** auto-detection found cells that only GB18030 reads and cells that read as UTF-8 */
  ambiguous: boolean;
}

const UTF8 = new TextDecoder('utf-8');
const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true });
const GB = new TextDecoder('gb18030');

/**
 * GBK's trail bytes are 0x40 and up, and GB18030's four-byte form uses the digits: every other ASCII
 * byte below 0x40 (tab, newline, space, quote, comma, semicolon…) stands for itself in both
 * encodings, so cutting there never splits a character. The pieces are a CSV's cells, near enough.
 */
const isCut = (b: number) => b < 0x40 && (b < 0x30 || b > 0x39);

/** Each piece of non-ASCII bytes between cuts: [start, end) */
function* pieces(bytes: Uint8Array): Generator<[number, number]> {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    while (i < n && isCut(bytes[i]!)) i++;
    const start = i;
    let high = false;
    while (i < n && !isCut(bytes[i]!)) {
      if (bytes[i]! >= 0x80) high = true;
      i++;
    }
    if (high) yield [start, i];
  }
}

function validUtf8(bytes: Uint8Array): boolean {
  try {
    UTF8_STRICT.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Pieces with non-ASCII text that are valid UTF-8, and pieces that are not. A GBK file has a few
 * pieces that happen to be valid UTF-8 too (a one- or two-character cell now and then, about one in
 * ten at most), so only a real share of UTF-8 pieces beside GBK ones makes a file ambiguous.
 */
export function countPieces(bytes: Uint8Array): { utf8: number; other: number } {
  let utf8 = 0;
  let other = 0;
  for (const [s, e] of pieces(bytes)) {
    if (validUtf8(bytes.subarray(s, e))) utf8++;
    else other++;
  }
  return { utf8, other };
}

/** Each piece in the encoding it is valid in: UTF-8 if it is, GB18030 otherwise. */
export function decodeMixed(bytes: Uint8Array): string {
  const out: string[] = [];
  let at = 0;
  for (const [s, e] of pieces(bytes)) {
    out.push(UTF8.decode(bytes.subarray(at, s)));
    const piece = bytes.subarray(s, e);
    out.push(validUtf8(piece) ? UTF8.decode(piece) : GB.decode(piece));
    at = e;
  }
  out.push(UTF8.decode(bytes.subarray(at)));
  return out.join('');
}

export function decodeText(bytes: Uint8Array, wanted: 'auto' | TextEncoding = 'auto'): Decoded {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  if (wanted === 'gb18030') return { text: GB.decode(body), encoding: 'gb18030', ambiguous: false };
  if (wanted === 'mixed') return { text: decodeMixed(body), encoding: 'mixed', ambiguous: false };
  if (wanted === 'utf8') return { text: UTF8.decode(body), encoding: 'utf8', ambiguous: false };
  try {
    return { text: UTF8_STRICT.decode(body), encoding: 'utf8', ambiguous: false };
  } catch {
    // not clean UTF-8: GB18030, unless a real share of the file reads as UTF-8 (or has a BOM)
  }
  const { utf8, other } = countPieces(body);
  if (!hasBom && utf8 * 5 <= other) return { text: GB.decode(body), encoding: 'gb18030', ambiguous: false };
  return { text: decodeMixed(body), encoding: 'mixed', ambiguous: true };
}

/** The two whole-file readings, for showing the owner where they differ. */
export function bothReadings(bytes: Uint8Array): { utf8: string; gb18030: string } {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  return { utf8: UTF8.decode(body), gb18030: GB.decode(body) };
}

/** True for files that start like a zip archive (an .xlsx workbook). */
export function isXlsx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

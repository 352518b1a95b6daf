/**
 * Text files from Chinese shops come as UTF-8 (with or without BOM) or as GB18030/GBK, which
 * Chinese Excel and many POS systems write. Strict UTF-8 first (a GBK file is almost never valid
 * UTF-8), then GB18030, a superset of GBK and GB2312.
 */
export type TextEncoding = 'utf8' | 'gb18030';

export function decodeText(bytes: Uint8Array, wanted: 'auto' | TextEncoding = 'auto'): { text: string; encoding: TextEncoding } {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  if (wanted === 'gb18030') return { text: new TextDecoder('gb18030').decode(body), encoding: 'gb18030' };
  if (wanted === 'utf8' || hasBom) return { text: new TextDecoder('utf-8').decode(body), encoding: 'utf8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(body), encoding: 'gb18030' };
  }
}

/** True for files that start like a zip archive (an .xlsx workbook). */
export function isXlsx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

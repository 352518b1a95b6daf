/**
 * vCard 3.0 (RFC 2426) and 4.0 (RFC 6350) written by hand. The vcard4 library also escapes colons
 * (`http\://…`), which RFC 6350 does not allow and which phone address books then show as typed;
 * it cannot be told not to, so the few lines the contact export needs are written here. 3.0 is the
 * default: many phones import only 2.1/3.0, and 3.0 requires N as well as FN.
 */
import type { ExportInput } from '../../../shared/schemas/export';

export type VCardVersion = ExportInput['vcardVersion'];

export interface VCardContact {
  name: string;
  phone: string | null;
  email: string | null;
  tags: string[];
}

/**
 * RFC 6350 §3.4 escaping of a text value: backslash, comma and newline always; semicolon only in
 * a compound value (N, ADR), where it separates fields — elsewhere it MAY be escaped, and readers
 * that follow the RFC strictly keep it as it is. "In all other cases, escaping MUST NOT be used",
 * so a colon stays a colon.
 */
export function escapeText(value: string, compound = false): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
  return compound ? escaped.replace(/;/g, '\\;') : escaped;
}

/**
 * RFC 6350 §3.2: a content line longer than 75 octets is folded (CRLF and a space) between
 * characters, never inside a UTF-8 sequence or a surrogate pair.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    // continuation lines start with a space, which counts toward their 75 octets
    const limit = parts.length ? 74 : 75;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** Two-character surnames; any other Chinese name's surname is its first character (as name-keys.ts). */
const COMPOUND_SURNAMES = new Set(
  '欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 司徒 夏侯 轩辕 端木 独孤 南宫 西门 百里 呼延 澹台 公冶 太史 申屠 闻人 赫连 钟离'.split(
    ' ',
  ),
);

/**
 * N's family and given name. A Chinese name (2–4 CJK characters) splits at its surname, so a phone
 * shows and sorts 张三 as family 张, given 三. Any other name is not guessed apart ("Li Wei" and
 * "Anna Smith" put the family name at opposite ends): all of it is the given name, which phones
 * show exactly as typed.
 */
export function nameParts(name: string): { family: string; given: string } {
  const n = name.trim();
  if (/^[\u3400-\u9fff]{2,4}$/.test(n)) {
    const cut = n.length > 2 && COMPOUND_SURNAMES.has(n.slice(0, 2)) ? 2 : 1;
    return { family: n.slice(0, cut), given: n.slice(cut) };
  }
  return { family: '', given: name };
}

/**
 * One .vcf with every contact: N and FN, a mobile TEL in E.164 (4.0: a tel: URI), EMAIL,
 * CATEGORIES (the tags).
 */
export function toVcf(contacts: VCardContact[], version: VCardVersion = '3.0'): Buffer {
  const cards = contacts.map((c) => {
    const { family, given } = nameParts(c.name);
    const lines = [
      'BEGIN:VCARD',
      `VERSION:${version}`,
      `N:${escapeText(family, true)};${escapeText(given, true)};;;`,
      `FN:${escapeText(c.name)}`,
    ];
    if (c.phone) lines.push(version === '4.0' ? `TEL;VALUE=uri;TYPE=cell:tel:${c.phone}` : `TEL;TYPE=CELL:${c.phone}`);
    if (c.email) lines.push(version === '4.0' ? `EMAIL:${escapeText(c.email)}` : `EMAIL;TYPE=INTERNET:${escapeText(c.email)}`);
    if (c.tags.length) lines.push(`CATEGORIES:${c.tags.map((t) => escapeText(t)).join(',')}`);
    lines.push('END:VCARD');
    return lines.map(foldLine).join('\r\n') + '\r\n';
  });
  return Buffer.from(cards.join(''), 'utf8');
}

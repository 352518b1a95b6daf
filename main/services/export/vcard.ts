/**
 * vCard 4.0 (RFC 6350) written by hand. The vcard4 library also escapes colons (`http\://…`),
 * which RFC 6350 does not allow and which phone address books then show as typed; it cannot be
 * told not to, so the few lines the contact export needs are written here.
 */

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

/** One .vcf with every contact: FN, a mobile TEL as a tel: URI in E.164, EMAIL, CATEGORIES (the tags). */
export function toVcf(contacts: VCardContact[]): Buffer {
  const cards = contacts.map((c) => {
    const lines = ['BEGIN:VCARD', 'VERSION:4.0', `FN:${escapeText(c.name)}`];
    if (c.phone) lines.push(`TEL;VALUE=uri;TYPE=cell:tel:${c.phone}`);
    if (c.email) lines.push(`EMAIL:${escapeText(c.email)}`);
    if (c.tags.length) lines.push(`CATEGORIES:${c.tags.map((t) => escapeText(t)).join(',')}`);
    lines.push('END:VCARD');
    return lines.map(foldLine).join('\r\n') + '\r\n';
  });
  return Buffer.from(cards.join(''), 'utf8');
}

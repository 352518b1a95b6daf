import { CustomerDraft } from '../../../shared/schemas/customer';
import { AmountMinor, cleanText } from '../../../shared/schemas/common';
import type { DateFormat, Mapping, RowError } from '../../../shared/schemas/import';
import { normalizePhone } from '../../../shared/domain/phone';
import { parseCount, parseDate, parseMoney, parseYesNo, type ParsedDate } from './values';

const MULTI_LINE = new Set(['notes', 'note']);

/** One data row as field -> cell text, with the column each field came from (for error reports). */
export interface FieldRow {
  line: number;
  get(field: string): string;
  column(field: string): string;
  has(field: string): boolean;
}

/** Where each mapped field is in a row, shared by every row of the file. */
interface Columns {
  index: Map<string, number>;
  columnOf: Map<string, string>;
}

/**
 * The file's rows read by field, one at a time through one reused cursor (a million rows, not a
 * million objects kept alive for the checking): a row is valid until the next one is read, so
 * nothing may keep it (the checks keep only what they read from it).
 */
class CellsRow implements FieldRow {
  line = 0;
  cells: string[] = [];
  constructor(private readonly columns: Columns) {}
  // cleaned as the API's text fields are (no NUL or control characters); notes keep their line breaks
  get(f: string): string {
    const i = this.columns.index.get(f);
    return i === undefined ? '' : cleanText(this.cells[i] ?? '', MULTI_LINE.has(f) ? 'multi' : 'single').trim();
  }
  column(f: string): string {
    return this.columns.columnOf.get(f) ?? f;
  }
  has(f: string): boolean {
    return this.columns.index.has(f);
  }
}

/**
 * The file's rows by field (each yielded row valid until the next: see CellsRow), without the
 * ragged ones, which are reported instead.
 */
export function fieldRows(
  headers: string[],
  rows: string[][],
  mapping: Mapping,
): { rows: Iterable<FieldRow>; ragged: RowError[] } {
  const columns: Columns = { index: new Map(), columnOf: new Map() };
  headers.forEach((h, i) => {
    const f = mapping[h];
    if (f) {
      columns.index.set(f, i);
      columns.columnOf.set(f, h);
    }
  });
  const ragged: RowError[] = [];
  rows.forEach((cells, i) => {
    if (cells.length !== headers.length)
      ragged.push({ row: i + 2, column: '', reason: 'ragged_row', value: `${cells.length}/${headers.length}` });
  });
  // let go of the cells once read through, so a million arrays need not outlive the checking
  let source: string[][] | null = rows;
  const each = function* (): Generator<FieldRow> {
    if (!source) throw new Error('fieldRows: the rows are read once');
    const row = new CellsRow(columns);
    const all = source;
    for (let i = 0; i < all.length; i++) {
      const cells = all[i]!;
      if (cells.length !== headers.length) continue;
      row.line = i + 2;
      row.cells = cells;
      yield row;
    }
    row.cells = [];
    source = null;
  };
  return { rows: { [Symbol.iterator]: each }, ragged };
}

const truncate = (s: string) => (s.length > 80 ? s.slice(0, 77) + '…' : s);

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: RowError[] };

/** A customers-file row as a CustomerDraft, checked by the same schema the API uses. */
export function customerFromRow(r: FieldRow): Parsed<{ draft: CustomerDraft; externalId: string | null }> {
  const errors: RowError[] = [];
  const err = (field: string, reason: string) =>
    errors.push({ row: r.line, column: r.column(field), reason, value: truncate(r.get(field)) });
  const consent: Record<string, boolean> = {};
  for (const ch of ['sms', 'phone', 'wechat', 'email'] as const) {
    const f = `consent_${ch}`;
    if (!r.has(f)) continue;
    const v = parseYesNo(r.get(f));
    if (v === null) err(f, 'yes_no_invalid');
    else if (r.get(f) !== '') consent[ch] = v;
  }
  let birthday: string | null = null;
  if (r.get('birthday')) {
    const d = parseDate(r.get('birthday'));
    if (!d) err('birthday', 'date_invalid');
    else birthday = d.date;
  }
  if (r.get('phone') && !normalizePhone(r.get('phone'))) err('phone', 'phone_invalid');
  const raw = {
    name: r.get('name') || r.get('external_id'),
    phone: r.get('phone') || null,
    memberCode: r.get('member_code') || undefined,
    birthday,
    notes: r.get('notes') || undefined,
    tags: r
      .get('tags')
      .split(/[,，;；|、]/)
      .map((t) => t.trim())
      .filter(Boolean),
    consent,
    consentSource: 'import',
  };
  const parsed = CustomerDraft.safeParse(raw);
  if (!parsed.success) {
    const fieldOf: Record<string, string> = {
      name: 'name',
      phone: 'phone',
      memberCode: 'member_code',
      notes: 'notes',
      tags: 'tags',
    };
    for (const i of parsed.error.issues) {
      const f = fieldOf[String(i.path[0])] ?? String(i.path[0]);
      if (!errors.some((e) => e.column === r.column(f)))
        err(f, i.message === 'name_required' ? 'name_required' : /^[a-z_]+$/.test(i.message) ? i.message : 'invalid');
    }
  }
  if (errors.length || !parsed.success) return { ok: false, errors };
  return { ok: true, value: { draft: parsed.data, externalId: r.get('external_id') || null } };
}

export interface SaleRowValue {
  ref: { externalId: string | null; memberCode: string | null; phone: string | null; name: string };
  date: ParsedDate;
  amountMinor: number;
  items: number;
  discountMinor: number;
  isPromotion: boolean;
  payment: string;
  staff: string;
  note: string;
}

const checkAmount = (minor: number) => AmountMinor.safeParse(minor);

export function saleFromRow(r: FieldRow, dateFormat: DateFormat): Parsed<SaleRowValue> {
  const errors: RowError[] = [];
  const err = (field: string, reason: string) =>
    errors.push({ row: r.line, column: r.column(field), reason, value: truncate(r.get(field)) });
  // each cell read (and cleaned) once
  const dateText = r.get('date');
  const amountText = r.get('amount');
  const discountText = r.get('discount');
  const phoneText = r.get('phone');
  const note = r.get('note');
  const date = parseDate(dateText, dateFormat);
  if (!dateText) err('date', 'required');
  else if (!date) err('date', 'date_invalid');
  const amount = parseMoney(amountText);
  if (!amountText) err('amount', 'required');
  else if (amount === 'negative') err('amount', 'amount_negative');
  else if (amount === null) err('amount', 'amount_invalid');
  else if (!checkAmount(amount).success) err('amount', 'amount_too_large');
  const items = parseCount(r.get('items'));
  if (items === null) err('items', 'items_invalid');
  let discount = 0;
  if (discountText) {
    const d = parseMoney(discountText);
    if (typeof d !== 'number' || !checkAmount(d).success) err('discount', 'amount_invalid');
    else discount = d;
  }
  const promo = r.has('promotion') ? parseYesNo(r.get('promotion')) : false;
  if (promo === null) err('promotion', 'yes_no_invalid');
  let phone: string | null = null;
  if (phoneText) {
    phone = normalizePhone(phoneText);
    if (!phone) err('phone', 'phone_invalid');
  }
  if (note.length > 500) err('note', 'too_long');
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      ref: {
        externalId: r.get('customer_id') || null,
        // as typed: the customer created from it shows it so; matching is case-insensitive (run.ts)
        memberCode: r.get('member_code') || null,
        phone,
        name: r.get('name'),
      },
      date: date!,
      amountMinor: amount as number,
      items: items!,
      discountMinor: discount,
      isPromotion: promo === true,
      payment: r.get('payment'),
      staff: r.get('staff'),
      note,
    },
  };
}

export interface ProductRowValue {
  name: string;
  category: string | null;
  priceMinor: number;
  barcode: string | null;
  sku: string | null;
}

/** A products-file row: a name and a price are required; category, barcode and SKU are optional. */
export function productFromRow(r: FieldRow): Parsed<ProductRowValue> {
  const errors: RowError[] = [];
  const err = (field: string, reason: string) =>
    errors.push({ row: r.line, column: r.column(field), reason, value: truncate(r.get(field)) });
  const name = r.get('name').normalize('NFC');
  if (!name) err('name', 'name_required');
  else if (name.length > 100) err('name', 'too_long');
  if (r.get('category').length > 50) err('category', 'too_long');
  const price = parseMoney(r.get('price'));
  if (!r.get('price')) err('price', 'required');
  else if (price === 'negative') err('price', 'amount_negative');
  else if (price === null) err('price', 'amount_invalid');
  else if (!checkAmount(price).success) err('price', 'amount_too_large');
  for (const f of ['barcode', 'sku'] as const) if (r.get(f).length > 64) err(f, 'too_long');
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name,
      category: r.has('category') ? r.get('category') : null,
      priceMinor: price as number,
      barcode: r.get('barcode') || null,
      sku: r.get('sku') || null,
    },
  };
}

import { AppError } from '../../shared/api/errors';
import { CHANNELS, type Channel } from '../../shared/schemas/common';
import type { Consents, Customer, CustomerDraft, CustomerPatch, CustomerSummary, ListInput } from '../../shared/schemas/customer';
import { phoneQueryDigits, reversedDigits } from '../../shared/domain/phone';
import { SHOP_GAP_MIN_VISITS, SHOP_GAP_SAMPLE, shopGapDays as typicalGap, usualGapDays } from '../../shared/domain/cadence';
import { daysBetween } from '../../shared/domain/dates';
import * as q from '../db/queries/customers';
import { listCustomers, prefixMatches, type SummaryRow } from '../db/queries/customer-search';
import { visitSpans } from '../db/queries/analysis';
import { getStaff } from '../db/queries/staff';
import { audit } from '../db/queries/audit';
import type { Db } from '../db/open';
import type { Ctx } from '../ctx';
import { nameKeys } from './name-keys';
import { cached } from './cache';

// --- cadence prior ------------------------------------------------------------------------------

/**
 * The shop's typical gap between visits as of now, by the one definition the lapsed list uses
 * (shared/domain/cadence.ts), from the one cache: computed again after the next sale.
 */
export function shopGapDays(ctx: Ctx): number {
  return cached(ctx, 'shop.gap', null, ['sales'], () => typicalGap(visitSpans(ctx.db, SHOP_GAP_MIN_VISITS, SHOP_GAP_SAMPLE)))
    .value;
}

// --- reading ------------------------------------------------------------------------------------

function consentsFrom(rows: q.ConsentRow[]): Consents {
  const out = {} as Consents;
  for (const ch of CHANNELS) out[ch] = { granted: false, changedAt: null, source: null };
  for (const r of rows) out[r.channel] = { granted: r.is_granted === 1, changedAt: r.changed_at, source: r.source };
  return out;
}

export function toCustomer(ctx: Ctx, row: q.CustomerRow): Customer {
  const gap =
    row.first_visit_date && row.last_visit_date
      ? usualGapDays(row.visits, 0, daysBetween(row.first_visit_date, row.last_visit_date), shopGapDays(ctx))
      : null;
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    memberCode: row.member_code,
    birthday: row.birthday,
    notes: row.notes,
    tags: q.tagsOf(ctx.db, row.id),
    staffId: row.staff_id,
    staffName: row.staff_name,
    staffLeft: row.staff_active === 0,
    consents: consentsFrom(q.consentsOf(ctx.db, row.id)),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    stats: {
      visits: row.visits,
      salesCount: row.sales_count,
      totalMinor: row.total_minor,
      firstVisitAt: row.first_visit_at,
      lastVisitAt: row.last_visit_at,
      usualGapDays: gap,
    },
  };
}

/** A live customer, or NOT_FOUND. A merged customer answers as the one it was merged into. */
export function liveRow(db: Db, id: number): q.CustomerRow {
  let row = q.getCustomerRow(db, id);
  for (let hops = 0; row && row.merged_into_id !== null && hops < 20; hops++) row = q.getCustomerRow(db, row.merged_into_id);
  if (!row || row.merged_into_id !== null) throw new AppError('NOT_FOUND', { entity: 'customer', id });
  return row;
}

export function getCustomer(ctx: Ctx, id: number): Customer {
  return toCustomer(ctx, liveRow(ctx.db, id));
}

function summaries(db: Db, rows: SummaryRow[]): CustomerSummary[] {
  const tags = q.tagsOfMany(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    phone: r.phone,
    memberCode: r.member_code,
    visits: r.visits,
    totalMinor: r.total_minor,
    lastVisitAt: r.last_visit_at,
    tags: tags.get(r.id) ?? [],
  }));
}

/**
 * Counter search: phone suffix (last 3–4 digits or more), member code, name, pinyin initials (zs),
 * full pinyin (zhangsan), or a Chinese given name without the surname. Best match first: exact before prefix before
 * fragment; ties go to the customer who visits most.
 */
export function search(ctx: Ctx, query: string, limit: number): CustomerSummary[] {
  const text = query.normalize('NFKC').toLowerCase().trim();
  const found = new Map<number, { row: SummaryRow; score: number }>();
  const add = (rows: (SummaryRow & { key: string })[], exact: number, prefix: number, target: string) => {
    for (const r of rows) {
      const score = r.key === target ? exact : prefix;
      const cur = found.get(r.id);
      if (!cur || cur.score < score) found.set(r.id, { row: r, score });
    }
  };
  const pool = Math.max(limit * 3, 30);
  const compactDigits = phoneQueryDigits(text);
  if (compactDigits !== null) {
    if (compactDigits.length >= 3) {
      const rev = compactDigits.split('').reverse().join('');
      // A whole number typed in matches the whole reversed phone (with its country code) by prefix too.
      add(prefixMatches(ctx.db, 'phone_rev', rev, pool), 100, compactDigits.length >= 7 ? 95 : 90, rev);
    }
    add(prefixMatches(ctx.db, 'member_code_key', compactDigits, pool), 100, 85, compactDigits);
  } else {
    add(prefixMatches(ctx.db, 'name_key', text, pool), 100, 80, text);
    add(prefixMatches(ctx.db, 'member_code_key', text, pool), 100, 85, text);
    if (/^[a-z]+$/.test(text)) {
      add(prefixMatches(ctx.db, 'name_initials', text, pool), 92, 70, text);
      if (text.length >= 2) add(prefixMatches(ctx.db, 'name_pinyin', text, pool), 95, 75, text);
    }
    // A given name typed without the surname ("小红" for 李小红).
    if (/[\u3400-\u9fff]/.test(text)) add(prefixMatches(ctx.db, 'name_given', text, pool), 65, 60, text);
  }
  const ranked = [...found.values()]
    .sort((a, b) => b.score - a.score || b.row.visits - a.row.visits || (b.row.last_visit_at ?? 0) - (a.row.last_visit_at ?? 0))
    .slice(0, limit)
    .map((f) => f.row);
  return summaries(ctx.db, ranked);
}

export function list(ctx: Ctx, input: ListInput) {
  const { total, rows } = listCustomers(ctx.db, input);
  return { total, rows: summaries(ctx.db, rows) };
}

export function findByPhone(ctx: Ctx, phone: string, normalize: (p: string) => string | null): CustomerSummary | null {
  const e164 = normalize(phone);
  if (!e164) return null;
  const id = q.findLiveByPhone(ctx.db, e164);
  if (id === undefined) return null;
  const row = q.getCustomerRow(ctx.db, id)!;
  return summaries(ctx.db, [row])[0] ?? null;
}

// --- writing ------------------------------------------------------------------------------------

function checkUnique(db: Db, phone: string | null, memberCode: string | null, selfId: number | null): void {
  if (phone) {
    const other = q.findLiveByPhone(db, phone);
    if (other !== undefined && other !== selfId) {
      const row = q.getCustomerRow(db, other)!;
      throw new AppError('PHONE_TAKEN', { existingId: other, existingName: row.name }, [
        { path: ['phone'], message: 'phone_taken' },
      ]);
    }
  }
  if (memberCode) {
    const other = q.findLiveByMemberCode(db, memberCode.toLowerCase());
    if (other !== undefined && other !== selfId)
      throw new AppError('MEMBER_CODE_TAKEN', { existingId: other }, [{ path: ['memberCode'], message: 'member_code_taken' }]);
  }
  // a customer the running import brings has it: there once the import is done
  if ((phone || memberCode) && q.heldByPendingImport(db, phone, memberCode?.toLowerCase() ?? null))
    throw new AppError('CONFLICT', { reason: 'import_running' });
}

function checkStaff(db: Db, staffId: number | null | undefined): void {
  if (staffId != null && !getStaff(db, staffId))
    throw new AppError('NOT_FOUND', { entity: 'staff' }, [{ path: ['staffId'], message: 'staff_unknown' }]);
}

export function writeFields(
  base: {
    name: string;
    phone: string | null;
    memberCode: string | null;
    birthday: string | null;
    notes: string;
    staffId: number | null;
  },
  externalId: string | null,
): q.CustomerWrite {
  const keys = nameKeys(base.name);
  const memberCode = base.memberCode?.trim() || null;
  return {
    ...base,
    memberCode,
    memberCodeKey: memberCode ? memberCode.toLowerCase() : null,
    phoneRev: reversedDigits(base.phone),
    nameKey: keys.nameKey,
    pinyin: keys.pinyin,
    initials: keys.initials,
    given: keys.given,
    externalId,
  };
}

/** Inserts a customer inside the caller's transaction (used by create, import and demo). */
export function insertCustomerTx(ctx: Ctx, d: CustomerDraft, externalId: string | null = null): number {
  const phone = d.phone ?? null;
  const memberCode = d.memberCode?.trim() || null;
  checkUnique(ctx.db, phone, memberCode, null);
  checkStaff(ctx.db, d.staffId);
  const now = ctx.clock.now();
  const id = q.insertCustomer(
    ctx.db,
    writeFields(
      { name: d.name, phone, memberCode, birthday: d.birthday ?? null, notes: d.notes ?? '', staffId: d.staffId ?? null },
      externalId,
    ),
    now,
  );
  if (d.tags?.length) q.setTags(ctx.db, id, d.tags);
  for (const [channel, granted] of Object.entries(d.consent ?? {}) as [Channel, boolean][]) {
    q.writeConsent(ctx.db, id, channel, granted, now, d.consentSource || 'created', '');
  }
  audit(ctx.db, now, 'customer.create', 'customer', id);
  return id;
}

export function create(ctx: Ctx, d: CustomerDraft): Customer {
  return ctx.db.transaction(() => getCustomer(ctx, insertCustomerTx(ctx, d)))();
}

export function update(ctx: Ctx, p: CustomerPatch): Customer {
  return ctx.db.transaction(() => {
    const cur = liveRow(ctx.db, p.id);
    const next = {
      name: p.name ?? cur.name,
      phone: p.phone === undefined ? cur.phone : p.phone,
      memberCode: p.memberCode === undefined ? cur.member_code : p.memberCode,
      birthday: p.birthday === undefined ? cur.birthday : p.birthday,
      notes: p.notes ?? cur.notes,
      staffId: p.staffId === undefined ? cur.staff_id : p.staffId,
    };
    checkUnique(ctx.db, next.phone, next.memberCode?.trim() || null, cur.id);
    checkStaff(ctx.db, next.staffId);
    q.updateCustomer(ctx.db, cur.id, writeFields(next, q.getExternalId(ctx.db, cur.id)), ctx.clock.now());
    if (p.tags) q.setTags(ctx.db, cur.id, p.tags);
    audit(ctx.db, ctx.clock.now(), 'customer.update', 'customer', cur.id, {
      fields: Object.keys(p).filter((k) => k !== 'id'),
    });
    return getCustomer(ctx, cur.id);
  })();
}

export function setConsent(
  ctx: Ctx,
  c: { customerId: number; channel: Channel; granted: boolean; source: string; note?: string | undefined },
) {
  return ctx.db.transaction(() => {
    const row = liveRow(ctx.db, c.customerId);
    const now = ctx.clock.now();
    q.writeConsent(ctx.db, row.id, c.channel, c.granted, now, c.source, c.note ?? '');
    audit(ctx.db, now, 'consent.change', 'customer', row.id, { channel: c.channel, granted: c.granted, source: c.source });
    return getCustomer(ctx, row.id);
  })();
}

export function consentHistory(ctx: Ctx, id: number) {
  return q.consentEvents(ctx.db, liveRow(ctx.db, id).id);
}

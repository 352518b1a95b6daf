import { AppError } from '../../../shared/api/errors';
import type { Channel } from '../../../shared/schemas/common';
import {
  AVAILABLE_SEGMENTS,
  type Campaign,
  type ContactRow,
  type ExportInput,
  type SegmentSpec,
} from '../../../shared/schemas/export';
import { formatPhone } from '../../../shared/domain/phone';
import { businessDate } from '../../../shared/domain/dates';
import * as q from '../../db/queries/campaigns';
import { tagsOfMany } from '../../db/queries/customers';
import { listStaff } from '../../db/queries/settings';
import { audit } from '../../db/queries/audit';
import type { Ctx } from '../../ctx';
import { getSettings } from '../settings';
import { lapsedList } from '../lapsed';
import { savedFilterByName } from '../saved-filters';
import { customerFilter } from '../../db/queries/customers';
import { toCsv, toVcf, toXlsx, type Sheet } from './formats';
import { messages } from '../../../shared/i18n';

/** A staff member by id (the app) or by name (the CLI's --staff). */
function staffIdOf(ctx: Ctx, key = ''): number {
  const s = listStaff(ctx.db).find((x) => String(x.id) === key || x.name === key);
  if (!s) throw new AppError('NOT_FOUND', { entity: 'staff' }, [{ path: ['staff'], message: 'staff_unknown' }]);
  return s.id;
}

/** The SQL condition for a segment; values are bound, never interpolated. */
function segmentClause(ctx: Ctx, spec: SegmentSpec): { clause: string; params: Record<string, unknown> } {
  if (!AVAILABLE_SEGMENTS.includes(spec.segment))
    throw new AppError('VALIDATION', { segment: spec.segment }, [{ path: ['segment'], message: 'segment_unavailable' }]);
  switch (spec.segment) {
    case 'tag':
      return {
        clause: 'c.id IN (SELECT ct.customer_id FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.name = @tag)',
        params: { tag: spec.tag },
      };
    case 'staff':
      return { clause: 'c.staff_id = @staffId', params: { staffId: staffIdOf(ctx, spec.staff) } };
    case 'lapsed':
    case 'fading':
    case 'price-sensitive':
    case 'key':
    case 'main':
    case 'ordinary':
    case 'small': {
      const { entries } = lapsedList(ctx);
      const seg = spec.segment;
      const ids = entries
        .filter((e) =>
          seg === 'lapsed' || seg === 'fading'
            ? e.status === seg
            : seg === 'price-sensitive'
              ? e.price_sensitive
              : e.tier === seg,
        )
        // the Lapsed screen's filters, carried over to its export
        .filter((e) => !spec.tier || e.tier === spec.tier)
        .map((e) => e.id);
      const ofStaff = spec.staff ? staffIdOf(ctx, spec.staff) : null;
      return {
        clause: `c.id IN (SELECT value FROM json_each(@ids))${ofStaff === null ? '' : ' AND c.staff_id = @staffId'}`,
        params: { ids: JSON.stringify(ids), ...(ofStaff === null ? {} : { staffId: ofStaff }) },
      };
    }
    case 'complaints':
      return {
        clause: "c.id IN (SELECT customer_id FROM complaints WHERE status <> 'followed_up' OR outcome = 'not_satisfied')",
        params: {},
      };
    case 'saved': {
      const f = savedFilterByName(ctx, spec.name ?? '');
      if (!f) throw new AppError('NOT_FOUND', { entity: 'saved_filter' }, [{ path: ['name'], message: 'filter_unknown' }]);
      const { whereSql, params } = customerFilter(f);
      return { clause: `c.id IN (SELECT c.id FROM customers c WHERE ${whereSql})`, params };
    }
    case 'winback':
      return { clause: "c.id IN (SELECT customer_id FROM winback_cases WHERE status IN ('open', 'contacted'))", params: {} };
    default:
      return { clause: '1 = 1', params: {} };
  }
}

/** Who can be reached on a channel at all: a phone for SMS, calls and WeChat (added by number), an address for email. */
const reachable = (c: { phone: string | null; email: string | null }, channel: Channel) =>
  channel === 'email' ? !!c.email : !!c.phone;

export interface SelectedContacts {
  matched: number;
  contacts: ContactRow[];
  leftOutNoConsent: number;
  leftOutNoContact: number;
}

export function selectContacts(ctx: Ctx, input: ExportInput): SelectedContacts {
  const { clause, params } = segmentClause(ctx, input);
  const rows = q.contactsWhere(ctx.db, clause, params, input.channel);
  const tags = tagsOfMany(
    ctx.db,
    rows.map((r) => r.id),
  );
  let noContact = 0;
  let noConsent = 0;
  const contacts: ContactRow[] = [];
  for (const r of rows) {
    if (!reachable(r, input.channel)) {
      noContact++;
      continue;
    }
    if (r.consented !== 1 && !input.includeWithoutConsent) {
      noConsent++;
      continue;
    }
    contacts.push({
      id: r.id,
      name: r.name,
      phone: r.phone,
      email: r.email,
      memberCode: r.member_code,
      lastVisitAt: r.last_visit_at,
      visits: r.visits,
      totalMinor: r.total_minor,
      tags: tags.get(r.id) ?? [],
      staffName: r.staff_name,
      consented: r.consented === 1,
    });
  }
  return { matched: rows.length, contacts, leftOutNoConsent: noConsent, leftOutNoContact: noContact };
}

const HEADERS = [
  'name',
  'phone',
  'email',
  'member_code',
  'last_visit',
  'visits',
  'total_spent',
  'tags',
  'staff',
  'consent',
] as const;

/** One header row: the stable keys, or the same columns named in the export's language. */
function headersFor(lang: ExportInput['headers']): string[] {
  return lang === 'keys' ? [...HEADERS] : HEADERS.map((k) => messages[lang][`data.export.col.${k}`]);
}

function sheetOf(contacts: ContactRow[], timeZone: string, headers: ExportInput['headers'] = 'keys'): Sheet {
  return {
    headers: headersFor(headers),
    rows: contacts.map((c) => [
      c.name,
      // National form ("139 1234 5678") stays text in Excel; abroad the international form.
      formatPhone(c.phone),
      c.email ?? '',
      c.memberCode ?? '',
      c.lastVisitAt ? businessDate(c.lastVisitAt, timeZone) : '',
      c.visits,
      { minor: c.totalMinor },
      c.tags.join(', '),
      c.staffName ?? '',
      c.consented ? 'yes' : 'no',
    ]),
  };
}

const MIME = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  vcf: 'text/vcard',
} as const;

/**
 * Exports a segment's contacts for a channel and remembers it as a campaign. Only customers who
 * agreed to be contacted on that channel, unless the owner gives a reason (logged).
 */
export async function exportContacts(
  ctx: Ctx,
  input: ExportInput,
  /** where the file goes, for the activity log: a path (command line), else a download in the app */
  to = 'download',
): Promise<{ campaign: Campaign; fileName: string; mime: string; bytes: Buffer }> {
  const sel = selectContacts(ctx, input);
  const settings = getSettings(ctx.db);
  const now = ctx.clock.now();
  const day = businessDate(now, settings.timeZone);
  const label = [input.segment, input.tier, input.tag, input.staff, input.name]
    .filter(Boolean)
    .join('-')
    .replace(/[^\p{L}\p{N}-]+/gu, '_');
  const fileName = `regulars-${label}-${input.channel}-${day}.${input.format}`;
  const bytes =
    input.format === 'csv'
      ? toCsv(sheetOf(sel.contacts, settings.timeZone, input.headers))
      : input.format === 'xlsx'
        ? await toXlsx(sheetOf(sel.contacts, settings.timeZone, input.headers), label || 'contacts')
        : toVcf(sel.contacts, input.vcardVersion);
  const params: Record<string, string> = {};
  for (const k of ['tag', 'staff', 'name', 'tier'] as const) if (input[k]) params[k] = input[k]!;
  // a printed call list is written as CSV but is its own way of reaching the customers
  const format = input.callList ? 'call_list' : input.format;
  const record: Omit<Campaign, 'id'> = {
    createdAt: now,
    businessDate: day,
    segment: input.segment,
    segmentParams: params,
    channel: input.channel,
    format,
    formats: [format],
    fileName,
    matched: sel.matched,
    exported: sel.contacts.length,
    leftOutNoConsent: sel.leftOutNoConsent,
    leftOutNoContact: sel.leftOutNoContact,
    withoutConsentReason: input.includeWithoutConsent ? (input.reason ?? null) : null,
  };
  const memberIds = sel.contacts.map((c) => c.id);
  // One campaign per list and channel: the same list written again today in another format joins it.
  const campaign = ctx.db.transaction(() => {
    const same = q.sameListCampaign(ctx.db, record, memberIds);
    const c = same
      ? q.addCampaignFormat(ctx.db, same.id, format)
      : { id: q.insertCampaign(ctx.db, record, memberIds), ...record };
    audit(ctx.db, now, 'export.contacts', 'campaign', c.id, {
      segment: input.segment,
      channel: input.channel,
      format,
      exported: sel.contacts.length,
      withoutConsent: input.includeWithoutConsent ? sel.contacts.filter((c) => !c.consented).length : 0,
      reason: input.includeWithoutConsent ? input.reason : undefined,
      to,
    });
    return c;
  })();
  return { campaign, fileName, mime: MIME[input.format], bytes };
}

const DAY = 86_400_000;

export function campaignResults(ctx: Ctx, id: number) {
  const campaign = q.getCampaign(ctx.db, id);
  if (!campaign) throw new AppError('NOT_FOUND', { entity: 'campaign', id });
  const members = q.campaignMembers(ctx.db, id).map((m) => ({
    id: m.id,
    name: m.name,
    phone: m.phone,
    firstSaleAfterAt: m.first_after,
    daysToReturn: m.first_after === null ? null : Math.floor((m.first_after - campaign.createdAt) / DAY),
  }));
  const within = (d: number) => members.filter((m) => m.daysToReturn !== null && m.daysToReturn < d).length;
  return { campaign, returned: { d30: within(30), d60: within(60), d90: within(90) }, members };
}

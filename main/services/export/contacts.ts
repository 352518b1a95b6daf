import type { Channel } from '../../../shared/schemas/common';
import type { Campaign, ContactRow, ExportInput } from '../../../shared/schemas/export';
import { formatPhone } from '../../../shared/domain/phone';
import { businessDate } from '../../../shared/domain/dates';
import * as q from '../../db/queries/campaigns';
import { tagsOfMany } from '../../db/queries/customers';
import { audit } from '../../db/queries/audit';
import type { Ctx } from '../../ctx';
import { getSettings } from '../settings';
import { segmentClause } from './segments';
import { toCsv, toVcf, toXlsx, type Sheet } from './formats';
import { messages } from '../../../shared/i18n';
import { issueOffer } from '../offers';
import { SMS_HEADERS, sendings, smsPhone, type Sending } from './messages';
import type { Offer } from '../../../shared/schemas/offers';

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
function headersFor(lang: ExportInput['headers'], extra: readonly ('message' | 'offer_code')[]): string[] {
  const keys = [...HEADERS, ...extra];
  return lang === 'keys' ? keys : keys.map((k) => messages[lang][`data.export.col.${k}`]);
}

function sheetOf(contacts: ContactRow[], timeZone: string, input: ExportInput, sent: ReadonlyMap<number, Sending>): Sheet {
  // the SMS platform's sheet: one row per message to send, its number as the platform takes it
  if (input.layout === 'sms')
    return {
      headers: [...SMS_HEADERS],
      rows: contacts.flatMap((c) => {
        const m = sent.get(c.id)?.message;
        return m ? [[smsPhone(c.phone), m]] : [];
      }),
    };
  const extra = [...(input.message ? (['message'] as const) : []), ...(input.offer ? (['offer_code'] as const) : [])];
  return {
    headers: headersFor(input.headers, extra),
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
      ...(input.message ? [sent.get(c.id)?.message ?? ''] : []),
      ...(input.offer ? [sent.get(c.id)?.offerCode ?? ''] : []),
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
 * agreed to be contacted on that channel, unless the owner gives a reason (logged); messages and
 * offers only ever go to those who agreed.
 *
 * Without an offer the file is written first and the campaign logged after (as before). With an
 * offer the codes must exist before the file can carry them: issuing every offer and logging the
 * campaign (with each member's message) is one transaction, then the file is written and handed
 * to `deliver` (the command line writes it to disk there); if that fails, a second transaction
 * takes the campaign and its unused offers back, so a file that never came to be issued nothing.
 */
export async function exportContacts(
  ctx: Ctx,
  input: ExportInput,
  /** where the file goes, for the activity log: a path (command line), else a download in the app */
  to = 'download',
  deliver: (bytes: Buffer) => void = () => {},
): Promise<{ campaign: Campaign; fileName: string; mime: string; bytes: Buffer; offers: number }> {
  const sel = selectContacts(ctx, input);
  const settings = getSettings(ctx.db);
  const now = ctx.clock.now();
  const day = businessDate(now, settings.timeZone);
  const label = [input.segment, input.tier, input.tag, input.staff, input.name]
    .filter(Boolean)
    .join('-')
    .replace(/[^\p{L}\p{N}-]+/gu, '_');
  const fileName = `regulars-${label}-${input.layout === 'sms' ? 'sms-platform' : input.channel}-${day}.${input.format}`;
  const write = async (sent: ReadonlyMap<number, Sending>) =>
    input.format === 'csv'
      ? toCsv(sheetOf(sel.contacts, settings.timeZone, input, sent))
      : input.format === 'xlsx'
        ? await toXlsx(sheetOf(sel.contacts, settings.timeZone, input, sent), label || 'contacts')
        : toVcf(sel.contacts, input.vcardVersion);
  const params: Record<string, string> = {};
  for (const k of ['tag', 'staff', 'name', 'tier'] as const) if (input[k]) params[k] = input[k]!;
  // a printed call list is written as CSV but is its own way of reaching the customers; an SMS
  // platform's sheet is its own format too
  const format = input.callList ? 'call_list' : input.layout === 'sms' ? `sms_${input.format}` : input.format;
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
  const auditEntry = (id: number, sent: ReadonlyMap<number, Sending>) =>
    audit(ctx.db, now, 'export.contacts', 'campaign', id, {
      segment: input.segment,
      channel: input.channel,
      format,
      exported: sel.contacts.length,
      withoutConsent: input.includeWithoutConsent ? sel.contacts.filter((c) => !c.consented).length : 0,
      reason: input.includeWithoutConsent ? input.reason : undefined,
      messages: [...sent.values()].filter((x) => x.message !== null).length || undefined,
      offers: [...sent.values()].filter((x) => x.offerCode !== null).length || undefined,
      to,
    });
  const messagesOf = (sent: ReadonlyMap<number, Sending>) =>
    new Map([...sent].flatMap(([id, x]) => (x.message === null ? [] : [[id, x.message] as const])));

  const offer = input.offer;
  if (!offer) {
    const sent = sendings(ctx, input, sel.contacts, new Map());
    const bytes = await write(sent);
    // One campaign per list and channel: the same list written again today in another format joins it.
    const campaign = ctx.db.transaction(() => {
      const same = q.sameListCampaign(ctx.db, record, memberIds);
      const c = same
        ? q.addCampaignFormat(ctx.db, same.id, format)
        : { id: q.insertCampaign(ctx.db, record, memberIds), ...record };
      q.setMemberMessages(ctx.db, c.id, messagesOf(sent));
      auditEntry(c.id, sent);
      return c;
    })();
    deliver(bytes);
    return { campaign, fileName, mime: MIME[input.format], bytes, offers: 0 };
  }

  // With an offer: a campaign of its own (never joined to another export of the list), each
  // customer who may be sent a message their own offer, in one transaction.
  const { campaign, sent } = ctx.db.transaction(() => {
    const id = q.insertCampaign(ctx.db, record, memberIds);
    const codes = new Map<number, Offer>();
    for (const c of sel.contacts) {
      if (!c.consented) continue;
      const o = issueOffer(ctx, {
        customerId: c.id,
        kind: offer.kind,
        value: offer.value,
        minSpendMinor: offer.minSpendMinor,
        expiresOn: offer.expiresOn,
        source: { campaignId: id },
      });
      codes.set(c.id, o);
    }
    const s = sendings(ctx, input, sel.contacts, codes);
    q.setMemberMessages(ctx.db, id, messagesOf(s));
    return { campaign: { id, ...record }, sent: s };
  })();
  try {
    const bytes = await write(sent);
    deliver(bytes);
    // the owner's activity log names the export once its file exists (a withdrawn one is not listed)
    auditEntry(campaign.id, sent);
    const offers = [...sent.values()].filter((x) => x.offerCode !== null).length;
    return { campaign, fileName, mime: MIME[input.format], bytes, offers };
  } catch (e) {
    ctx.db.transaction(() => {
      q.withdrawCampaign(ctx.db, campaign.id);
      audit(ctx.db, ctx.clock.now(), 'export.withdrawn', 'campaign', campaign.id, { reason: 'file_not_written', to });
    })();
    throw e;
  }
}

export { campaignResults } from './campaign-results';

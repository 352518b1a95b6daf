import type { Channel } from '../../../shared/schemas/common';
import type { Campaign, ContactRow, ExportInput } from '../../../shared/schemas/export';
import { formatPhone } from '../../../shared/domain/phone';
import { businessDate } from '../../../shared/domain/dates';
import { AppError } from '../../../shared/api/errors';
import * as q from '../../db/queries/campaigns';
import { tagsOfMany } from '../../db/queries/customers';
import type { Ctx } from '../../ctx';
import { onWriter } from '../../core/write-step';
import { getSettings } from '../settings';
import { segmentClause } from './segments';
import { toCsv, toVcf, toXlsx, type Sheet } from './formats';
import { messages } from '../../../shared/i18n';
import { checkOfferTerms, freshCodes } from '../offers';
import type { OfferInMessage } from '../reach';
import { SMS_HEADERS, sendings, smsPhone, type Sending } from './messages';
import { EXPORT_CHANGED, logExportStep, recordExportStep, withdrawExportStep, type ExportLog, type ExportWrite } from './record';

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

/** Agreed to contact, in the headings' language: `yes`/`no` beside the keys for scripts. */
function consentWord(lang: ExportInput['headers'], consented: boolean): string {
  if (lang === 'keys') return consented ? 'yes' : 'no';
  return messages[lang][consented ? 'data.export.consent.yes' : 'data.export.consent.no'];
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
      consentWord(input.headers, c.consented),
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

/** An export made ready on the reader: its file and the write that records it. */
interface PreparedExport {
  fileName: string;
  bytes: Buffer;
  offers: number;
  write: ExportWrite;
  /** the activity log's entry for the export (in `write` too when it is written with the campaign) */
  log: ExportLog;
}

/**
 * Everything of an export that only reads, on the lane it runs on (the heavy reader in the app):
 * the segment, each customer's message and new offer code, the file itself. No transaction: the
 * write is handed over as plain data (record.ts).
 */
async function prepareExport(ctx: Ctx, input: ExportInput, to: string, logNow: boolean): Promise<PreparedExport> {
  const sel = selectContacts(ctx, input);
  const settings = getSettings(ctx.db);
  const now = ctx.clock.now();
  const day = businessDate(now, settings.timeZone);
  const label = [input.segment, input.tier, input.tag, input.staff, input.name]
    .filter(Boolean)
    .join('-')
    .replace(/[^\p{L}\p{N}-]+/gu, '_');
  const fileName = `regulars-${label}-${input.layout === 'sms' ? 'sms-platform' : input.channel}-${day}.${input.format}`;
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

  // With an offer, each customer who may be sent a message gets their own code, drawn here and
  // written by the writer with the campaign (which refuses codes taken meanwhile).
  const offered = input.offer ? sel.contacts.filter((c) => c.consented) : [];
  const terms = input.offer && offered.length > 0 ? checkOfferTerms(input.offer, day) : null;
  const codes = terms ? freshCodes(ctx, offered.length) : [];
  const offers = new Map<number, OfferInMessage>(
    terms ? offered.map((c, i) => [c.id, { ...terms, code: codes[i]!, status: 'open' as const }]) : [],
  );
  const sent = sendings(ctx, input, sel.contacts, offers);
  const bytes =
    input.format === 'csv'
      ? toCsv(sheetOf(sel.contacts, settings.timeZone, input, sent))
      : input.format === 'xlsx'
        ? await toXlsx(sheetOf(sel.contacts, settings.timeZone, input, sent), label || 'contacts')
        : toVcf(sel.contacts, input.vcardVersion);
  const offerCount = [...sent.values()].filter((x) => x.offerCode !== null).length;
  const log: ExportLog = {
    at: now,
    detail: {
      segment: input.segment,
      channel: input.channel,
      format,
      exported: sel.contacts.length,
      withoutConsent: input.includeWithoutConsent ? sel.contacts.filter((c) => !c.consented).length : 0,
      reason: input.includeWithoutConsent ? input.reason : undefined,
      messages: [...sent.values()].filter((x) => x.message !== null).length || undefined,
      offers: offerCount || undefined,
      to,
    },
  };
  return {
    fileName,
    bytes,
    offers: offerCount,
    log,
    write: {
      record,
      members: JSON.stringify(sel.contacts.map((c) => [c.id, sent.get(c.id)?.message ?? null])),
      offer: input.offer
        ? {
            kind: input.offer.kind,
            value: input.offer.value,
            minSpendMinor: terms?.minSpendMinor ?? input.offer.minSpendMinor,
            expiresOn: terms?.expiresOn ?? input.offer.expiresOn,
            codes: JSON.stringify(offered.map((c, i) => [c.id, codes[i]!])),
            count: codes.length,
          }
        : null,
      log: logNow ? log : null,
    },
  };
}

/** Tries of an export whose shop changed between its preparing and its writing (a code taken meanwhile, a customer merged). */
const EXPORT_TRIES = 3;

/**
 * Exports a segment's contacts for a channel and remembers it as a campaign. Only customers who
 * agreed to be contacted on that channel, unless the owner gives a reason (logged); messages and
 * offers only ever go to those who agreed.
 *
 * The file is made first, with each offer's code drawn beforehand, on the lane the call runs on
 * (the heavy reader in the app), outside any transaction; then one short transaction on the
 * writer lane records the campaign, its members and messages, every offer and the activity log's
 * entries, in set-based statements (record.ts, docs/architecture.md "Write steps"). A sale at the
 * counter waits for that write only, never for the reading and the file.
 *
 * The command line hands the file to `deliver` (it writes it to disk) after the campaign is
 * recorded; the export is logged once the file is there, and if it cannot be written, a second
 * transaction takes the campaign and its unused offers back, so a file that never came to be
 * issued nothing.
 */
export async function exportContacts(
  ctx: Ctx,
  input: ExportInput,
  /** where the file goes, for the activity log: a path (command line), else a download in the app */
  to = 'download',
  deliver?: (bytes: Buffer) => void,
): Promise<{ campaign: Campaign; fileName: string; mime: string; bytes: Buffer; offers: number }> {
  for (let attempt = 1; ; attempt++) {
    // Without a file to deliver (the app: the file is the reply) the export is logged with its campaign.
    const p = await prepareExport(ctx, input, to, !deliver || !input.offer);
    let campaign: Campaign;
    try {
      ({ campaign } = await onWriter(ctx, recordExportStep, p.write));
    } catch (e) {
      if (attempt < EXPORT_TRIES && e instanceof AppError && e.detail?.reason === EXPORT_CHANGED) continue;
      throw e;
    }
    const done = { campaign, fileName: p.fileName, mime: MIME[input.format], bytes: p.bytes, offers: p.offers };
    if (!deliver) return done;
    if (!input.offer) {
      deliver(p.bytes);
      return done;
    }
    try {
      deliver(p.bytes);
    } catch (e) {
      await onWriter(ctx, withdrawExportStep, { campaignId: campaign.id, at: ctx.clock.now(), to });
      throw e;
    }
    // the owner's activity log names the export once its file exists (a withdrawn one is not listed)
    await onWriter(ctx, logExportStep, { campaignId: campaign.id, log: p.log });
    return done;
  }
}

export { campaignResults } from './campaign-results';

import { z } from 'zod';
import { AmountMinor, Channel, IsoDate, OptionalText, Text } from './common';
import { Tier } from './lapsed';
import { MESSAGE_KINDS } from '../domain/messages';
import { OFFER_KINDS } from '../domain/offers';

/**
 * Export segments. Those marked later in the comments are offered once the analysis that defines
 * them exists; asking for them before gives SEGMENT_UNAVAILABLE.
 */
export const SEGMENTS = [
  'all',
  'tag',
  'staff',
  'lapsed',
  'fading',
  'price-sensitive',
  'key',
  'main',
  'ordinary',
  'small',
  'complaints',
  'winback',
  'saved',
] as const;
export const Segment = z.enum(SEGMENTS);
export type Segment = z.infer<typeof Segment>;
/** Segments waiting for the features that define them (none left). */
const LATER: readonly Segment[] = [];
export const AVAILABLE_SEGMENTS: readonly Segment[] = SEGMENTS.filter((s) => !LATER.includes(s));

export const ExportFormat = z.enum(['csv', 'xlsx', 'vcf']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** Segments that are the lapsed list (or a part of it): the Lapsed screen's tier and staff filters apply to them. */
export const LIST_SEGMENTS: readonly Segment[] = ['lapsed', 'fading', 'price-sensitive'];

export const SegmentSpec = z.strictObject({
  segment: Segment,
  tag: Text(40).optional(),
  /** a staff member by id or by name: the segment `staff`, or the lapsed list's staff filter */
  staff: Text(60).optional(),
  name: Text(60).optional(),
  /** the lapsed list's tier filter (LIST_SEGMENTS only) */
  tier: Tier.optional(),
});
export type SegmentSpec = z.infer<typeof SegmentSpec>;

/** vCard 3.0 (default: phones that import only 2.1/3.0 read it) or 4.0. */
export const VCARD_VERSIONS = ['3.0', '4.0'] as const;
export const VCardVersion = z.enum(VCARD_VERSIONS);

/**
 * Columns of a CSV / .xlsx: the contact list, or the sheet the SMS platforms used in China import
 * for personalised messages (手机号码 + 短信内容, one row per message to send).
 */
export const EXPORT_LAYOUTS = ['contacts', 'sms'] as const;
export const ExportLayout = z.enum(EXPORT_LAYOUTS);

/** Which suggested text goes in the export: chosen per customer from what is known of them, or one for all. */
export const ExportMessageKind = z.enum(['auto', ...MESSAGE_KINDS]);

/** One offer for every customer in the export who may be sent a message (each gets a code of their own). */
export const ExportOffer = z
  .strictObject({
    kind: z.enum(OFFER_KINDS, { error: 'invalid' }),
    /** minor units for money off, a whole percent (1–100) for a percentage */
    value: z.number({ error: 'amount_invalid' }).int('amount_not_integer').positive('offer_value_invalid'),
    minSpendMinor: AmountMinor.default(0),
    /** the last day it can be used, in the shop's time zone; none = no expiry */
    expiresOn: IsoDate.nullable().default(null),
  })
  .superRefine((d, ctx) => {
    if (d.kind === 'percent_off' && d.value > 100) ctx.addIssue({ code: 'custom', path: ['value'], message: 'percent_invalid' });
    if (d.kind === 'amount_off' && !AmountMinor.safeParse(d.value).success)
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'amount_too_large' });
  });
export type ExportOffer = z.output<typeof ExportOffer>;

export const ExportInput = SegmentSpec.extend({
  channel: Channel,
  format: ExportFormat,
  vcardVersion: VCardVersion.default('3.0'),
  /** the CSV is for a printed call list: the campaign records it as `call_list` */
  callList: z.boolean().default(false),
  /** CSV / .xlsx column headings: in Chinese or English for people, or the stable keys for scripts */
  headers: z.enum(['zh-CN', 'en', 'keys']).default('keys'),
  includeWithoutConsent: z.boolean().default(false),
  reason: OptionalText(500).optional(),
  /** CSV / .xlsx columns: the contact list, or phone + message for an SMS platform */
  layout: ExportLayout.default('contacts'),
  /** add each customer's suggested message (the SMS layout always has it) */
  message: z.boolean().default(false),
  messageKind: ExportMessageKind.default('auto'),
  /** issue this offer to everyone in the export who may be sent a message; the code goes in the file */
  offer: ExportOffer.optional(),
}).superRefine((v, ctx) => {
  if (v.includeWithoutConsent && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'reason_required' });
  if (v.segment === 'tag' && !v.tag) ctx.addIssue({ code: 'custom', path: ['tag'], message: 'required' });
  if (v.segment === 'staff' && !v.staff) ctx.addIssue({ code: 'custom', path: ['staff'], message: 'required' });
  if (v.segment === 'saved' && !v.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'required' });
  if (v.tier && !LIST_SEGMENTS.includes(v.segment))
    ctx.addIssue({ code: 'custom', path: ['tier'], message: 'tier_with_list_only' });
  if (v.staff && v.segment !== 'staff' && !LIST_SEGMENTS.includes(v.segment))
    ctx.addIssue({ code: 'custom', path: ['staff'], message: 'staff_with_list_only' });
  if (v.callList && v.format !== 'csv') ctx.addIssue({ code: 'custom', path: ['callList'], message: 'call_list_is_csv' });
  const sheet = v.format !== 'vcf' && !v.callList;
  if (v.layout === 'sms' && !sheet) ctx.addIssue({ code: 'custom', path: ['layout'], message: 'sms_layout_is_sheet' });
  if (v.layout === 'sms' && v.channel !== 'sms')
    ctx.addIssue({ code: 'custom', path: ['channel'], message: 'sms_layout_is_sms' });
  // a row of an SMS platform's sheet is a message sent: only to customers who agreed to SMS
  if (v.layout === 'sms' && v.includeWithoutConsent)
    ctx.addIssue({ code: 'custom', path: ['includeWithoutConsent'], message: 'sms_needs_consent' });
  if ((v.message || v.offer) && !sheet) ctx.addIssue({ code: 'custom', path: ['message'], message: 'message_in_sheet_only' });
});
export type ExportInput = z.output<typeof ExportInput>;

export const ContactRow = z.object({
  id: z.number(),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  memberCode: z.string().nullable(),
  lastVisitAt: z.number().nullable(),
  visits: z.number(),
  totalMinor: z.number(),
  tags: z.array(z.string()),
  staffName: z.string().nullable(),
  consented: z.boolean(),
});
export type ContactRow = z.infer<typeof ContactRow>;

export const Campaign = z.object({
  id: z.number(),
  createdAt: z.number(),
  businessDate: z.string(),
  segment: z.string(),
  segmentParams: z.record(z.string(), z.string()),
  channel: Channel,
  /** the first format it was written in (kept for scripts); all of them are in `formats` */
  format: z.string(),
  /** every format this list was written in on this channel, in order: csv, xlsx, vcf, call_list */
  formats: z.array(z.string()),
  fileName: z.string(),
  matched: z.number(),
  exported: z.number(),
  leftOutNoConsent: z.number(),
  leftOutNoContact: z.number(),
  withoutConsentReason: z.string().nullable(),
});
export type Campaign = z.infer<typeof Campaign>;

export const ExportResult = z.object({
  campaign: Campaign,
  fileName: z.string(),
  mime: z.string(),
  /** the file, base64-encoded (the UI saves it; the CLI writes it to --out) */
  base64: z.string(),
  /** offers the export issued (one per customer who may be sent a message) */
  offers: z.number(),
});

export const CampaignResults = z.object({
  campaign: Campaign,
  /** members who bought again within 30/60/90 days after the export */
  returned: z.object({ d30: z.number(), d60: z.number(), d90: z.number() }),
  members: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      phone: z.string().nullable(),
      firstSaleAfterAt: z.number().nullable(),
      daysToReturn: z.number().nullable(),
      /** the message text written for them in the export (null: no message) */
      message: z.string().nullable(),
      /** the code of the offer the export issued them, and where it stands */
      offerCode: z.string().nullable(),
      offerStatus: z.enum(['open', 'redeemed', 'expired']).nullable(),
    }),
  ),
});

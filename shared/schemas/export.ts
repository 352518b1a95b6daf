import { z } from 'zod';
import { Channel, OptionalText, Text } from './common';

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

export const SegmentSpec = z.strictObject({
  segment: Segment,
  tag: Text(40).optional(),
  /** a staff member by id or by name */
  staff: Text(60).optional(),
  name: Text(60).optional(),
});
export type SegmentSpec = z.infer<typeof SegmentSpec>;

export const ExportInput = SegmentSpec.extend({
  channel: Channel,
  format: ExportFormat,
  /** CSV / .xlsx column headings: in Chinese or English for people, or the stable keys for scripts */
  headers: z.enum(['zh-CN', 'en', 'keys']).default('keys'),
  includeWithoutConsent: z.boolean().default(false),
  reason: OptionalText(500).optional(),
}).superRefine((v, ctx) => {
  if (v.includeWithoutConsent && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'reason_required' });
  if (v.segment === 'tag' && !v.tag) ctx.addIssue({ code: 'custom', path: ['tag'], message: 'required' });
  if (v.segment === 'staff' && !v.staff) ctx.addIssue({ code: 'custom', path: ['staff'], message: 'required' });
  if (v.segment === 'saved' && !v.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'required' });
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
  format: z.string(),
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
    }),
  ),
});

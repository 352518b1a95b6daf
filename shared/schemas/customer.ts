import { z } from 'zod';
import { normalizePhone } from '../domain/phone';
import { Channel, Id, IsoDate, OptionalText, Text } from './common';

/** A phone as typed; normalized to E.164 or rejected with `phone_invalid`. */
export const PhoneInput = z
  .string({ error: 'phone_invalid' })
  .max(32, 'phone_invalid')
  .transform((raw, ctx) => {
    const e164 = normalizePhone(raw);
    if (!e164) {
      ctx.addIssue({ code: 'custom', message: 'phone_invalid' });
      return z.NEVER;
    }
    return e164;
  });

export const TagName = Text(40);
export const ConsentInput = z.partialRecord(Channel, z.boolean());

export const CustomerDraft = z.strictObject({
  name: Text(100, 'name_required'),
  phone: PhoneInput.nullable().optional(),
  memberCode: OptionalText(40).optional(),
  birthday: IsoDate.nullable().optional(),
  notes: OptionalText(5000, 'multi').optional(),
  tags: z.array(TagName).max(50).optional(),
  staffId: Id.nullable().optional(),
  consent: ConsentInput.optional(),
  /** Where consent was given (at the counter, paper form, import...). */
  consentSource: OptionalText(100).optional(),
});
export type CustomerDraft = z.output<typeof CustomerDraft>;

export const CustomerPatch = z.strictObject({
  id: Id,
  name: Text(100, 'name_required').optional(),
  phone: PhoneInput.nullable().optional(),
  memberCode: OptionalText(40).nullable().optional(),
  birthday: IsoDate.nullable().optional(),
  notes: OptionalText(5000, 'multi').optional(),
  tags: z.array(TagName).max(50).optional(),
  staffId: Id.nullable().optional(),
});
export type CustomerPatch = z.output<typeof CustomerPatch>;

export const ConsentState = z.object({
  granted: z.boolean(),
  changedAt: z.number().nullable(),
  source: z.string().nullable(),
});
export const Consents = z.record(Channel, ConsentState);
export type Consents = z.infer<typeof Consents>;

export const CustomerStats = z.object({
  visits: z.number(),
  salesCount: z.number(),
  totalMinor: z.number(),
  firstVisitAt: z.number().nullable(),
  lastVisitAt: z.number().nullable(),
  /** usual gap in days (empirical-Bayes shrunk), null before the first visit */
  usualGapDays: z.number().nullable(),
});
export type CustomerStats = z.infer<typeof CustomerStats>;

export const Customer = z.object({
  id: z.number(),
  name: z.string(),
  phone: z.string().nullable(),
  memberCode: z.string().nullable(),
  birthday: z.string().nullable(),
  notes: z.string(),
  tags: z.array(z.string()),
  staffId: z.number().nullable(),
  staffName: z.string().nullable(),
  /** the staff member looking after them has left the shop */
  staffLeft: z.boolean(),
  consents: Consents,
  createdAt: z.number(),
  updatedAt: z.number(),
  stats: CustomerStats,
});
export type Customer = z.infer<typeof Customer>;

/** A row in search results and lists: enough to recognise and pick the customer. */
export const CustomerSummary = z.object({
  id: z.number(),
  name: z.string(),
  phone: z.string().nullable(),
  memberCode: z.string().nullable(),
  visits: z.number(),
  totalMinor: z.number(),
  lastVisitAt: z.number().nullable(),
  tags: z.array(z.string()),
});
export type CustomerSummary = z.infer<typeof CustomerSummary>;

export const SearchInput = z.strictObject({
  query: Text(100),
  limit: z.number().int().min(1).max(50).default(10),
});

export const ListInput = z.strictObject({
  query: OptionalText(100).default(''),
  tag: OptionalText(40).nullable().default(null),
  consent: z
    .union([Channel, z.literal('none')])
    .nullable()
    .default(null),
  sort: z.enum(['last_visit', 'total_spent', 'name', 'created']).default('last_visit'),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type ListInput = z.output<typeof ListInput>;

export const ListOutput = z.object({ total: z.number(), rows: z.array(CustomerSummary) });

export const ConsentChange = z.strictObject({
  customerId: Id,
  channel: Channel,
  granted: z.boolean(),
  source: Text(100, 'required').default('in_app'),
  note: OptionalText(500, 'multi').optional(),
});

export const ConsentEvent = z.object({
  channel: Channel,
  granted: z.boolean(),
  changedAt: z.number(),
  source: z.string(),
  note: z.string(),
});

export const MergeInput = z.strictObject({
  /** the customer that stays */
  keepId: Id,
  /** the customer folded into it */
  mergeId: Id,
});

/** A named Customers-screen filter (also an export segment: `--segment saved --name NAME`). */
export const SavedFilterInput = z.strictObject({
  name: Text(60, 'name_required'),
  query: OptionalText(100).default(''),
  tag: OptionalText(40).nullable().default(null),
  consent: z
    .union([Channel, z.literal('none')])
    .nullable()
    .default(null),
});
export const SavedFilter = z.object({
  id: z.number(),
  name: z.string(),
  query: z.string(),
  tag: z.string().nullable(),
  consent: z.union([Channel, z.literal('none')]).nullable(),
  createdAt: z.number(),
});
export type SavedFilter = z.infer<typeof SavedFilter>;

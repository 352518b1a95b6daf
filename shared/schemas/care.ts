import { z } from 'zod';
import { AmountMinor, Channel, Id, IsoDate, OptionalText, Text } from './common';
import { Offer } from './offers';
import {
  COMPLAINT_CHANNELS,
  COMPLAINT_OUTCOMES,
  COMPLAINT_STATUSES,
  COMPLAINT_STEPS,
  DECISIONS,
  LEAVE_REASONS,
  LET_GO_CRITERIA,
  REMEDIES,
  SEVERITIES,
  WINBACK_OUTCOMES,
  WINBACK_STATUSES,
} from '../domain/care';
import { Tier } from './lapsed';

export const LeaveReason = z.enum(LEAVE_REASONS, { error: 'invalid' });
export const Remedy = z.enum(REMEDIES, { error: 'invalid' });

export const ComplaintDraft = z.strictObject({
  customerId: Id,
  channel: z.enum(COMPLAINT_CHANNELS, { error: 'invalid' }),
  reason: LeaveReason,
  severity: z.enum(SEVERITIES, { error: 'invalid' }),
  whatHappened: Text(1000, 'what_happened_required', 'multi'),
  customerWants: OptionalText(500, 'multi').default(''),
  staffId: Id.nullable().default(null),
});

/** How to reach the customer of a task: the number, the channels they agreed to, the suggested text (shop's language). */
export const Contact = z.object({ phone: z.string().nullable(), consents: z.array(Channel), message: z.string() });
export type Contact = z.infer<typeof Contact>;

export const ATTEMPT_OUTCOMES = ['reached', 'no_answer', 'wrong_number'] as const;
/** One attempt to reach the customer (reason: the leave reason, when reached and they said). */
export const Attempt = z.object({
  outcome: z.enum(ATTEMPT_OUTCOMES),
  reason: LeaveReason.nullable(),
  at: z.number(),
  staffId: z.number().nullable(),
  note: z.string(),
});
export type Attempt = z.infer<typeof Attempt>;
/** What the attempts so far come to: tries without an answer since the last reached one, and when to try again. */
export const AttemptSummary = z.object({
  attempts: z.array(Attempt),
  noAnswerTries: z.number(),
  /** after "no answer": two days later (YYYY-MM-DD), else null */
  retryOn: z.string().nullable(),
  wrongNumber: z.boolean(),
  /** the business day of the last attempt (Today keeps an item tried that day in view) */
  lastAttemptOn: z.string().nullable(),
});
export type AttemptSummary = z.infer<typeof AttemptSummary>;

export const CaseEvent = z.object({ step: z.string(), at: z.number(), staffId: z.number().nullable(), note: z.string() });

export const Complaint = z.object({
  id: z.number(),
  customerId: z.number(),
  customerName: z.string(),
  channel: z.enum(COMPLAINT_CHANNELS),
  reason: LeaveReason,
  severity: z.enum(SEVERITIES),
  whatHappened: z.string(),
  customerWants: z.string(),
  staffId: z.number().nullable(),
  status: z.enum(COMPLAINT_STATUSES),
  openedAt: z.number(),
  openedOn: z.string(),
  acknowledgeBy: z.string(),
  resolveBy: z.string(),
  done: z.record(z.enum(COMPLAINT_STEPS), z.boolean()),
  nextStep: z.enum(COMPLAINT_STEPS).nullable(),
  remedy: Remedy.nullable(),
  suggestedRemedy: Remedy,
  remedyCostMinor: z.number().nullable(),
  followUpOn: z.string().nullable(),
  outcome: z.enum(COMPLAINT_OUTCOMES).nullable(),
  /** the step's due date has passed (acknowledge, resolve or follow up) */
  overdue: z.boolean(),
  /** the date the next step is due (null when nothing is left to do) */
  due: z.string().nullable(),
  events: z.array(CaseEvent),
  /** filled in for one complaint (get, steps), null in lists */
  contact: Contact.nullable(),
  /** attempts to reach them about it (one complaint; null in lists) */
  reach: AttemptSummary.nullable(),
});
export type Complaint = z.infer<typeof Complaint>;

export const ComplaintStepInput = z.strictObject({
  id: Id,
  step: z.enum(COMPLAINT_STEPS, { error: 'invalid' }),
  note: OptionalText(500, 'multi').default(''),
  staffId: Id.nullable().default(null),
  /** agree_remedy: which remedy (default: the one suggested for the reason) */
  remedy: Remedy.optional(),
  /** act: what the remedy cost the shop */
  costMinor: AmountMinor.optional(),
  /** act: when to follow up (default 3 days later) */
  followUpOn: IsoDate.optional(),
  /** follow_up: the outcome (required for that step) */
  outcome: z.enum(COMPLAINT_OUTCOMES, { error: 'invalid' }).optional(),
});

export const ComplaintQuery = z.strictObject({
  /** active: not yet followed up; all: every complaint */
  filter: z.enum(['active', 'all']).default('active'),
  customerId: Id.nullable().default(null),
});

export const WinbackCase = z.object({
  id: z.number(),
  customerId: z.number(),
  customerName: z.string(),
  /** open, contacted, won_back, let_go, closed — or overdue (open/contacted past its follow-up date) */
  status: z.enum(WINBACK_STATUSES),
  outcome: z.enum(WINBACK_OUTCOMES).nullable(),
  tier: Tier,
  value12mMinor: z.number(),
  openedAt: z.number(),
  openedOn: z.string(),
  reason: LeaveReason.nullable(),
  decision: z.enum(DECISIONS).nullable(),
  suggestedDecision: z.enum(DECISIONS),
  contactedAt: z.number().nullable(),
  remedy: Remedy.nullable(),
  suggestedRemedy: Remedy.nullable(),
  remedyCostMinor: z.number().nullable(),
  followUpOn: z.string(),
  letGoCriterion: z.enum(LET_GO_CRITERIA).nullable(),
  wonSaleId: z.number().nullable(),
  /** what they have paid since the contact (won back cases) */
  recoveredMinor: z.number(),
  /** still not contacted, the customer bought again since the case opened: when (a case is won back only after a contact) */
  cameBackAt: z.number().nullable(),
  closedAt: z.number().nullable(),
  events: z.array(CaseEvent),
  /** filled in for one case (get, steps), null in lists */
  contact: Contact.nullable(),
  /** attempts to reach them (one case; null in lists) */
  reach: AttemptSummary.nullable(),
  /** the latest offer issued from the case (one case; null in lists) */
  offer: Offer.nullable(),
});
export type WinbackCase = z.infer<typeof WinbackCase>;

export const WinbackStart = z.strictObject({
  customerId: Id,
  note: OptionalText(500, 'multi').default(''),
  staffId: Id.nullable().default(null),
});

export const WinbackStepInput = z.strictObject({
  id: Id,
  step: z.enum(['contact', 'decide', 'remedy', 'follow_up', 'close', 'let_go'], { error: 'invalid' }),
  note: OptionalText(500, 'multi').default(''),
  staffId: Id.nullable().default(null),
  /** contact: why they stopped coming */
  reason: LeaveReason.optional(),
  decision: z.enum(DECISIONS, { error: 'invalid' }).optional(),
  remedy: Remedy.optional(),
  costMinor: AmountMinor.optional(),
  followUpOn: IsoDate.optional(),
  criterion: z.enum(LET_GO_CRITERIA, { error: 'invalid' }).optional(),
});

export const WinbackQuery = z.strictObject({
  filter: z.enum(['active', 'all']).default('active'),
  customerId: Id.nullable().default(null),
});

export const TodayItem = z.object({
  kind: z.enum([
    'complaint_acknowledge',
    'complaint_resolve',
    'complaint_follow_up',
    'winback_follow_up',
    'winback_contact',
    'introduce_contact',
  ]),
  /** the complaint, win-back case or task it belongs to (winback_contact: the customer) */
  ref: z.number(),
  customer_id: z.number(),
  customer_name: z.string(),
  due: z.string(),
  overdue: z.boolean(),
  title: z.string(),
  tier: Tier.nullable(),
  value_minor: z.number(),
  /** the customer's number (E.164), or null */
  phone: z.string().nullable(),
  /** the channels the customer agreed to */
  consents: z.array(Channel),
  /** the suggested text for this item, in the shop's language, names filled in */
  message: z.string(),
  /** attempts to reach them about this item (none yet: empty) */
  reach: AttemptSummary,
});
export type TodayItem = z.infer<typeof TodayItem>;

/** The number and agreed channels of the listed customers (the lapsed list fills in its texts itself). */
export const ContactsQuery = z.strictObject({ customerIds: z.array(Id).max(1000) });
export const CustomerContact = z.object({ customerId: z.number(), phone: z.string().nullable(), consents: z.array(Channel) });

export const AttemptInput = z.strictObject({
  kind: z.enum(['complaint_acknowledge', 'complaint_resolve', 'complaint_follow_up', 'winback_follow_up', 'winback_contact'], {
    error: 'invalid',
  }),
  /** as in TodayItem: the complaint, the win-back case, or (winback_contact) the customer */
  ref: Id,
  outcome: z.enum(ATTEMPT_OUTCOMES, { error: 'invalid' }),
  /** reached: why they stopped coming, if they said */
  reason: LeaveReason.optional(),
  note: OptionalText(500, 'multi').default(''),
  staffId: Id.nullable().default(null),
});

export const TodayQuery = z.strictObject({ asOf: IsoDate.optional() });

export const TodayDone = z.strictObject({
  kind: TodayItem.shape.kind,
  ref: Id,
  note: OptionalText(500, 'multi').default(''),
  outcome: z.enum(COMPLAINT_OUTCOMES, { error: 'invalid' }).optional(),
  staffId: Id.nullable().default(null),
});

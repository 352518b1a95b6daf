/**
 * Complaints and win-back: the shop's rules as data (PRODUCT.md, "Why customers leave" and
 * "Complaints are a gift"). Pure functions only; the services apply them.
 */

/** Why customers leave: stable codes used in complaints, win-back cases, let-go decisions and reports. */
export const LEAVE_REASONS = [
  'quality',
  'range_changed',
  'service',
  'complaint_unhandled',
  'price',
  'competitor',
  'staff_left',
  'broken_promise',
  'moved_away',
  'no_longer_needed',
  'unknown',
] as const;
export type LeaveReason = (typeof LEAVE_REASONS)[number];

/** The remedy that treats each cause ("treat the cause", PRODUCT.md). */
export const REMEDIES = [
  'replace_or_refund',
  'owner_apology',
  'finish_complaint',
  'targeted_offer',
  'exclusive_reason',
  'introduce_contact',
  'show_whats_new',
  'honour_promise',
  'let_go_politely',
  'call_and_listen',
] as const;
export type Remedy = (typeof REMEDIES)[number];

export const REMEDY_FOR: Record<LeaveReason, Remedy> = {
  quality: 'replace_or_refund',
  range_changed: 'show_whats_new',
  service: 'owner_apology',
  complaint_unhandled: 'finish_complaint',
  price: 'targeted_offer',
  competitor: 'exclusive_reason',
  staff_left: 'introduce_contact',
  broken_promise: 'honour_promise',
  moved_away: 'let_go_politely',
  no_longer_needed: 'let_go_politely',
  unknown: 'call_and_listen',
};

export const COMPLAINT_CHANNELS = ['in_person', 'phone', 'wechat', 'online_review', 'other'] as const;
export const SEVERITIES = ['minor', 'serious', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Complaint status: open → in progress (listened/apologised/remedy agreed) → resolved (acted) → followed up. */
export const COMPLAINT_STATUSES = ['open', 'in_progress', 'resolved', 'followed_up'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const COMPLAINT_STEPS = ['listen', 'apologise', 'agree_remedy', 'act', 'follow_up'] as const;
export type ComplaintStep = (typeof COMPLAINT_STEPS)[number];
export const COMPLAINT_OUTCOMES = ['satisfied', 'not_satisfied', 'unreachable'] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

/**
 * Due dates by severity, in days from the day the complaint was logged: acknowledge (listen and
 * apologise) by, and resolve (the remedy carried out) by. Follow-up: 3 days after acting.
 */
export const DUE_DAYS: Record<Severity, { acknowledge: number; resolve: number }> = {
  critical: { acknowledge: 0, resolve: 1 },
  serious: { acknowledge: 1, resolve: 3 },
  minor: { acknowledge: 2, resolve: 7 },
};
export const FOLLOW_UP_DAYS = 3;

/** The status a complaint has once these steps are done. */
export function complaintStatus(done: Partial<Record<ComplaintStep, boolean>>): ComplaintStatus {
  if (done.follow_up) return 'followed_up';
  if (done.act) return 'resolved';
  if (done.listen || done.apologise || done.agree_remedy) return 'in_progress';
  return 'open';
}

/** The next step of the checklist, in order (null when all are done). */
export function nextComplaintStep(done: Partial<Record<ComplaintStep, boolean>>): ComplaintStep | null {
  return COMPLAINT_STEPS.find((s) => !done[s]) ?? null;
}

/** Win-back effort follows the tier (PRODUCT.md): key at once, main try hard, ordinary if cheap, small let go. */
export const DECISIONS = ['at_once', 'try_hard', 'only_if_cheap', 'let_go'] as const;
export type Decision = (typeof DECISIONS)[number];
export const DECISION_FOR_TIER: Record<'key' | 'main' | 'ordinary' | 'small', Decision> = {
  key: 'at_once',
  main: 'try_hard',
  ordinary: 'only_if_cheap',
  small: 'let_go',
};

/** Why a customer is not worth winning back (a let-go stops future flags for them). */
export const LET_GO_CRITERIA = [
  'not_profitable',
  'broke_agreements',
  'abusive_to_staff',
  'unreasonable_demands',
  'harms_reputation',
  'moved_away',
] as const;
export type LetGoCriterion = (typeof LET_GO_CRITERIA)[number];

/**
 * Win-back case status (`winback --json`): open (started), contacted (reached, reason heard),
 * won_back (bought again after the contact; closes itself), let_go, closed (given up: not won back).
 * `overdue` is shown for an open or contacted case past its follow-up date.
 */
export const WINBACK_STATUSES = ['open', 'contacted', 'won_back', 'let_go', 'closed', 'overdue'] as const;
export type WinbackStatus = (typeof WINBACK_STATUSES)[number];
export const WINBACK_OUTCOMES = ['won_back', 'let_go', 'not_won_back'] as const;
export type WinbackOutcome = (typeof WINBACK_OUTCOMES)[number];
export const WINBACK_FOLLOW_UP_DAYS = 7;

/**
 * Whether reaching the customer of a Today task asks why they stopped coming: only on the win-back
 * tasks, where finding out why is the point of the call. A complaint was logged with its reason;
 * its follow-up call asks instead whether the customer is satisfied (the step's outcome).
 */
export const asksLeaveReason = (kind: string): boolean => kind === 'winback_contact' || kind === 'winback_follow_up';

/**
 * Suggested messages for reaching a customer (PRODUCT.md, "Reaching the customer"): which text fits
 * a task, and filling its {{variables}}. Pure functions; the owner's own texts live in Settings,
 * the defaults in the shop's language in shared/i18n (`reach.default.<kind>`).
 */
import type { LeaveReason } from './care';
import type { Tier } from './churn';

/** One suggested text per kind of task, leave reason and tier. */
export const MESSAGE_KINDS = [
  'lapsed_key',
  'lapsed',
  'price_leaver',
  'winback_follow_up',
  'complaint_apology',
  'complaint_follow_up',
  'introduce_contact',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * The variables a text may use: the customer's name, the shop's name and the offer (its code and
 * terms, when the task has an open one; empty otherwise).
 */
export const MESSAGE_VARIABLES = ['name', 'shop', 'offer'] as const;

/** Channels a text can be sent on (a call needs no text sent; the phone channel is for calls). */
export const SENDING_CHANNELS = ['sms', 'wechat', 'email'] as const;

const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The {{variables}} a text uses that are not known (a misspelt {{nmae}} would be sent as is). */
export function unknownVariables(text: string): string[] {
  const known: readonly string[] = MESSAGE_VARIABLES;
  return [...text.matchAll(VARIABLE)].map((m) => m[1]!).filter((v) => !known.includes(v));
}

/** The text with its variables filled in (unknown ones are left as written). */
export function fillMessage(text: string, vars: Partial<Record<(typeof MESSAGE_VARIABLES)[number], string>>): string {
  return text.replace(VARIABLE, (whole, v: string) => (Object.hasOwn(vars, v) ? (vars as Record<string, string>)[v]! : whole));
}

/** Reasons answered with an offer rather than words (the remedy `targeted_offer` / `exclusive_reason`). */
const PRICE_REASONS: readonly LeaveReason[] = ['price', 'competitor'];

/**
 * Which text fits a task: complaints get an apology, then "were you satisfied?"; a lapsed customer
 * who left over price (the reason recorded, or price-sensitive on the list) gets the offer; a key
 * customer a personal note from the owner; others the general note; a follow-up of a case a
 * reminder; an introduction names the new contact.
 */
export function messageKindFor(t: {
  task:
    | 'complaint_acknowledge'
    | 'complaint_resolve'
    | 'complaint_follow_up'
    | 'winback_follow_up'
    | 'winback_contact'
    | 'introduce_contact';
  tier: Tier | null;
  reason: LeaveReason | null;
  priceSensitive?: boolean;
}): MessageKind {
  switch (t.task) {
    case 'complaint_acknowledge':
    case 'complaint_resolve':
      return 'complaint_apology';
    case 'complaint_follow_up':
      return 'complaint_follow_up';
    case 'introduce_contact':
      return 'introduce_contact';
    default:
      if ((t.reason && PRICE_REASONS.includes(t.reason)) || t.priceSensitive) return 'price_leaver';
      if (t.task === 'winback_follow_up' && t.reason) return 'winback_follow_up';
      return t.tier === 'key' ? 'lapsed_key' : 'lapsed';
  }
}

/** The suggested text: the owner's own for that kind if set, else the default, with the names filled in. */
export function suggestMessage(
  kind: MessageKind,
  own: Partial<Record<MessageKind, string>> | null,
  defaults: (kind: MessageKind) => string,
  vars: { name: string; shop: string; offer?: string },
): string {
  const text = own?.[kind]?.trim() ? own[kind]! : defaults(kind);
  // an offer the text has no place for goes at its end; no open offer: {{offer}} is left out, with the space it leaves
  const offer = vars.offer ?? '';
  const placed = offer && !/\{\{\s*offer\s*\}\}/.test(text) ? `${text} {{offer}}` : text;
  return fillMessage(placed, { ...vars, offer })
    .replace(/ {2,}/g, ' ')
    .trim();
}

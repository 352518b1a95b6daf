/**
 * Exports for sending (issue 17): the suggested message and the offer code per customer, and the
 * sheet the SMS platforms used in China import (手机号码 + 短信内容). The texts come from the same
 * templates as Today's suggested messages (reach.ts → shared/domain/messages.ts), the offer's line
 * too (shared/domain/offers.ts), filled with the code the export issued each customer.
 */
import type { ContactRow, ExportInput } from '../../../shared/schemas/export';
import { messageKindFor, type MessageKind } from '../../../shared/domain/messages';
import type { Ctx } from '../../ctx';
import { lapsedList } from '../analytics/lapsed';
import { reacher, type OfferInMessage } from '../reach';

/** What an export writes for one customer: the message (null: none for them) and the offer code. */
export interface Sending {
  message: string | null;
  offerCode: string | null;
}

/**
 * Which text each customer gets. `auto`: a complaint's follow-up for the complaints list, the
 * offer's text when the export issues one, else what the lapsed list knows of them (key customer:
 * the owner's personal note; price-sensitive: the offer; others the general note).
 */
export function messageKinds(ctx: Ctx, input: ExportInput): (customerId: number) => MessageKind {
  const chosen = input.messageKind;
  if (chosen !== 'auto') return () => chosen;
  if (input.segment === 'complaints') return () => 'complaint_follow_up';
  if (input.offer) return () => 'price_leaver';
  const kinds = new Map(
    lapsedList(ctx).entries.map((e) => [
      e.id,
      messageKindFor({ task: 'winback_contact', tier: e.tier, reason: null, priceSensitive: e.price_sensitive }),
    ]),
  );
  return (id) => kinds.get(id) ?? 'lapsed';
}

/**
 * The message of each customer who may be sent one (agreed to the export's channel): the
 * suggested text with their name and the shop's name, then the offer's line with their own code.
 * Customers included without consent get none (and no offer).
 */
export function sendings(
  ctx: Ctx,
  input: ExportInput,
  contacts: readonly ContactRow[],
  offers: ReadonlyMap<number, OfferInMessage>,
): Map<number, Sending> {
  const withMessage = input.message || input.layout === 'sms';
  const kindOf = withMessage ? messageKinds(ctx, input) : null;
  const reach = withMessage
    ? reacher(
        ctx,
        contacts.map((c) => c.id),
      )
    : null;
  const out = new Map<number, Sending>();
  for (const c of contacts) {
    if (!c.consented) continue;
    const offer = offers.get(c.id) ?? null;
    // the offer's line fills the text's {{offer}}, or ends it (shared/domain/messages.ts)
    const message = reach && kindOf ? reach(c.id, c.name, kindOf(c.id), offer).message : null;
    out.set(c.id, { message, offerCode: offer?.code ?? null });
  }
  return out;
}

/**
 * A number as the SMS platforms take it: a mainland mobile as its 11 digits (no +86, no spaces),
 * any other number with the international 00 prefix (a leading + would be read as a formula sign).
 */
export function smsPhone(e164: string | null): string {
  if (!e164) return '';
  const mainland = /^\+86(1\d{10})$/.exec(e164);
  return mainland ? mainland[1]! : `00${e164.replace(/\D/g, '')}`;
}

/** The SMS platform's columns: 手机号码 and 短信内容, whatever the app's language (the platforms match them by name). */
export const SMS_HEADERS = ['手机号码', '短信内容'] as const;

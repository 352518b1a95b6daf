/**
 * Exports for sending (issue 17): the suggested message and the offer code per customer, and the
 * sheet the SMS platforms used in China import (手机号码 + 短信内容). The texts come from the same
 * templates as Today's suggested messages (reach.ts → shared/domain/messages.ts); only the offer's
 * line is added here, because a code exists only once the export issued it.
 */
import type { ContactRow, ExportInput, ExportOffer } from '../../../shared/schemas/export';
import { fillMessage, messageKindFor, type MessageKind } from '../../../shared/domain/messages';
import { MINOR_PER_MAJOR } from '../../../shared/domain/money';
import type { OfferKind } from '../../../shared/domain/offers';
import { messages, type MessageKey } from '../../../shared/i18n';
import type { Ctx } from '../../ctx';
import { getSettings } from '../settings';
import { lapsedList } from '../lapsed';
import { reacher } from '../reach';

/** What an export writes for one customer: the message (null: none for them) and the offer code. */
export interface Sending {
  message: string | null;
  offerCode: string | null;
}

/** The offer as the message needs it (the export's terms and the customer's own code). */
export interface OfferTerms {
  code: string;
  kind: OfferKind;
  value: number;
  minSpendMinor: number;
  expiresOn: string | null;
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

/** A money amount for a message: no cents when there are none (¥20, not ¥20.00). */
function moneyText(minor: number, currency: string, locale: string): string {
  const whole = minor % MINOR_PER_MAJOR === 0;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    ...(whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}),
  }).format(minor / MINOR_PER_MAJOR);
}

/**
 * The offer's sentence in the shop's language: "优惠码 K7PQ2MX：满¥100立减¥20，有效期至2027年1月5日。"
 * A percentage reads as 折 in Chinese (20% off: 8折).
 */
export function offerLine(o: OfferTerms, locale: 'zh-CN' | 'en', currency: string): string {
  const dict = messages[locale];
  const t = (key: MessageKey, vars: Record<string, string>) => fillMessage(dict[key], vars as never);
  const terms =
    o.kind === 'amount_off'
      ? t('data.export.offerText.amount_off', { amount: moneyText(o.value, currency, locale) })
      : t('data.export.offerText.percent_off', {
          percent: String(o.value),
          fold: String((100 - o.value) / 10),
        });
  const withMin = o.minSpendMinor
    ? t('data.export.offerText.minSpend', { terms, min: moneyText(o.minSpendMinor, currency, locale) })
    : terms;
  const until = o.expiresOn
    ? t('data.export.offerText.until', {
        date: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
          Date.parse(`${o.expiresOn}T00:00:00Z`),
        ),
      })
    : '';
  return t('data.export.offerText.line', { code: o.code, terms: withMin, until });
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
  offers: ReadonlyMap<number, OfferTerms>,
): Map<number, Sending> {
  const settings = getSettings(ctx.db);
  const locale = settings.language === 'en' ? 'en' : 'zh-CN';
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
    let message: string | null = null;
    if (reach && kindOf) {
      const text = reach(c.id, c.name, kindOf(c.id)).message;
      // a space between the two in English; Chinese runs on
      message = offer ? `${text}${locale === 'en' ? ' ' : ''}${offerLine(offer, locale, settings.currency)}` : text;
    }
    out.set(c.id, { message, offerCode: offer?.code ?? null });
  }
  return out;
}

/** The export's offer terms for one customer's code. */
export const termsOf = (offer: ExportOffer, code: string): OfferTerms => ({
  code,
  kind: offer.kind,
  value: offer.value,
  minSpendMinor: offer.minSpendMinor,
  expiresOn: offer.expiresOn,
});

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

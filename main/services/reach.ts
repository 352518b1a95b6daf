import { messages, type MessageKey } from '../../shared/i18n';
import type { Channel } from '../../shared/schemas/common';
import { fillMessage, suggestMessage, type MessageKind } from '../../shared/domain/messages';
import { offerLine, type OfferWords } from '../../shared/domain/offers';
import type { Offer } from '../../shared/schemas/offers';
import { MINOR_PER_MAJOR, moneyFormat } from '../../shared/domain/money';
import { contactsOf } from '../db/queries/reach';
import type { Ctx } from '../ctx';
import { getSettings } from './settings';

/** What a task shows to reach its customer: the number, the channels agreed, the suggested text. */
export interface Reach {
  phone: string | null;
  consents: Channel[];
  message: string;
}

/** What a message says of an offer: its code, its terms, and whether it is still open. */
export type OfferInMessage = Pick<Offer, 'code' | 'kind' | 'value' | 'minSpendMinor' | 'expiresOn' | 'status'>;

/**
 * A reacher for one request: reads settings and the customers' contacts once, then fills the
 * suggested text for each task in the shop's language (Chinese unless the shop chose English).
 */
export function reacher(
  ctx: Ctx,
  customerIds: readonly number[],
): (customerId: number, name: string, kind: MessageKind, offer?: OfferInMessage | null) => Reach {
  const settings = getSettings(ctx.db);
  const locale = settings.language === 'en' ? 'en' : 'zh-CN';
  const dict = messages[locale];
  const money = moneyFormat(locale, settings.currency);
  const day = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'long' });
  const words: OfferWords = {
    text: (key, vars) => fillMessage(dict[key], vars as never),
    money: (minor) => money.format(minor / MINOR_PER_MAJOR),
    day: (iso) => day.format(Date.parse(`${iso}T00:00:00Z`)),
  };
  const contacts = contactsOf(ctx.db, [...new Set(customerIds)]);
  const defaults = (kind: MessageKind) => dict[`reach.default.${kind}` as MessageKey];
  return (customerId, name, kind, offer) => {
    const c = contacts.get(customerId);
    return {
      phone: c?.phone ?? null,
      consents: (c?.agreed ?? []) as Channel[],
      message: suggestMessage(kind, settings.messages, defaults, {
        name,
        shop: settings.shopName,
        // an open offer's code and terms (issue 17); a used or expired one is not offered again
        offer: offer?.status === 'open' ? offerLine(offer, words) : '',
      }),
    };
  };
}

/** The number and agreed channels of each listed customer that exists. */
export function customerContacts(
  ctx: Ctx,
  ids: readonly number[],
): { customerId: number; phone: string | null; consents: Channel[] }[] {
  const contacts = contactsOf(ctx.db, [...new Set(ids)]);
  return [...contacts].map(([customerId, c]) => ({ customerId, phone: c.phone, consents: c.agreed as Channel[] }));
}

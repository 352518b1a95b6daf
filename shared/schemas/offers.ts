import { z } from 'zod';
import { AmountMinor, Id, IsoDate, OptionalText } from './common';
import { OFFER_KINDS, OFFER_STATUSES, normalizeOfferCode } from '../domain/offers';

/** An offer code as typed or scanned (normalised: no spaces or dashes, upper case). */
export const OfferCode = OptionalText(40)
  .transform(normalizeOfferCode)
  .refine((s) => s.length > 0, 'required')
  // a code is letters and digits only: anything else cannot be one (and is never stored or echoed)
  .refine((s) => /^[0-9A-Z]+$/.test(s), 'offer_unknown');

/** Issue an offer to one customer, from a win-back case or a campaign (or neither, from the command line). */
export const OfferDraft = z
  .strictObject({
    customerId: Id,
    kind: z.enum(OFFER_KINDS, { error: 'invalid' }),
    /** minor units for money off, a whole percent (1–100) for a percentage */
    value: z.number({ error: 'amount_invalid' }).int('amount_not_integer').positive('offer_value_invalid'),
    minSpendMinor: AmountMinor.default(0),
    /** the last day it can be used, in the shop's time zone; none = no expiry */
    expiresOn: IsoDate.nullable().default(null),
    winbackId: Id.nullable().default(null),
    campaignId: Id.nullable().default(null),
    staffId: Id.nullable().default(null),
  })
  .superRefine((d, ctx) => {
    if (d.kind === 'percent_off' && d.value > 100) ctx.addIssue({ code: 'custom', path: ['value'], message: 'percent_invalid' });
    if (d.kind === 'amount_off' && !AmountMinor.safeParse(d.value).success)
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'amount_too_large' });
    if (d.winbackId !== null && d.campaignId !== null) ctx.addIssue({ code: 'custom', path: ['campaignId'], message: 'invalid' });
  });
export type OfferDraft = z.output<typeof OfferDraft>;

export const Offer = z.object({
  id: z.number(),
  code: z.string(),
  customerId: z.number(),
  customerName: z.string(),
  kind: z.enum(OFFER_KINDS),
  value: z.number(),
  minSpendMinor: z.number(),
  expiresOn: z.string().nullable(),
  winbackId: z.number().nullable(),
  campaignId: z.number().nullable(),
  createdAt: z.number(),
  saleId: z.number().nullable(),
  redeemedAt: z.number().nullable(),
  /** the money it took off the sale that redeemed it */
  discountMinor: z.number().nullable(),
  status: z.enum(OFFER_STATUSES),
});
export type Offer = z.infer<typeof Offer>;

export const OfferQuery = z.strictObject({
  status: z.enum(['all', ...OFFER_STATUSES]).default('all'),
  customerId: Id.nullable().default(null),
  winbackId: Id.nullable().default(null),
  campaignId: Id.nullable().default(null),
  limit: z.number().int().min(1).max(100_000).default(1000),
});

/** What a code would do to a sale, asked by the counter as it is typed or scanned. */
export const OfferCheckInput = z.strictObject({
  offerCode: OfferCode,
  customerId: Id.nullable().default(null),
  /** the sale's amount before the offer */
  amountMinor: AmountMinor,
});
export const OfferCheck = z.object({ offer: Offer, discountMinor: z.number(), payMinor: z.number() });

/** Offers' figures on Insights: per kind and value, and per leave reason of the case they came from. */
export const OfferFigures = z.object({
  issued: z.number(),
  redeemed: z.number(),
  /** redeemed / issued, null when none was issued */
  rate: z.number().nullable(),
  givenMinor: z.number(),
  /** the customers' purchases from the redeeming sale through 90 days after it */
  after90Minor: z.number(),
});
export const OfferInsights = z.object({
  byOffer: z.array(OfferFigures.extend({ kind: z.enum(OFFER_KINDS), value: z.number() })),
  /** reason null: offers from a campaign or a case where no reason was recorded */
  byReason: z.array(OfferFigures.extend({ reason: z.string().nullable() })),
});
export type OfferInsights = z.infer<typeof OfferInsights>;

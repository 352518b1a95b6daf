import { z } from 'zod';
import { AmountMinor, Id, OptionalText, Text } from './common';
import { MAX_QUANTITY, quantityToMilli } from '../domain/lines';
import { OfferCode } from './offers';

export const MAX_ITEMS = 10_000;
export const MAX_LINES = 200;

/** A product rung up: its unit price is the catalogue's price on the sale's day. */
export const SaleLineDraft = z.strictObject({
  productId: Id,
  /** up to three decimals for goods sold by weight */
  quantity: z
    .number({ error: 'quantity_invalid' })
    .positive('quantity_invalid')
    .max(MAX_QUANTITY, 'quantity_invalid')
    .refine((q) => quantityToMilli(q) !== null, 'quantity_invalid')
    .default(1),
  lineDiscountMinor: AmountMinor.default(0),
});
export type SaleLineDraft = z.output<typeof SaleLineDraft>;

export const SaleDraft = z
  .strictObject({
    customerId: Id.nullable().default(null),
    /**
     * What the customer paid. With lines it may be left out (then it is the lines' total less
     * `discountMinor`) or be more: the rest is goods rung up as a plain amount.
     */
    amountMinor: AmountMinor.optional(),
    lines: z.array(SaleLineDraft).max(MAX_LINES, 'too_many_lines').default([]),
    items: z
      .number({ error: 'items_invalid' })
      .int('items_invalid')
      .min(1, 'items_invalid')
      .max(MAX_ITEMS, 'items_invalid')
      .default(1),
    discountMinor: AmountMinor.default(0),
    isPromotion: z.boolean().default(false),
    paymentMethodId: Id.nullable().default(null),
    staffId: Id.nullable().default(null),
    note: OptionalText(500).default(''),
    /**
     * Made by the till once per sale (issue 18): a retried save with the same key (after a network
     * drop) returns the first sale and never saves twice.
     */
    idempotencyKey: z
      .string({ error: 'idempotency_key_invalid' })
      .regex(/^[A-Za-z0-9_-]{8,100}$/, 'idempotency_key_invalid')
      .optional(),
    /** when the sale happened; defaults to now. Backdating is allowed, the future is not. */
    occurredAt: z
      .number()
      .int()
      .min(Date.UTC(1990, 0, 1))
      .optional(),
    /**
     * An offer's code (issue 17): checked in the sale's transaction and used once. `amountMinor`
     * (or the lines' total less `discountMinor`) is then the price before the offer; the sale
     * stores what is left to pay, the offer's money off added to its discount.
     */
    offerCode: OfferCode.optional(),
  })
  .superRefine((d, ctx) => {
    if (d.amountMinor === undefined && d.lines.length === 0)
      ctx.addIssue({ code: 'custom', path: ['amountMinor'], message: 'required' });
  });
export type SaleDraft = z.output<typeof SaleDraft>;

export const SaleLine = z.object({
  id: z.number(),
  productId: z.number(),
  productName: z.string(),
  quantity: z.number(),
  unitPriceMinor: z.number(),
  lineDiscountMinor: z.number(),
  lineTotalMinor: z.number(),
});
export type SaleLine = z.infer<typeof SaleLine>;

export const Sale = z.object({
  id: z.number(),
  customerId: z.number().nullable(),
  customerName: z.string().nullable(),
  occurredAt: z.number(),
  /** false for a sale imported with a date and no time: `occurredAt` is then noon of its day, not a time to show */
  timeKnown: z.boolean(),
  businessDate: z.string(),
  amountMinor: z.number(),
  items: z.number(),
  discountMinor: z.number(),
  isPromotion: z.boolean(),
  paymentMethodId: z.number().nullable(),
  paymentMethodName: z.string().nullable(),
  staffId: z.number().nullable(),
  staffName: z.string().nullable(),
  note: z.string(),
  voidedAt: z.number().nullable(),
  voidReason: z.string().nullable(),
  voidedByStaffId: z.number().nullable(),
  /** the products rung up (on a single sale and a customer's sales; today's list leaves them out) */
  lines: z.array(SaleLine).optional(),
  /** the offer redeemed by this sale and the money it took off (as recorded; not on lists) */
  offer: z.object({ code: z.string(), discountMinor: z.number() }).nullable().optional(),
});
export type Sale = z.infer<typeof Sale>;

export const VoidInput = z.strictObject({
  id: Id,
  reason: Text(200, 'reason_required'),
  staffId: Id.nullable().default(null),
});

export const CustomerSalesInput = z.strictObject({
  customerId: Id,
  limit: z.number().int().min(1).max(1000).default(200),
});

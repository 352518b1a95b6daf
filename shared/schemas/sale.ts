import { z } from 'zod';
import { AmountMinor, Id, OptionalText, Text } from './common';

export const MAX_ITEMS = 10_000;

export const SaleDraft = z.strictObject({
  customerId: Id.nullable().default(null),
  amountMinor: AmountMinor,
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
  /** when the sale happened; defaults to now. Backdating is allowed, the future is not. */
  occurredAt: z
    .number()
    .int()
    .min(Date.UTC(1990, 0, 1))
    .optional(),
});
export type SaleDraft = z.output<typeof SaleDraft>;

export const Sale = z.object({
  id: z.number(),
  customerId: z.number().nullable(),
  customerName: z.string().nullable(),
  occurredAt: z.number(),
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

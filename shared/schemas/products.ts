import { z } from 'zod';
import { AmountMinor, cleanText, Id, IsoDate, OptionalText, Text } from './common';

const Code = (max: number) =>
  z
    .string()
    .overwrite((s) => cleanText(s))
    .trim()
    .max(max, 'too_long')
    .transform((s) => s || null)
    .nullable();

export const ProductDraft = z.strictObject({
  name: Text(100, 'name_required'),
  category: OptionalText(50).default(''),
  priceMinor: AmountMinor,
  barcode: Code(64).optional(),
  sku: Code(64).optional(),
});

export const ProductPatch = z.strictObject({
  id: Id,
  name: Text(100, 'name_required').optional(),
  category: OptionalText(50).optional(),
  barcode: Code(64).optional(),
  sku: Code(64).optional(),
  isActive: z.boolean().optional(),
});

export const Reprice = z.strictObject({
  id: Id,
  priceMinor: AmountMinor,
  /** the day the new price takes effect (default today; not in the future) */
  changedOn: IsoDate.optional(),
  note: OptionalText(200).default(''),
  staffId: Id.nullable().default(null),
});

export const ProductQuery = z.strictObject({
  query: OptionalText(100).default(''),
  includeRetired: z.boolean().default(false),
  limit: z.number().int().min(1).max(1000).default(200),
});

export const Product = z.object({
  id: z.number(),
  name: z.string(),
  category: z.string(),
  priceMinor: z.number(),
  barcode: z.string().nullable(),
  sku: z.string().nullable(),
  isActive: z.boolean(),
  createdAt: z.number(),
});
export type Product = z.infer<typeof Product>;

export const PriceHistoryEntry = z.object({
  id: z.number(),
  productId: z.number(),
  oldPriceMinor: z.number().nullable(),
  newPriceMinor: z.number(),
  changedOn: z.string(),
  changedAt: z.number(),
  staffId: z.number().nullable(),
  staffName: z.string().nullable(),
  note: z.string(),
});
export type PriceHistoryEntry = z.infer<typeof PriceHistoryEntry>;

import { z } from 'zod';

/**
 * Messages in schemas are i18n keys under `error.field.` so every transport and the UI can translate
 * them; zod's own English text never reaches the owner.
 */
export const msg = (key: string) => ({ error: key });

export const Id = z.number({ error: 'invalid_id' }).int('invalid_id').positive('invalid_id');
export type Id = z.infer<typeof Id>;

/** Money in minor units (fen / cents). Upper bound keeps typos like an extra three zeros out. */
export const MAX_AMOUNT_MINOR = 100_000_000; // 1,000,000.00 per sale
export const AmountMinor = z
  .number({ error: 'amount_invalid' })
  .int('amount_not_integer')
  .min(0, 'amount_negative')
  .max(MAX_AMOUNT_MINOR, 'amount_too_large');

/** A real calendar date as YYYY-MM-DD (2024-02-30 is refused). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date_invalid')
  .refine((s) => {
    const d = new Date(s + 'T00:00:00Z');
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'date_invalid');

export const Channel = z.enum(['sms', 'phone', 'wechat', 'email']);
export type Channel = z.infer<typeof Channel>;
export const CHANNELS = Channel.options;

export const Locale = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof Locale>;

export const Page = z.strictObject({
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

/** A trimmed, non-empty, bounded text. */
export const Text = (max: number, emptyKey = 'required') =>
  z.string({ error: emptyKey }).trim().min(1, emptyKey).max(max, 'too_long');
export const OptionalText = (max: number) => z.string().trim().max(max, 'too_long');

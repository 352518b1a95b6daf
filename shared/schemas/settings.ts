import { z } from 'zod';
import { isValidTimeZone } from '../domain/dates';
import { cleanText, Id, Locale, OptionalText, Text } from './common';
import { MESSAGE_KINDS, unknownVariables } from '../domain/messages';

export const CURRENCIES = ['CNY', 'HKD', 'TWD', 'USD', 'EUR', 'GBP', 'SGD', 'JPY'] as const;

/** The lapsed-customer rules the owner can adjust (docs/lapsed.md); null means the defaults. */
export const ChurnRules = z.strictObject({
  lapsedAbove: z.number().min(0.3, 'out_of_range').max(0.95, 'out_of_range'),
  overdueFactor: z.number().min(1, 'out_of_range').max(10, 'out_of_range'),
  minDaysSilent: z.number().int().min(7, 'out_of_range').max(365, 'out_of_range'),
  dropAtLeast: z.number().min(0.1, 'out_of_range').max(0.9, 'out_of_range'),
  priceSensitiveAbove: z.number().int().min(10, 'out_of_range').max(100, 'out_of_range'),
  /** the significance level of the fading tests; absent in rules saved before it existed */
  fadingAlpha: z.number().min(0.001, 'out_of_range').max(0.2, 'out_of_range').optional(),
  tierKey: z.number().min(0.01, 'out_of_range').max(0.5, 'out_of_range'),
  tierMain: z.number().min(0.01, 'out_of_range').max(0.5, 'out_of_range'),
  tierOrdinary: z.number().min(0.01, 'out_of_range').max(0.8, 'out_of_range'),
});
export type ChurnRules = z.infer<typeof ChurnRules>;

/** The owner's own suggested texts per kind of task (absent: the default in the shop's language). */
export const MessageTexts = z.partialRecord(z.enum(MESSAGE_KINDS), OptionalText(1000, 'multi')).superRefine((texts, c) => {
  for (const [kind, text] of Object.entries(texts))
    if (text && unknownVariables(text).length) c.addIssue({ code: 'custom', path: [kind], message: 'unknown_variable' });
});
export type MessageTexts = z.infer<typeof MessageTexts>;

export const Settings = z.object({
  shopName: OptionalText(100),
  currency: z.enum(CURRENCIES),
  timeZone: z.string().refine(isValidTimeZone, 'timezone_invalid'),
  /** null: follow the system language */
  language: Locale.nullable(),
  defaultPaymentMethodId: Id.nullable(),
  defaultStaffId: Id.nullable(),
  /** set once the owner chose an empty or a demo shop on first launch */
  onboarded: z.boolean(),
  /** where automatic backups go (null: a backups/ folder beside the database) */
  backupDir: z
    .string()
    .min(1)
    .max(1000)
    .refine((s) => cleanText(s) === s, 'invalid')
    .nullable(),
  churn: ChurnRules.nullable(),
  /** suggested messages to customers the owner rewrote (null: the defaults) */
  messages: MessageTexts.nullable(),
});
export type Settings = z.infer<typeof Settings>;
export const SettingsPatch = Settings.partial().strict();

export const Staff = z.object({ id: z.number(), name: z.string(), isActive: z.boolean(), leftAt: z.number().nullable() });
export type Staff = z.infer<typeof Staff>;
export const StaffDraft = z.strictObject({ name: Text(60, 'name_required') });
export const StaffPatch = z.strictObject({
  id: Id,
  name: Text(60, 'name_required').optional(),
  isActive: z.boolean().optional(),
});

export const PaymentMethod = z.object({ id: z.number(), code: z.string(), name: z.string(), isActive: z.boolean() });
export type PaymentMethod = z.infer<typeof PaymentMethod>;
export const PaymentMethodDraft = z.strictObject({ name: Text(40, 'name_required') });
export const PaymentMethodPatch = z.strictObject({
  id: Id,
  name: Text(40, 'name_required').optional(),
  isActive: z.boolean().optional(),
});

export const ShopStatus = z.object({
  customers: z.number(),
  sales: z.number(),
  onboarded: z.boolean(),
  settings: Settings,
  staff: z.array(Staff),
  paymentMethods: z.array(PaymentMethod),
  /** the clock the core runs on (fixed in tests), so screens agree with the database on "today" */
  now: z.number(),
  today: z.string(),
  /** the start-up integrity check: a damaged database sends the owner to restore a backup */
  health: z.enum(['unchecked', 'ok', 'damaged']),
  /** the start-up backup failed (a warning shown on screen; the shop itself is fine), else null */
  backupWarning: z.enum(['folder_missing', 'disk_full', 'not_writable', 'failed']).nullable(),
});
export type ShopStatus = z.infer<typeof ShopStatus>;

export const DemoInput = z.strictObject({
  customers: z.number().int().min(1).max(2000).default(300),
  years: z.number().int().min(1).max(3).default(2),
  seed: z.number().int().default(7),
});

export const IntegrityResult = z.object({ ok: z.boolean(), messages: z.array(z.string()) });
export const Note = OptionalText(500);

import { z } from 'zod';
import { AppError } from '../../shared/api/errors';
import { messages, resolveLocale } from '../../shared/i18n';
import { parseAmountToMinor } from '../../shared/domain/money';
import { IsoDate } from '../../shared/schemas/common';
import { OfferDraft, type Offer } from '../../shared/schemas/offers';
import { openApp, closeApp } from '../app';
import { resolveDbPath } from '../paths';
import { getSettings } from '../services/settings';
import { issueOffer, listOffers } from '../services/offers';
import { resolveCustomer } from '../services/privacy';
import { CliError, intFlag, parseFlags } from './common';

const USAGE =
  'usage: regulars offers issue --db PATH --customer ID (--amount-off X | --percent-off N) [--min-spend X] [--expires YYYY-MM-DD] [--json]\n' +
  '       regulars offers --db PATH [--status open|redeemed|expired] [--json]';

/** An offer as the command prints it (snake_case, like the other commands' JSON). */
function row(o: Offer) {
  return {
    id: o.id,
    code: o.code,
    customer_id: o.customerId,
    name: o.customerName,
    kind: o.kind,
    value: o.value,
    min_spend_minor: o.minSpendMinor,
    expires_on: o.expiresOn,
    winback_id: o.winbackId,
    campaign_id: o.campaignId,
    created_at: o.createdAt,
    status: o.status,
    sale_id: o.saleId,
    redeemed_at: o.redeemedAt,
    discount_minor: o.discountMinor,
  };
}

const money = (flag: string) =>
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined) return undefined;
      const minor = parseAmountToMinor(s);
      if (minor === null) ctx.addIssue({ code: 'custom', message: `${flag}: not an amount (e.g. 20 or 12.50)` });
      return minor ?? 0;
    });

/** `regulars offers`: list the shop's offers; `regulars offers issue`: issue one to a customer. */
export async function offersCommand(args: string[]): Promise<number> {
  if (args[0] === 'issue') return issueCommand(args.slice(1));
  if (args[0] !== undefined && !args[0].startsWith('--')) throw new CliError(USAGE);
  const f = parseFlags(
    args,
    { db: { type: 'string' }, status: { type: 'string' }, json: { type: 'boolean' } },
    z.object({
      db: z.string().min(1).optional(),
      status: z.enum(['all', 'open', 'redeemed', 'expired']).default('all'),
      json: z.boolean().default(false),
    }),
  );
  const ctx = openApp({ dbPath: resolveDbPath(f.db) });
  try {
    const offers = listOffers(ctx, { status: f.status, customerId: null, winbackId: null, campaignId: null, limit: 100_000 }).map(
      row,
    );
    if (f.json) {
      process.stdout.write(JSON.stringify(offers) + '\n');
      return 0;
    }
    for (const o of offers)
      process.stdout.write([o.code, o.name, o.kind, o.value, o.expires_on ?? '', o.status, o.sale_id ?? ''].join('\t') + '\n');
    return 0;
  } finally {
    closeApp(ctx);
  }
}

async function issueCommand(args: string[]): Promise<number> {
  const f = parseFlags(
    args,
    {
      db: { type: 'string' },
      customer: { type: 'string' },
      'amount-off': { type: 'string' },
      'percent-off': { type: 'string' },
      'min-spend': { type: 'string' },
      expires: { type: 'string' },
      json: { type: 'boolean' },
    },
    z.object({
      db: z.string().min(1).optional(),
      customer: z.string({ error: 'required (the customer id, member code or phone)' }).min(1),
      'amount-off': money('--amount-off'),
      'percent-off': intFlag(1, 100).optional(),
      'min-spend': money('--min-spend'),
      expires: IsoDate.optional(),
      json: z.boolean().default(false),
    }),
  );
  if ((f['amount-off'] === undefined) === (f['percent-off'] === undefined))
    throw new CliError(`give one of --amount-off X or --percent-off N\n${USAGE}`);
  const ctx = openApp({ dbPath: resolveDbPath(f.db) });
  try {
    const m = messages[resolveLocale(getSettings(ctx.db).language, [process.env.LANG ?? ''])] as Record<string, string>;
    const draft = OfferDraft.safeParse({
      customerId: resolveCustomer(ctx, f.customer),
      kind: f['amount-off'] !== undefined ? 'amount_off' : 'percent_off',
      value: f['amount-off'] ?? f['percent-off'],
      minSpendMinor: f['min-spend'] ?? 0,
      expiresOn: f.expires ?? null,
    });
    if (!draft.success) {
      const i = draft.error.issues[0]!;
      throw new CliError(`${i.path.join('.')}: ${m[`error.field.${i.message}`] ?? i.message}`);
    }
    let offer: Offer;
    try {
      offer = issueOffer(ctx, { ...draft.data, source: {} });
    } catch (e) {
      const issue = e instanceof AppError ? e.issues?.[0] : undefined;
      if (issue) throw new CliError(`${issue.path.join('.')}: ${m[`error.field.${issue.message}`] ?? issue.message}`);
      throw e;
    }
    if (f.json) process.stdout.write(JSON.stringify(row(offer)) + '\n');
    else process.stdout.write(`${offer.code}\t${offer.customerName}\t${offer.kind}\t${offer.value}\n`);
    return 0;
  } finally {
    closeApp(ctx);
  }
}

import { z } from 'zod';
import { parseAmountToMinor } from '../../shared/domain/money';
import { IsoDate } from '../../shared/schemas/common';
import { OfferDraft, type Offer } from '../../shared/schemas/offers';
import { CliError, fieldText, firstIssue, intFlag, parseFlags } from './common';
import { CallFailed, t, withShop } from './session';

const usage = () => t('cli.offers.usage');

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
      if (minor === null) ctx.addIssue({ code: 'custom', message: t('cli.offers.notAmount', { flag }) });
      return minor ?? 0;
    });

/** `regulars offers`: list the shop's offers; `regulars offers issue`: issue one to a customer. */
export async function offersCommand(args: string[]): Promise<number> {
  if (args[0] === 'issue') return issueCommand(args.slice(1));
  if (args[0] !== undefined && !args[0].startsWith('--')) throw new CliError(usage());
  const f = parseFlags(
    args,
    { db: { type: 'string' }, status: { type: 'string' }, json: { type: 'boolean' } },
    z.object({
      db: z.string().min(1).optional(),
      status: z.enum(['all', 'open', 'redeemed', 'expired']).default('all'),
      json: z.boolean().default(false),
    }),
  );
  return withShop(f.db, async (shop) => {
    const offers = (await shop.call('offers.list', { status: f.status, limit: 100_000 })).map(row);
    if (f.json) {
      process.stdout.write(JSON.stringify(offers) + '\n');
      return 0;
    }
    for (const o of offers)
      process.stdout.write([o.code, o.name, o.kind, o.value, o.expires_on ?? '', o.status, o.sale_id ?? ''].join('\t') + '\n');
    return 0;
  });
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
      customer: z.string({ error: () => t('cli.offers.customerRequired') }).min(1),
      'amount-off': money('--amount-off'),
      'percent-off': intFlag(1, 100).optional(),
      'min-spend': money('--min-spend'),
      expires: IsoDate.optional(),
      json: z.boolean().default(false),
    }),
  );
  if ((f['amount-off'] === undefined) === (f['percent-off'] === undefined))
    throw new CliError(`${t('cli.offers.oneOf')}\n${usage()}`);
  return withShop(f.db, async (shop) => {
    const { id } = await shop.call('customers.resolve', { key: f.customer });
    const draft = OfferDraft.safeParse({
      customerId: id,
      kind: f['amount-off'] !== undefined ? 'amount_off' : 'percent_off',
      value: f['amount-off'] ?? f['percent-off'],
      minSpendMinor: f['min-spend'] ?? 0,
      expiresOn: f.expires ?? null,
    });
    if (!draft.success) {
      const i = firstIssue(draft.error);
      throw new CliError(`${i.path.join('.')}: ${i.text}`);
    }
    const offer: Offer = await shop.call('offers.issue', draft.data).catch((e: unknown) => {
      const issue = e instanceof CallFailed ? e.failure.error.issues?.[0] : undefined;
      if (issue) throw new CliError(`${issue.path.join('.')}: ${fieldText(issue.message)}`);
      throw e;
    });
    if (f.json) process.stdout.write(JSON.stringify(row(offer)) + '\n');
    else process.stdout.write(`${offer.code}\t${offer.customerName}\t${offer.kind}\t${offer.value}\n`);
    return 0;
  });
}

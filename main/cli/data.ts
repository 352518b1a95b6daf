import fs from 'node:fs';
import { z } from 'zod';
import { Channel } from '../../shared/schemas/common';
import { ExportFormat, ExportInput, Segment, VCardVersion } from '../../shared/schemas/export';
import { parseAmountToMinor } from '../../shared/domain/money';
import { CliError, firstIssue, parseFlags } from './common';
import { CallFailed, t, withShop } from './session';

const ExportFlags = z.object({
  db: z.string().min(1).optional(),
  segment: Segment,
  tag: z.string().optional(),
  staff: z.string().optional(),
  name: z.string().optional(),
  tier: z.string().optional(),
  channel: Channel,
  format: ExportFormat,
  'vcard-version': VCardVersion.optional(),
  out: z.string().min(1),
  'include-without-consent': z.boolean().default(false),
  reason: z.string().optional(),
  layout: z.string().optional(),
  message: z.boolean().default(false),
  'offer-amount-off': z.string().optional(),
  'offer-percent-off': z.string().optional(),
  'offer-min-spend': z.string().optional(),
  'offer-expires': z.string().optional(),
});

/** The export's offer from --offer-amount-off X (money) or --offer-percent-off N, with its minimum and last day. */
function offerFlags(f: z.infer<typeof ExportFlags>) {
  const amount = f['offer-amount-off'];
  const percent = f['offer-percent-off'];
  if (amount === undefined && percent === undefined) return undefined;
  if (amount !== undefined && percent !== undefined) throw new CliError(t('cli.export.offerOneOf'));
  const money = (x: string | undefined, flag: string) => {
    if (x === undefined) return undefined;
    const m = parseAmountToMinor(x);
    if (m === null) throw new CliError(t('cli.export.notAmount', { flag }));
    return m;
  };
  return {
    kind: amount !== undefined ? 'amount_off' : 'percent_off',
    value: amount !== undefined ? money(amount, '--offer-amount-off') : Number(percent),
    minSpendMinor: money(f['offer-min-spend'], '--offer-min-spend'),
    expiresOn: f['offer-expires'],
  };
}

export async function exportCommand(args: string[]): Promise<number> {
  const [what, ...rest] = args;
  if (what !== 'contacts') throw new CliError(t('cli.export.usage'));
  const f = parseFlags(
    rest,
    {
      db: { type: 'string' },
      segment: { type: 'string' },
      tag: { type: 'string' },
      staff: { type: 'string' },
      name: { type: 'string' },
      tier: { type: 'string' },
      channel: { type: 'string' },
      format: { type: 'string' },
      'vcard-version': { type: 'string' },
      out: { type: 'string' },
      'include-without-consent': { type: 'boolean' },
      reason: { type: 'string' },
      layout: { type: 'string' },
      message: { type: 'boolean' },
      'offer-amount-off': { type: 'string' },
      'offer-percent-off': { type: 'string' },
      'offer-min-spend': { type: 'string' },
      'offer-expires': { type: 'string' },
    },
    ExportFlags,
  );
  const flags = {
    segment: f.segment,
    tag: f.tag,
    staff: f.staff,
    name: f.name,
    tier: f.tier,
    channel: f.channel,
    format: f.format,
    vcardVersion: f['vcard-version'],
    includeWithoutConsent: f['include-without-consent'],
    reason: f.reason,
    layout: f.layout,
    message: f.message,
    offer: offerFlags(f),
  };
  const input = ExportInput.safeParse(flags);
  if (!input.success) {
    const i = firstIssue(input.error);
    throw new CliError(i.path[0] === 'reason' ? t('cli.export.needsReason') : `--${String(i.path[0])}: ${i.text}`);
  }
  return withShop(f.db, async (shop) => {
    const { campaign: c } = await shop.run('exports.write', { export: input.data, out: f.out });
    process.stdout.write(
      t('cli.export.done', {
        exported: c.exported,
        matched: c.matched,
        out: f.out,
        id: c.id,
        noConsent: c.leftOutNoConsent,
        channel: c.channel,
        noContact: c.leftOutNoContact,
        contact: t(c.channel === 'email' ? 'cli.export.email' : 'cli.export.phone'),
      }) + '\n',
    );
    return 0;
  });
}

export async function backupCommand(args: string[]): Promise<number> {
  const f = parseFlags(
    args,
    { db: { type: 'string' }, out: { type: 'string' } },
    z.object({ db: z.string().min(1).optional(), out: z.string().min(1) }),
  );
  if (fs.existsSync(f.out)) throw new CliError(t('cli.backup.exists', { out: f.out }), 4);
  return withShop(f.db, async (shop) => {
    const p = await shop.run('backups.copyTo', { path: f.out });
    process.stdout.write(t('cli.backup.done', { customers: p.customers, sales: p.sales, out: f.out }) + '\n');
    return 0;
  });
}

export async function restoreCommand(args: string[]): Promise<number> {
  const f = parseFlags(
    args,
    { db: { type: 'string' }, from: { type: 'string' } },
    z.object({ db: z.string().min(1).optional(), from: z.string().min(1) }),
  );
  if (!fs.existsSync(f.from)) throw new CliError(t('cli.restore.missing', { file: f.from }), 3);
  return withShop(f.db, async (shop) => {
    const preview = await shop.run('backups.previewFile', { path: f.from });
    if (!preview.ok) throw new CliError(t('cli.restore.unusable', { file: f.from }), 2);
    const r = await shop.run('backups.restoreFile', { path: f.from }).catch((e: unknown) => {
      if (e instanceof CallFailed && e.failure.error.code === 'VALIDATION')
        throw new CliError(t('cli.restore.unopenable', { file: f.from }), 2);
      throw e;
    });
    process.stdout.write(
      t('cli.restore.done', { customers: r.preview.customers, sales: r.preview.sales, file: f.from, copy: r.safetyCopy.file }) +
        '\n',
    );
    return 0;
  });
}

export async function customerCommand(args: string[]): Promise<number> {
  const [action, key, ...rest] = args;
  if ((action !== 'export' && action !== 'erase') || !key || key.startsWith('--')) throw new CliError(t('cli.customer.usage'));
  if (action === 'export') {
    const f = parseFlags(
      rest,
      { db: { type: 'string' }, out: { type: 'string' } },
      z.object({ db: z.string().min(1).optional(), out: z.string().min(1) }),
    );
    return withShop(f.db, async (shop) => {
      const { id } = await shop.call('customers.resolve', { key });
      const r = await shop.run('customers.exportTo', { id, out: f.out });
      process.stdout.write(t('cli.customer.exported', { id, out: f.out, files: r.files.slice(1).join(', ') }) + '\n');
      return 0;
    });
  }
  const f = parseFlags(
    rest,
    { db: { type: 'string' }, yes: { type: 'boolean' } },
    z.object({ db: z.string().min(1).optional(), yes: z.boolean().default(false) }),
  );
  if (!f.yes) throw new CliError(t('cli.customer.confirm'), 2);
  return withShop(f.db, async (shop) => {
    const { id } = await shop.call('customers.resolve', { key });
    const r = await shop.call('customers.erase', { id, confirm: true });
    process.stdout.write(t('cli.customer.erased', { id: r.erasedId, sales: r.anonymisedSales }) + '\n');
    return 0;
  });
}

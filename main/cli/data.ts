import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { Channel } from '../../shared/schemas/common';
import { ExportFormat, ExportInput, Segment, VCardVersion } from '../../shared/schemas/export';
import { openApp, closeApp } from '../app';
import type { Ctx } from '../ctx';
import { resolveDbPath } from '../paths';
import { exportContacts } from '../services/export/contacts';
import { copyTo } from '../services/backup';
import { previewBackup, restoreBackup } from '../services/restore';
import { customerDataExport, eraseCustomer, resolveCustomer } from '../services/privacy';
import { AppError } from '../../shared/api/errors';
import { CliError, parseFlags } from './common';

async function withCtx<T>(db: string | undefined, fn: (ctx: Ctx) => Promise<T> | T): Promise<T> {
  const ctx = openApp({ dbPath: resolveDbPath(db) });
  try {
    return await fn(ctx);
  } finally {
    closeApp(ctx);
  }
}

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
});

export async function exportCommand(args: string[]): Promise<number> {
  const [what, ...rest] = args;
  if (what !== 'contacts')
    throw new CliError(
      'usage: regulars export contacts --db PATH --segment NAME --channel sms|phone|wechat|email --format csv|xlsx|vcf [--vcard-version 3.0|4.0] --out FILE',
    );
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
    },
    ExportFlags,
  );
  const input = ExportInput.safeParse({
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
  });
  if (!input.success) {
    const i = input.error.issues[0]!;
    throw new CliError(
      i.path[0] === 'reason'
        ? '--include-without-consent needs --reason TEXT (it is logged)'
        : `--${String(i.path[0])}: ${i.message}`,
    );
  }
  return withCtx(f.db, async (ctx) => {
    const r = await exportContacts(ctx, input.data, path.resolve(f.out));
    fs.mkdirSync(path.dirname(path.resolve(f.out)), { recursive: true, mode: 0o700 });
    // personal data: readable by the owner only (where the system has such modes)
    fs.writeFileSync(f.out, r.bytes, { mode: 0o600 });
    const c = r.campaign;
    process.stdout.write(
      `Exported ${c.exported} of ${c.matched} customers to ${f.out} (campaign #${c.id}); left out: ${c.leftOutNoConsent} without ${c.channel} consent, ${c.leftOutNoContact} without a ${c.channel === 'email' ? 'email address' : 'phone number'}.\n`,
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
  if (fs.existsSync(f.out)) throw new CliError(`${f.out} already exists; choose a new file name.`, 4);
  return withCtx(f.db, (ctx) => {
    copyTo(ctx, path.resolve(f.out));
    const p = previewBackup(f.out);
    process.stdout.write(`Backed up ${p.customers} customers and ${p.sales} sales to ${f.out} (integrity checked).\n`);
    return 0;
  });
}

export async function restoreCommand(args: string[]): Promise<number> {
  const f = parseFlags(
    args,
    { db: { type: 'string' }, from: { type: 'string' } },
    z.object({ db: z.string().min(1).optional(), from: z.string().min(1) }),
  );
  if (!fs.existsSync(f.from)) throw new CliError(`${f.from} does not exist.`, 3);
  const preview = previewBackup(f.from);
  if (!preview.ok)
    throw new CliError(`${f.from} is not a usable Regulars backup (failed its integrity check or is from a newer version).`, 2);
  return withCtx(f.db, (ctx) => {
    let r: ReturnType<typeof restoreBackup>;
    try {
      r = restoreBackup(ctx, f.from);
    } catch (e) {
      if (e instanceof AppError && e.code === 'VALIDATION')
        throw new CliError(`${f.from} could not be opened and brought up to date as a shop; nothing was changed.`, 2);
      throw e;
    }
    process.stdout.write(
      `Restored ${r.preview.customers} customers and ${r.preview.sales} sales from ${f.from}. The database as it was is kept in ${r.safetyCopy.file}.\n`,
    );
    return 0;
  });
}

export async function customerCommand(args: string[]): Promise<number> {
  const [action, key, ...rest] = args;
  if ((action !== 'export' && action !== 'erase') || !key || key.startsWith('--'))
    throw new CliError('usage: regulars customer export ID --db PATH --out DIR | regulars customer erase ID --db PATH --yes');
  if (action === 'export') {
    const f = parseFlags(
      rest,
      { db: { type: 'string' }, out: { type: 'string' } },
      z.object({ db: z.string().min(1).optional(), out: z.string().min(1) }),
    );
    return withCtx(f.db, (ctx) => {
      const id = resolveCustomer(ctx, key);
      const data = customerDataExport(ctx, id, path.resolve(f.out));
      // personal data: the folder and files are the owner's only (where the system has such modes)
      fs.mkdirSync(f.out, { recursive: true, mode: 0o700 });
      const own = { mode: 0o600 };
      fs.writeFileSync(path.join(f.out, 'customer.json'), JSON.stringify(data.json, null, 2) + '\n', own);
      for (const [name, text] of Object.entries(data.csv))
        fs.writeFileSync(path.join(f.out, name), '\ufeff' + text + '\r\n', own);
      process.stdout.write(
        `Wrote everything held about customer #${id} to ${f.out} (customer.json, ${Object.keys(data.csv).join(', ')}).\n`,
      );
      return 0;
    });
  }
  const f = parseFlags(
    rest,
    { db: { type: 'string' }, yes: { type: 'boolean' } },
    z.object({ db: z.string().min(1).optional(), yes: z.boolean().default(false) }),
  );
  if (!f.yes) throw new CliError('Erasing a customer cannot be undone: add --yes to confirm.', 2);
  return withCtx(f.db, (ctx) => {
    const id = resolveCustomer(ctx, key);
    const r = eraseCustomer(ctx, id);
    process.stdout.write(
      `Erased customer #${r.erasedId}; ${r.anonymisedSales} sales kept as anonymous sales. Backups taken before today still hold their data until they rotate out.\n`,
    );
    return 0;
  });
}

import path from 'node:path';
import { z } from 'zod';
import { DateFormat, Encoding, ImportKind, ImportOptions, type Mapping } from '../../shared/schemas/import';
import type { MessageKey } from '../../shared/i18n';
import { CliError, parseFlags } from './common';
import { CallFailed, t, withShop } from './session';

/** "DD/MM/YYYY" and friends name the order of an ambiguous date; auto|ymd|dmy|mdy are accepted as they are. */
const DATE_FORMATS: Record<string, z.infer<typeof DateFormat>> = {
  'dd/mm/yyyy': 'dmy',
  'dd-mm-yyyy': 'dmy',
  'dd.mm.yyyy': 'dmy',
  'mm/dd/yyyy': 'mdy',
  'mm-dd-yyyy': 'mdy',
  'yyyy-mm-dd': 'ymd',
  'yyyy/mm/dd': 'ymd',
};

const Flags = z.object({
  db: z.string().min(1).optional(),
  map: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined;
      const out: Mapping = {};
      for (const pair of s.split(',')) {
        const eq = pair.lastIndexOf('=');
        if (eq <= 0) {
          ctx.addIssue({ code: 'custom', message: `expected column=field, got "${pair}"` });
          return z.NEVER;
        }
        out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
      }
      return out;
    }),
  // utf-8 and gbk as people write them; gbk files are read as GB18030, its superset
  encoding: z
    .string()
    .default('auto')
    .transform((s) => ({ 'utf-8': 'utf8', gbk: 'gb18030', 'gb-18030': 'gb18030' })[s.toLowerCase()] ?? s.toLowerCase())
    .pipe(Encoding),
  'date-format': z
    .string()
    .default('auto')
    .transform((s, ctx) => {
      const v = DATE_FORMATS[s.toLowerCase()] ?? s.toLowerCase();
      const parsed = DateFormat.safeParse(v);
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message: 'use auto, ymd, dmy, mdy, DD/MM/YYYY or MM/DD/YYYY' });
        return z.NEVER;
      }
      return parsed.data;
    }),
  'create-customers': z.boolean().default(false),
  'skip-bad-rows': z.boolean().default(false),
  'dry-run': z.boolean().default(false),
  'allow-duplicate': z.boolean().default(false),
});

const REASONS = new Set([
  'required',
  'date_invalid',
  'amount_invalid',
  'amount_negative',
  'amount_too_large',
  'items_invalid',
  'yes_no_invalid',
  'phone_invalid',
  'customer_unknown',
  'ragged_row',
  'unclosed_quote',
  'name_required',
  'too_long',
  'invalid',
  'duplicate_in_file',
  'codes_conflict',
  'encoding_invalid',
]);
const reasonText = (r: string) => (REASONS.has(r) ? t(`cli.import.reason.${r}` as MessageKey) : r);
const XLSX = new Set(['xlsx_unreadable', 'xlsx_too_large', 'xlsx_too_many_rows', 'not_a_table']);

/** Both readings of the cells where UTF-8 and GB18030 disagree, and the flag that settles it. */
function encodingDoubtText(file: string, d: Record<string, unknown>): string {
  const samples = (d.samples ?? []) as { row: number; column: string; utf8: string; gb18030: string }[];
  return [
    t('cli.import.doubt', { file, notUtf8: String(d.notUtf8) }),
    t('cli.import.doubtWhere'),
    ...samples.map((s) => t('cli.import.doubtSample', s)),
    t('cli.import.doubtChoose'),
  ].join('\n');
}

/** The refusals a script or a person can act on, in the command line's words; anything else as the core said it. */
function refusal(file: string, e: unknown): unknown {
  if (!(e instanceof CallFailed)) return e;
  const { code, detail } = e.failure.error;
  const reason = typeof detail?.reason === 'string' ? detail.reason : '';
  if (code === 'NOT_FOUND' && reason === 'file_unreadable') return new CliError(t('cli.import.unreadable', { file }), 2);
  if (code === 'CONFLICT' && reason === 'duplicate_file')
    return new CliError(t('cli.import.duplicate', { file, id: String(detail?.importId) }), 4);
  if (code === 'VALIDATION' && reason === 'encoding_ambiguous') return new CliError(encodingDoubtText(file, detail ?? {}), 2);
  if (code === 'VALIDATION' && XLSX.has(reason)) return new CliError(`${file}: ${t(`cli.import.${reason}` as MessageKey)}`, 2);
  if (code === 'VALIDATION') return new CliError(t('cli.import.unmapped', { detail: JSON.stringify(detail ?? {}) }), 2);
  return e;
}

export async function importCommand(args: string[]): Promise<number> {
  const [kindArg, file, ...rest] = args;
  const kind = ImportKind.safeParse(kindArg);
  if (!kind.success || !file || file.startsWith('--')) throw new CliError(t('cli.import.usage'));
  const flags = parseFlags(
    rest,
    {
      db: { type: 'string' },
      map: { type: 'string' },
      encoding: { type: 'string' },
      'date-format': { type: 'string' },
      'create-customers': { type: 'boolean' },
      'skip-bad-rows': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      'allow-duplicate': { type: 'boolean' },
    },
    Flags,
  );
  const opts = ImportOptions.parse({
    kind: kind.data,
    encoding: flags.encoding,
    dateFormat: flags['date-format'],
    map: flags.map,
    createCustomers: flags['create-customers'],
    skipBadRows: flags['skip-bad-rows'],
    dryRun: flags['dry-run'],
    allowDuplicate: flags['allow-duplicate'],
  });
  return withShop(flags.db, async (shop) => {
    const started = performance.now();
    const r = await shop.run('import.file', { path: file, options: opts }).catch((e: unknown) => {
      throw refusal(file, e);
    });
    for (const e of r.errors)
      process.stderr.write(
        `${t('cli.import.row', { row: e.row })}${e.column ? t('cli.import.column', { column: e.column }) : ''}: ${reasonText(e.reason)}${e.value ? ` ("${e.value}")` : ''}\n`,
      );
    if (r.errorCount > r.errors.length) process.stderr.write(t('cli.import.more', { n: r.errorCount - r.errors.length }) + '\n');
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    if (r.dryRun) {
      process.stdout.write(t('cli.import.dryRun', { rows: r.rows, imported: r.imported, bad: r.skipped }) + '\n');
      return r.errorCount ? 1 : 0;
    }
    if (!r.committed) {
      const bad = r.skipped > 0 ? r.skipped : new Set(r.errors.map((e) => e.row)).size;
      process.stdout.write(t('cli.import.nothing', { bad, rows: r.rows }) + '\n');
      return 1;
    }
    process.stdout.write(
      t('cli.import.done', { imported: r.imported, kind: kind.data, file: path.basename(file), seconds: secs }) +
        (r.customersCreated ? t('cli.import.created', { n: r.customersCreated }) : '') +
        (r.customersUpdated ? t('cli.import.updated', { n: r.customersUpdated }) : '') +
        (r.kind === 'products'
          ? t('cli.import.products', { created: r.productsCreated, updated: r.productsUpdated, changes: r.pricesChanged })
          : '') +
        (r.skipped ? t('cli.import.skipped', { n: r.skipped }) : '') +
        t('cli.import.end') +
        '\n',
    );
    return 0;
  });
}

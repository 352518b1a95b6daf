import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/api/errors';
import { DateFormat, Encoding, ImportKind, ImportOptions, type Mapping } from '../../shared/schemas/import';
import { openApp, closeApp } from '../app';
import { resolveDbPath } from '../paths';
import { runImport } from '../services/import/run';
import { backupBeforeChange } from '../services/backup';
import { MAX_XLSX_ROWS, MAX_XLSX_UNPACKED } from '../services/import/xlsx-limits';
import { CliError, parseFlags } from './common';

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

const REASONS: Record<string, string> = {
  required: 'required value is missing',
  date_invalid: 'not a date (or an ambiguous day/month order: use --date-format)',
  amount_invalid: 'not an amount',
  amount_negative: 'negative amount',
  amount_too_large: 'amount too large',
  items_invalid: 'not a whole number of items (1 or more)',
  yes_no_invalid: 'not yes/no',
  phone_invalid: 'not a valid phone number',
  customer_unknown: 'no such customer (use --create-customers to create them)',
  ragged_row: 'wrong number of columns',
  unclosed_quote: 'a quoted field is never closed (truncated file?)',
  name_required: 'name is missing',
  too_long: 'too long',
  invalid: 'invalid value',
  duplicate_in_file: 'this code appears twice in the file',
  codes_conflict: 'the barcode and the SKU belong to two different products',
  encoding_invalid: 'not text in the chosen encoding (try --encoding gb18030 or mixed)',
};

const XLSX: Record<string, string> = {
  xlsx_unreadable: 'not a readable Excel workbook (save it again from Excel, or as CSV)',
  xlsx_too_large: `the workbook unpacks to more than ${MAX_XLSX_UNPACKED / 1024 / 1024} MB; save it as CSV and import that`,
  xlsx_too_many_rows: `a sheet has more than ${MAX_XLSX_ROWS} rows, more than Excel allows; save it as CSV and import that`,
};

/** Both readings of the cells where UTF-8 and GB18030 disagree, and the flag that settles it. */
function encodingDoubtText(file: string, d: Record<string, unknown>): string {
  const samples = (d.samples ?? []) as { row: number; column: string; utf8: string; gb18030: string }[];
  return [
    `${file} is neither clean UTF-8 nor clean GB18030 (${String(d.notUtf8)} cells are not UTF-8); nothing was imported.`,
    'Where the two readings differ:',
    ...samples.map((s) => `  row ${s.row}, column "${s.column}": UTF-8 "${s.utf8}" | GB18030 "${s.gb18030}"`),
    'Choose: --encoding utf-8, --encoding gb18030, or --encoding mixed (each cell as it reads cleanly).',
  ].join('\n');
}

export async function importCommand(args: string[]): Promise<number> {
  const [kindArg, file, ...rest] = args;
  const kind = ImportKind.safeParse(kindArg);
  if (!kind.success || !file || file.startsWith('--'))
    throw new CliError('usage: regulars import customers|sales|products FILE --db PATH [options]');
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
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    throw new CliError(`cannot read ${file}`, 2);
  }
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
  const dbPath = resolveDbPath(flags.db);
  const ctx = openApp({ dbPath });
  try {
    const started = performance.now();
    const r = await runImport(ctx, bytes, path.basename(file), opts, {
      beforeWrite: () => backupBeforeChange(ctx, 'import'),
    }).catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'CONFLICT' && e.detail?.reason === 'duplicate_file')
        throw new CliError(
          `${file} was already imported (import #${String(e.detail.importId)}); pass --allow-duplicate to import it again.`,
          4,
        );
      if (e instanceof AppError && e.code === 'VALIDATION' && e.detail?.reason === 'encoding_ambiguous')
        throw new CliError(encodingDoubtText(file, e.detail), 2);
      if (e instanceof AppError && e.code === 'VALIDATION' && typeof e.detail?.reason === 'string' && XLSX[e.detail.reason])
        throw new CliError(`${file}: ${XLSX[e.detail.reason]}`, 2);
      if (e instanceof AppError && e.code === 'VALIDATION')
        throw new CliError(`cannot map the columns: ${JSON.stringify(e.detail ?? {})}. Use --map column=field,...`, 2);
      throw e;
    });
    for (const e of r.errors)
      process.stderr.write(
        `row ${e.row}${e.column ? `, column "${e.column}"` : ''}: ${REASONS[e.reason] ?? e.reason}${e.value ? ` ("${e.value}")` : ''}\n`,
      );
    if (r.errorCount > r.errors.length) process.stderr.write(`… and ${r.errorCount - r.errors.length} more problems\n`);
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    if (r.dryRun) {
      process.stdout.write(`Dry run: ${r.rows} rows, ${r.imported} would import, ${r.skipped} bad; nothing written.\n`);
      return r.errorCount ? 1 : 0;
    }
    if (!r.committed) {
      process.stdout.write(
        `Nothing imported: ${r.skipped > 0 ? r.skipped : new Set(r.errors.map((e) => e.row)).size} of ${r.rows} rows are bad (see above). Fix them or pass --skip-bad-rows.\n`,
      );
      return 1;
    }
    process.stdout.write(
      `Imported ${r.imported} ${kind.data} rows from ${path.basename(file)} in ${secs} s` +
        (r.customersCreated ? `; ${r.customersCreated} customers created` : '') +
        (r.customersUpdated ? `; ${r.customersUpdated} customers updated` : '') +
        (r.kind === 'products'
          ? `; ${r.productsCreated} new, ${r.productsUpdated} updated, ${r.pricesChanged} price changes kept in the history`
          : '') +
        (r.skipped ? `; ${r.skipped} bad rows skipped` : '') +
        '.\n',
    );
    return 0;
  } finally {
    closeApp(ctx);
  }
}

import { z } from 'zod';
import { Id } from '../schemas/common';
import { BackupInfo, BackupPreview } from '../schemas/data';
import { Campaign, ExportInput } from '../schemas/export';
import { ImportOptions, ImportResult } from '../schemas/import';

/** A path on this computer, as the command line was given it. */
const FilePath = z.string().min(1).max(4096);

export const DemoOptions = z.strictObject({
  customers: z.number().int().min(1).max(1_000_000).default(300),
  years: z.number().int().min(1).max(10).default(2),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .default(1),
});

export const DemoResult = z.object({
  summary: z.object({
    customers: z.number(),
    sales: z.number(),
    products: z.number(),
    saleLines: z.number(),
    priceRises: z.number(),
    walkIns: z.number(),
    staff: z.number(),
    staffLeft: z.number(),
    lapsed: z.number(),
    fading: z.number(),
    priceSensitive: z.number(),
    from: z.string(),
    to: z.string(),
    seconds: z.number(),
  }),
  care: z.object({ complaints: z.number(), winback: z.number(), tasks: z.number() }),
});

/**
 * The command line's own methods: the same `dispatch`, validation, lanes (main/core/routes.ts) and
 * error envelopes as the contract, but they read or write files by path on this computer (or build
 * a demo shop of up to a million customers), so no transport offers them: IPC and HTTP know only
 * `contract`, and `dispatch` answers these only when called with `{ local: true }` (main/cli).
 */
export const commands = {
  /** `regulars demo`: a realistic demo shop written into an empty database */
  'demo.generate': { input: DemoOptions, output: DemoResult },
  /** `regulars import`: a CSV or .xlsx file read from disk, all or nothing, backed up before it writes */
  'import.file': { input: z.strictObject({ path: FilePath, options: ImportOptions }), output: ImportResult },
  /** `regulars backup`: a checked copy at a path of the owner's choosing; answers what it holds */
  'backups.copyTo': { input: z.strictObject({ path: FilePath }), output: BackupPreview },
  /** what a backup file anywhere holds, and whether it is usable */
  'backups.previewFile': { input: z.strictObject({ path: FilePath }), output: BackupPreview },
  /** `regulars restore`: replace the shop with a backup file (the current one is backed up first) */
  'backups.restoreFile': {
    input: z.strictObject({ path: FilePath }),
    output: z.object({ preview: BackupPreview, safetyCopy: BackupInfo }),
  },
  /** `regulars export contacts`: the list written to a file (owner-only permissions) and kept as a campaign */
  'exports.write': { input: z.strictObject({ export: ExportInput, out: FilePath }), output: z.object({ campaign: Campaign }) },
  /** `regulars customer export`: everything held about one customer, written to a folder */
  'customers.exportTo': {
    input: z.strictObject({ id: Id, out: FilePath }),
    output: z.object({ id: z.number(), files: z.array(z.string()) }),
  },
} as const;

export type Command = keyof typeof commands;
export type CommandArgs<C extends Command> = z.output<(typeof commands)[C]['input']>;
export type CommandInput<C extends Command> = z.input<(typeof commands)[C]['input']>;
export type CommandOut<C extends Command> = z.output<(typeof commands)[C]['output']>;

export function isCommand(name: string): name is Command {
  return Object.hasOwn(commands, name);
}

import { IsoDate } from '../../shared/schemas/common';
import { dbFault } from '../db/faults';
import { messages, resolveLocale } from '../../shared/i18n';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { AppError, type ErrorCode } from '../../shared/api/errors';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

const EXIT: Partial<Record<ErrorCode, number>> = {
  VALIDATION: 2,
  NOT_FOUND: 3,
  CONFLICT: 4,
  PHONE_TAKEN: 4,
  MEMBER_CODE_TAKEN: 4,
  DB_FROM_FUTURE: 5,
  DB_FULL: 5,
  DB_READONLY: 5,
  DB_BUSY: 5,
  DB_DAMAGED: 5,
  DB_IN_USE: 5,
};

export function exitCodeFor(e: unknown): number {
  if (e instanceof CliError) return e.exitCode;
  if (e instanceof AppError) return EXIT[e.code] ?? 1;
  const fault = dbFault(e);
  return fault ? EXIT[fault]! : 1;
}

/** What to print for a failed command: a database fault in the owner's words, with the way out. */
export function cliErrorText(e: unknown): string {
  const m: Record<string, string> = messages[resolveLocale(null, [process.env.LANG ?? ''])];
  // Another Regulars has the shop open: say so in the owner's language, naming the process.
  if (e instanceof AppError && e.code === 'DB_IN_USE')
    return `${m['error.DB_IN_USE']} (${String(e.detail?.role ?? '')} pid ${String(e.detail?.pid ?? '?')})`;
  const fault = dbFault(e);
  if (!fault) return e instanceof Error ? e.message : String(e);
  return `${m[`error.${fault}`] ?? fault} (${e instanceof Error ? e.message : String(e)})`;
}

/**
 * Parses argv with node's parseArgs (unknown flags are errors) and validates the values with a zod
 * schema, so the CLI rejects bad input like every other boundary.
 */
export function parseFlags<S extends z.ZodType>(args: string[], options: ParseArgsConfig['options'], schema: S): z.output<S> {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args, options, allowPositionals: false, strict: true }).values;
  } catch (e) {
    throw new CliError(e instanceof Error ? e.message : String(e));
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new CliError(`--${first.path.join('.')}: ${first.message}`);
  }
  return parsed.data;
}

/** A whole number given as a flag. */
export const intFlag = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** The flags of the report commands (`today`, `price-changes`): --db PATH [--as-of YYYY-MM-DD] [--json]. */
export function reportFlags(args: string[]) {
  return parseFlags(
    args,
    { db: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' } },
    z.object({ db: z.string().min(1).optional(), 'as-of': IsoDate.optional(), json: z.boolean().default(false) }),
  );
}

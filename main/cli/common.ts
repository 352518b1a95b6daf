import { IsoDate } from '../../shared/schemas/common';
import { consoleLogger } from '../ctx';
import { toFailure, toFieldIssues } from '../errors';
import { messages, type MessageKey } from '../../shared/i18n';
import { CallFailed, cliLocale, t } from './session';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import type { ErrorCode } from '../../shared/api/errors';

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

const silent = { error: () => {}, info: () => {} };

/** The exit code for a failed command: the usage error's own, else by the error envelope's code. */
export function exitCodeFor(e: unknown): number {
  if (e instanceof CliError) return e.exitCode;
  const f = e instanceof CallFailed ? e.failure : toFailure(e, { log: silent, where: 'command' });
  return EXIT[f.error.code] ?? 1;
}

/** What to print for a failed command: the error envelope's message in the owner's language (main/errors.ts). */
export function cliErrorText(e: unknown): string {
  if (e instanceof CliError) return e.message;
  const f = e instanceof CallFailed ? e.failure : toFailure(e, { log: consoleLogger, where: 'command', locale: cliLocale() });
  return f.error.message ?? f.error.code;
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
    // the field's message in the command line's language, with the value given (like the screens)
    const first = toFieldIssues(parsed.error)[0]!;
    const name = first.path.join('.');
    const text = fieldText(first.message);
    const given = values[name];
    throw new CliError(`--${name}${typeof given === 'string' ? ` ${given}` : ''}: ${text}`);
  }
  return parsed.data;
}

/** A field issue's message (an i18n key under `error.field.`) in the command line's language. */
export const fieldText = (key: string): string => {
  const full = `error.field.${key}`;
  return t(full in messages.en ? (full as MessageKey) : 'error.field.invalid');
};

/** The first field issue of a failed check, its message in the command line's language. */
export function firstIssue(error: z.ZodError): { path: (string | number)[]; text: string } {
  const first = toFieldIssues(error)[0]!;
  return { path: first.path, text: fieldText(first.message) };
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

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
};

export function exitCodeFor(e: unknown): number {
  if (e instanceof CliError) return e.exitCode;
  if (e instanceof AppError) return EXIT[e.code] ?? 1;
  return 1;
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

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { errorText } from '../shared/api/error-text';
import { AppError, fail, type Failure, type FieldIssue } from '../shared/api/errors';
import { messages } from '../shared/i18n';
import type { Locale } from '../shared/schemas/common';
import type { Logger } from './ctx';
import { dbFault } from './db/faults';

/** zod issues as field issues whose message is an i18n key under `error.field.`. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({
    path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
    message: i.code === 'unrecognized_keys' ? 'unknown_field' : /^[a-z_]+$/.test(i.message) ? i.message : 'invalid',
  }));
}

/**
 * A failure that already happened on another thread and was logged there (a write step on the
 * writer lane, main/core/write-step.ts): it crosses as it is, its incident id included.
 */
export class ForwardedFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.error.code);
    this.name = 'ForwardedFailure';
  }
}

export interface FailureOptions {
  log: Logger;
  /** what was running (a method, "start-up", a lane): named in the log */
  where: string;
  /** when given, the envelope also carries `message`, the error in that language (CLI, start-up box) */
  locale?: Locale;
}

/**
 * The one mapping from an exception to the reply's error envelope, used by `dispatch`, the core
 * workers and the pool, the command line and the Electron start-up box:
 * - an AppError (an expected failure a service threw) keeps its code, field issues and detail;
 * - a zod error is VALIDATION with its field issues;
 * - a SQLite failure is a database fault (DB_FULL, DB_READONLY, DB_BUSY, DB_DAMAGED), logged: the
 *   transaction was rolled back, nothing half-saved;
 * - anything else is INTERNAL under a new incident id, its stack logged, nothing else told.
 */
export function toFailure(e: unknown, o: FailureOptions): Failure {
  const failure = envelope(e, o);
  if (o.locale) failure.error.message = errorText(failure.error, messages[o.locale]);
  return failure;
}

function envelope(e: unknown, o: FailureOptions): Failure {
  if (e instanceof ForwardedFailure) return { ok: false, error: { ...e.failure.error } };
  if (e instanceof AppError) return fail(e.code, e.issues, e.detail);
  if (e instanceof z.ZodError) return fail('VALIDATION', toFieldIssues(e));
  const fault = dbFault(e);
  if (fault) {
    o.log.error(`database fault in ${o.where}: ${fault}`, e);
    return fail(fault);
  }
  const incidentId = randomUUID().slice(0, 8);
  o.log.error(`incident ${incidentId} in ${o.where}`, e);
  return { ok: false, error: { code: 'INTERNAL', incidentId } };
}

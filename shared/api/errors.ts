/** Error codes that cross the seam between the core and any transport (IPC, HTTP, CLI). */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'PHONE_TAKEN',
  'MEMBER_CODE_TAKEN',
  'ALREADY_VOIDED',
  'MERGE_SELF',
  'DB_FROM_FUTURE',
  // the database cannot take a write: the disk is full, the file is read-only, another program
  // holds it, or it is damaged (main/db/faults.ts)
  'DB_FULL',
  'DB_READONLY',
  'DB_BUSY',
  'DB_DAMAGED',
  // another Regulars process (the app, browser mode, a command) has the shop open, so replacing,
  // importing into or erasing from it is refused (main/db/in-use.ts)
  'DB_IN_USE',
  'UNKNOWN_METHOD',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with one field of an input, as zod reports it (path and i18n message key). */
export interface FieldIssue {
  path: (string | number)[];
  /** an i18n key under `error.field.` */
  message: string;
}

export interface Failure {
  ok: false;
  error: {
    code: ErrorCode;
    issues?: FieldIssue[];
    incidentId?: string;
    detail?: Record<string, unknown>;
    /** the error in the owner's language, where the core was asked for it (the command line, the start-up box) */
    message?: string;
  };
}
export interface Success<T> {
  ok: true;
  data: T;
}
export type Reply<T = unknown> = Success<T> | Failure;

/** An expected failure thrown by a service; `dispatch` turns it into a Failure. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: Record<string, unknown>,
    readonly issues?: FieldIssue[],
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export function fail(code: ErrorCode, issues?: FieldIssue[], detail?: Record<string, unknown>): Failure {
  const error: Failure['error'] = { code };
  if (issues) error.issues = issues;
  if (detail) error.detail = detail;
  return { ok: false, error };
}

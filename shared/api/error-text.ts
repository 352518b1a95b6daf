import type { Failure } from './errors';

/**
 * The key of the message an error's reason has of its own (`error.CONFLICT.import_running`), if the
 * messages `m` have one: the one rule for the core's text (errorText below) and the screens'.
 */
export function reasonKey(
  code: string,
  detail: Readonly<Record<string, unknown>> | undefined,
  m: Readonly<Record<string, string>>,
) {
  const key = typeof detail?.reason === 'string' ? `error.${code}.${detail.reason}` : null;
  return key !== null && Object.hasOwn(m, key) ? key : undefined;
}

/**
 * An error envelope in the owner's words: the code's message (or the message for its reason, where
 * there is one: `error.CONFLICT.import_running`), with its incident id, who holds the shop when
 * another Regulars has it open, and each field issue as "field: message". Pure, so the core
 * (main/errors.ts), the command line and the Electron start-up box all say the same.
 */
export function errorText(error: Failure['error'], m: Readonly<Record<string, string>>): string {
  const reason = reasonKey(error.code, error.detail, m);
  const base = ((reason && m[reason]) ?? m[`error.${error.code}`] ?? m['error.INTERNAL'] ?? error.code).replace(
    '{{incidentId}}',
    error.incidentId ?? '—',
  );
  if (error.code === 'DB_IN_USE' && error.detail)
    return `${base} (${String(error.detail.role ?? '')} pid ${String(error.detail.pid ?? '?')})`;
  const fields = (error.issues ?? []).map((i) => `${i.path.join('.') || '—'}: ${m[`error.field.${i.message}`] ?? i.message}`);
  return fields.length ? `${base} ${fields.join('; ')}` : base;
}

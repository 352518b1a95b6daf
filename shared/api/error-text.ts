import type { Failure } from './errors';

/**
 * An error envelope in the owner's words: the code's message (or the message for its reason, where
 * there is one: `error.CONFLICT.import_running`), with its incident id, who holds the shop when
 * another Regulars has it open, and each field issue as "field: message". Pure, so the core
 * (main/errors.ts), the command line and the Electron start-up box all say the same.
 */
export function errorText(error: Failure['error'], m: Readonly<Record<string, string>>): string {
  const reason = typeof error.detail?.reason === 'string' ? m[`error.${error.code}.${error.detail.reason}`] : undefined;
  const base = (reason ?? m[`error.${error.code}`] ?? m['error.INTERNAL'] ?? error.code).replace(
    '{{incidentId}}',
    error.incidentId ?? '—',
  );
  if (error.code === 'DB_IN_USE' && error.detail)
    return `${base} (${String(error.detail.role ?? '')} pid ${String(error.detail.pid ?? '?')})`;
  const fields = (error.issues ?? []).map((i) => `${i.path.join('.') || '—'}: ${m[`error.field.${i.message}`] ?? i.message}`);
  return fields.length ? `${base} ${fields.join('; ')}` : base;
}

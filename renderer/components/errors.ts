import { ApiError } from '../api/client';
import type { BaseKey } from '../../shared/i18n';
import type { T } from '../app/i18n';

/** The translated message for a failed call (never a stack or SQL). */
export function errorText(t: T, e: unknown): string {
  if (e instanceof ApiError && e.code === 'FORBIDDEN') {
    // Another device on the shop's network (issue 18): locked out, not signed in, or not the owner.
    const { reason, retryAfterSeconds } = e.detail;
    if (reason === 'locked') return t('error.locked', { count: Math.max(1, Math.ceil(Number(retryAfterSeconds ?? 60) / 60)) });
    if (reason === 'role') return t('error.role');
    if (reason === 'sign_in') return t('error.sign_in');
  }
  // Conflicts with a message of their own: a restore refused while an import runs (an import refused
  // for another one says so on the Data screen); an export whose list kept changing while it was
  // made; an import whose customers were erased while it was written.
  if (e instanceof ApiError && e.code === 'CONFLICT') {
    const reason = e.detail.reason;
    if (reason === 'import_running') return t('error.CONFLICT.import_running');
    if (reason === 'export_changed') return t('error.CONFLICT.export_changed');
    if (reason === 'import_customers_changed') return t('error.CONFLICT.import_customers_changed');
  }
  if (e instanceof ApiError) return t(`error.${e.code}` as BaseKey, { incidentId: e.incidentId ?? '' });
  return t('error.INTERNAL', { incidentId: '' });
}

/** The translated message for one field's issue, if the failed call named that field. */
export function fieldError(t: T, e: unknown, field: string): string | undefined {
  if (!(e instanceof ApiError)) return undefined;
  const key = e.fieldIssue(field);
  return key ? t(`error.field.${key}` as BaseKey) : undefined;
}

/** A problem found before calling the core (a price that does not parse), shown like the core's own. */
export function invalidField(field: string, message = 'amount_invalid'): ApiError {
  return new ApiError('VALIDATION', [{ path: [field], message }]);
}

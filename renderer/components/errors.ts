import { ApiError } from '../api/client';
import { messages, type BaseKey } from '../../shared/i18n';
import { reasonKey } from '../../shared/api/error-text';
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
  // A reason with a message of its own (a restore refused while an import runs, …): the core's rule
  // (an import refused for another one says so on the Data screen).
  const own = e instanceof ApiError ? reasonKey(e.code, e.detail, messages.en) : undefined;
  if (own) return t(own as BaseKey);
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

import { ApiError } from '../../api/client';
import type { T } from '../../app/i18n';
import { errorText } from '../../components/errors';

/** A job's failure (code and detail, as the core reports it) as the error a direct call would have thrown. */
export const jobError = (error: { code: string; detail?: Record<string, unknown>; incidentId?: string } | null | undefined) =>
  new ApiError((error?.code ?? 'INTERNAL') as ApiError['code'], [], error?.detail ?? {}, error?.incidentId);

/**
 * A refused import in words. A file imported before, an incomplete or invalid mapping and an
 * over-large file get their own message; the worker reports them as a code and a detail.
 */
export function failureText(t: T, e: unknown): string {
  if (e instanceof ApiError) {
    if (e.code === 'CONFLICT' && e.detail.reason === 'duplicate_file') return t('data.import.duplicateError');
    if (e.code === 'CONFLICT' && e.detail.reason === 'import_running') return t('data.import.alreadyRunning');
    if (e.code === 'VALIDATION' && e.detail.reason === 'encoding_ambiguous') return t('data.import.encodingAmbiguous');
    if (e.code === 'VALIDATION' && e.detail.reason === 'not_a_table') return t('data.import.notATable');
    if (e.code === 'VALIDATION' && e.detail.reason === 'xlsx_unreadable') return t('data.import.xlsxUnreadable');
    if (e.code === 'VALIDATION' && e.detail.reason === 'xlsx_too_large') return t('data.import.xlsxTooLarge');
    if (e.code === 'VALIDATION' && e.detail.reason === 'xlsx_too_many_rows') return t('data.import.xlsxTooManyRows');
    if (e.code === 'VALIDATION' && (e.detail.missingFields || e.fieldIssue('map') === 'mapping_missing_fields'))
      return t('data.import.mappingError');
    if (e.code === 'VALIDATION' && (e.detail.mapping || e.fieldIssue('map'))) return t('data.import.mappingInvalid');
    if (e.code === 'VALIDATION' && e.fieldIssue('data') === 'file_too_large') return t('data.import.tooLarge');
  }
  return errorText(t, e);
}

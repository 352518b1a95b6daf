import { describe, expect, it } from 'vitest';
import { ApiError } from '../../renderer/api/client';
import { errorText } from '../../renderer/components/errors';
import { messages } from '../../shared/i18n';
import type { T } from '../../renderer/app/i18n';

/** The screens' words for a failed call, with the dictionary of each language standing in for i18next. */
const tIn =
  (locale: 'en' | 'zh-CN'): T =>
  (key, vars) =>
    (messages[locale] as Record<string, string>)[key]!.replace('{{incidentId}}', String(vars?.incidentId ?? ''));

describe('errorText on screen: a reason with words of its own says them, as the core and the command line do', () => {
  it.each(['import_running', 'export_changed', 'import_customers_changed'])('CONFLICT %s', (reason) => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const text = errorText(tIn(locale), new ApiError('CONFLICT', [], { reason }));
      expect(text).toBe((messages[locale] as Record<string, string>)[`error.CONFLICT.${reason}`]);
      expect(text).not.toBe(messages[locale]['error.CONFLICT']);
    }
  });

  it("a reason without words of its own keeps the code's", () => {
    expect(errorText(tIn('en'), new ApiError('CONFLICT', [], { reason: 'duplicate_file' }))).toBe(messages.en['error.CONFLICT']);
    expect(errorText(tIn('en'), new ApiError('CONFLICT', [], { reason: 'toString' }))).toBe(messages.en['error.CONFLICT']);
    expect(errorText(tIn('en'), new ApiError('NOT_FOUND'))).toBe(messages.en['error.NOT_FOUND']);
  });
});

import type { RowError } from '../../../shared/schemas/import';
import { csvText } from '../../../shared/domain/spreadsheet';

/**
 * The import's bad rows as CSV (row, column, reason in words, value, under the screen's own column
 * names), through the app's one CSV writer.
 */
export function problemsCsv(
  problems: readonly RowError[],
  reason: (code: string) => string,
  headers: readonly [row: string, column: string, reason: string, value: string],
): string {
  return csvText(
    [...headers],
    problems.map((p) => [p.row, p.column, reason(p.reason), p.value]),
  );
}

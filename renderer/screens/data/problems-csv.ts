import type { RowError } from '../../../shared/schemas/import';
import { csvText } from '../../../shared/domain/spreadsheet';

/** The import's bad rows as CSV (row, column, reason in words, value), through the app's one CSV writer. */
export function problemsCsv(problems: readonly RowError[], reason: (code: string) => string): string {
  return csvText(
    ['row', 'column', 'reason', 'value'],
    problems.map((p) => [p.row, p.column, reason(p.reason), p.value]),
  );
}

import Papa from 'papaparse';

/**
 * Formula neutralising: a cell that a spreadsheet would run as a formula (it starts with `=`, `+`,
 * `-`, `@`, a tab or a carriage return) gets a leading apostrophe, the OWASP-recommended
 * neutraliser, so an exported name like `=HYPERLINK(...)` is shown, never executed. Every CSV and
 * .xlsx the app writes passes its cells through this (vCard and JSON carry text as it is).
 */
export function neutraliseCell(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export type CsvCell = string | number | null | undefined;

/**
 * The one CSV writer of the app: exactly one header row (also when there are no rows), every cell
 * neutralised, quoted where CSV needs it, CRLF line ends, no trailing line end and no BOM (the
 * caller adds a BOM for Excel when it writes a file).
 */
export function csvText(headers: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const cell = (c: CsvCell) => neutraliseCell(c === null || c === undefined ? '' : String(c));
  return Papa.unparse({ fields: headers.map(cell), data: rows.map((r) => r.map(cell)) }, { newline: '\r\n', quotes: false });
}

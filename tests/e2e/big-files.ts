import fs from 'node:fs';

/**
 * Writes a sales file of `rows` rows for 5,000 customers named `<prefix>0` to `<prefix>4999`
 * (their ids in the old system): large enough for an import to be still running, or cancelled,
 * while a test looks.
 */
export function writeBigSalesCsv(file: string, rows: number, prefix = 'C'): void {
  const lines = ['customer_id,date,amount'];
  for (let i = 0; i < rows; i++) lines.push(`${prefix}${i % 5000},2024-0${1 + (i % 9)}-1${i % 10},${10 + (i % 90)}.50`);
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

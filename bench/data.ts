import type { Row } from './lib';

/** Data in and out: filled in by the import/export benchmarks. */
export async function dataSection(): Promise<Row[]> {
  return [];
}

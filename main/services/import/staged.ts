import type { ImportKind, ImportOptions, Mapping } from '../../../shared/schemas/import';
import type { CustomerDraft } from '../../../shared/schemas/customer';
import type { SaleRowValue } from './rows';

/**
 * A checked file as the write (write.ts) and its flip (flip.ts) take it: every row resolved to a
 * customer to create or one the shop knows, with the keys the rows were matched on.
 */
export type CustomerRef =
  { id: number } | { create: string; externalId: string | null; phone: string | null; memberCode: string | null } | null;
export type Planned =
  | { kind: 'customer'; line: number; value: { draft: CustomerDraft; externalId: string | null } }
  | { kind: 'sale'; line: number; value: SaleRowValue; customer: CustomerRef };

export interface StagedImport {
  kind: Exclude<ImportKind, 'products'>;
  fileName: string;
  sha: string;
  encoding: string;
  rowsTotal: number;
  mapping: Mapping;
  options: ImportOptions;
  sourceKey: string;
  badRows: number;
  planned: Planned[];
  keys: {
    byPhone: Map<string, number>;
    byCode: Map<string, number>;
    byExternal: Map<string, number>;
    /** each matched customer's created_at when the file was matched (customerKeys) */
    createdAt: ReadonlyMap<number, number>;
  };
  timeZone: string;
}

/**
 * The names of an import's tables (import-staging.ts stages its rows in them, import-sums.ts sums
 * them): one place, so staging and sums never spell a name twice.
 */
export const PREFIX = 'import_stage_';

/** An import's staging tables, in the order they are dropped. */
export const PARTS = ['customers', 'updates', 'sales', 'names'] as const;
export type Part = (typeof PARTS)[number];
/** The import's sums made before its flip (import-sums.ts): customers' days and totals, shop days, the flip's join. */
type SumsPart = 'cdays' | 'ctotals' | 'sdays' | 'days';

/** The name every table of import `id` has (`import_stage_<id>_<part>`), unquoted. */
export const tableName = (id: number, part: Part | SumsPart) => `${PREFIX}${Math.trunc(id)}_${part}`;
/** An import's table, with its schema: the temporary one of the import's connection, or `main` for a legacy stage. */
export const table = (id: number, part: Part | SumsPart, schema: 'temp' | 'main' = 'temp') =>
  `${schema}."${tableName(id, part)}"`;

/** Where the file's new customers start in the staging table's `cust` key (the shop's own are below). */
export const NEW_CUSTOMER_KEY = 2 ** 40;

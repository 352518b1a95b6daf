import { z } from 'zod';
import { OptionalText, Text } from './common';

export const CUSTOMER_FIELDS = [
  'external_id',
  'name',
  'phone',
  'member_code',
  'birthday',
  'notes',
  'tags',
  'consent_sms',
  'consent_phone',
  'consent_wechat',
  'consent_email',
] as const;
export const SALE_FIELDS = [
  'customer_id',
  'member_code',
  'phone',
  'name',
  'date',
  'amount',
  'items',
  'discount',
  'promotion',
  'payment',
  'staff',
  'note',
] as const;
export const PRODUCT_FIELDS = ['name', 'category', 'price', 'barcode', 'sku'] as const;
export type CustomerField = (typeof CUSTOMER_FIELDS)[number];
export type SaleField = (typeof SALE_FIELDS)[number];
export type ProductField = (typeof PRODUCT_FIELDS)[number];
export type ImportField = CustomerField | SaleField | ProductField;

export const ImportKind = z.enum(['customers', 'sales', 'products']);
export type ImportKind = z.infer<typeof ImportKind>;
/** "mixed": each cell as it reads cleanly, UTF-8 where it is valid, GB18030 elsewhere (decode.ts) */
export const Encoding = z.enum(['auto', 'utf8', 'gb18030', 'mixed']);
/** How to read an ambiguous numeric date like 05/03/2024. ISO and 年月日 forms are read as they are. */
export const DateFormat = z.enum(['auto', 'ymd', 'dmy', 'mdy']);
export type DateFormat = z.infer<typeof DateFormat>;

/** column header (as in the file) -> field; a column mapped to '' is ignored */
export const Mapping = z.record(z.string().max(200), OptionalText(40));
export type Mapping = z.infer<typeof Mapping>;

export const ImportOptions = z.strictObject({
  kind: ImportKind,
  encoding: Encoding.default('auto'),
  dateFormat: DateFormat.default('auto'),
  map: Mapping.optional(),
  createCustomers: z.boolean().default(false),
  skipBadRows: z.boolean().default(false),
  dryRun: z.boolean().default(false),
  /** import a file that was imported before */
  allowDuplicate: z.boolean().default(false),
});
export type ImportOptions = z.output<typeof ImportOptions>;

export const RowError = z.object({
  /** 1-based line of the data row in the file, counting the header as row 1 */
  row: z.number(),
  column: z.string(),
  /** i18n key under `import.error.` */
  reason: z.string(),
  value: z.string(),
});
export type RowError = z.infer<typeof RowError>;

export const ImportPreview = z.object({
  kind: ImportKind,
  encoding: z.enum(['utf8', 'gb18030', 'mixed']),
  /**
   * Set when "auto" could not tell the encoding (a UTF-8 file with GBK cells, say): the sample is
   * read cell by cell ("mixed"), and the import refuses "auto" until the owner chooses.
   */
  encodingDoubt: z
    .object({
      notUtf8: z.number(),
      samples: z.array(z.object({ row: z.number(), column: z.string(), utf8: z.string(), gb18030: z.string() })),
    })
    .nullable(),
  delimiter: z.string(),
  headers: z.array(z.string()),
  sample: z.array(z.array(z.string())),
  rows: z.number(),
  mapping: Mapping,
  /** the mapping came from the last import of a file with the same columns */
  mappingRemembered: z.boolean(),
  duplicateOf: z.object({ id: z.number(), createdAt: z.number(), fileName: z.string() }).nullable(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportResult = z.object({
  kind: ImportKind,
  dryRun: z.boolean(),
  committed: z.boolean(),
  importId: z.number().nullable(),
  rows: z.number(),
  imported: z.number(),
  skipped: z.number(),
  customersCreated: z.number(),
  customersUpdated: z.number(),
  /** product files: products added, products already in the catalogue updated, prices changed */
  productsCreated: z.number(),
  productsUpdated: z.number(),
  pricesChanged: z.number(),
  errors: z.array(RowError),
  /** errors beyond this many are counted, not listed */
  errorCount: z.number(),
});
export type ImportResult = z.infer<typeof ImportResult>;

/** Files cross the seam base64-encoded (JSON over IPC and HTTP). 150 MB of base64 ≈ 110 MB file. */
export const MAX_UPLOAD_BASE64 = 150_000_000;
export const FileUpload = z.object({
  fileName: Text(255),
  data: z
    .string()
    .max(MAX_UPLOAD_BASE64, 'file_too_large')
    .regex(/^[A-Za-z0-9+/=\r\n]*$/, 'invalid'),
});

export const ImportRequest = z.strictObject({ ...FileUpload.shape, ...ImportOptions.shape });

export const ImportJob = z.object({
  id: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  done: z.number(),
  total: z.number(),
  result: ImportResult.nullable(),
  error: z
    .object({ code: z.string(), detail: z.record(z.string(), z.unknown()).optional(), incidentId: z.string().optional() })
    .nullable(),
});

/**
 * One import in the Data screen's list (`import.list`): a job of this run of the app (running,
 * done, failed or cancelled) or, from the `imports` table, an import committed before. Counts are
 * null while running or after a failure.
 */
export const ImportRecord = z.object({
  /** the job's id, or `import-N` for an import known only from the database */
  id: z.string(),
  state: ImportJob.shape.state,
  kind: ImportKind,
  fileName: z.string(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  /** rows read so far, of total (a running import) */
  done: z.number(),
  total: z.number(),
  rows: z.number().nullable(),
  imported: z.number().nullable(),
  badRows: z.number().nullable(),
  error: ImportJob.shape.error,
});
export type ImportRecord = z.infer<typeof ImportRecord>;
export const ImportList = z.object({ imports: z.array(ImportRecord) });

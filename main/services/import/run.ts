import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import type { ImportOptions, ImportPreview, ImportResult, Mapping, RowError } from '../../../shared/schemas/import';
import { businessDate } from '../../../shared/domain/dates';
import { planProducts, writeProducts } from './products';
import * as q from '../../db/queries/imports';
import { audit } from '../../db/queries/audit';
import type { Ctx } from '../../ctx';
import { getSettings } from '../settings';
import { discardBackup } from '../backup-rotation';
import { readTable, type Table } from './table';
import { applyMapOverrides, guessMapping, sourceKey } from './mapping';
import { customerFromRow, fieldRows, saleFromRow } from './rows';
import { ImportCancelled, type ChunkHooks } from './chunks';
import { writeStaged } from './write';
import type { CustomerRef, Planned } from './staged';

export const MAX_LISTED_ERRORS = 1000;

export interface ImportHooks extends ChunkHooks {
  /** called once before anything is written (the automatic backup; removed again if the import fails) */
  beforeWrite?(): { file: string } | void;
}

export { ImportCancelled };

function resolveMapping(ctx: Ctx, table: Table, opts: ImportOptions): { mapping: Mapping; remembered: boolean } {
  const key = sourceKey(opts.kind, table.headers);
  const remembered = q.rememberedMapping(ctx.db, key);
  const base = remembered ?? guessMapping(opts.kind, table.headers);
  if (!opts.map) return { mapping: base, remembered: remembered !== undefined };
  const { mapping, errors } = applyMapOverrides(opts.kind, table.headers, base, opts.map);
  if (errors.length) throw new AppError('VALIDATION', { mapping: errors }, [{ path: ['map'], message: 'mapping_invalid' }]);
  return { mapping, remembered: false };
}

function requiredFieldsMissing(opts: ImportOptions, mapping: Mapping): string[] {
  const mapped = new Set(Object.values(mapping));
  const need =
    // every customer row needs a name, or the old system's id to stand for one (customerFromRow):
    // a file of phones alone would only come back as every row bad
    opts.kind === 'customers'
      ? [['name', 'external_id']]
      : opts.kind === 'sales'
        ? [['date'], ['amount']]
        : [['name'], ['price']];
  return need.filter((any) => !any.some((f) => mapped.has(f))).map((any) => any.join('|'));
}

export async function previewImport(ctx: Ctx, bytes: Uint8Array, fileName: string, opts: ImportOptions): Promise<ImportPreview> {
  const table = await readTable(bytes, opts.encoding);
  const { mapping, remembered } = resolveMapping(ctx, table, opts);
  const dup = q.findImportBySha(ctx.db, sha256(bytes), opts.kind);
  void fileName;
  return {
    kind: opts.kind,
    encoding: table.encoding,
    encodingDoubt: table.doubt,
    delimiter: table.delimiter,
    headers: table.headers,
    sample: table.rows.slice(0, 10),
    rows: table.rows.length,
    mapping,
    mappingRemembered: remembered,
    duplicateOf: dup ? { id: dup.id, createdAt: dup.created_at, fileName: dup.file_name } : null,
  };
}

/**
 * Cells with U+FFFD, the mark a decoder leaves where bytes were not text in the chosen encoding
 * (GBK bytes read as UTF-8, say): such a row is bad, never a garbled name imported as it is.
 */
function undecodable(table: Table): RowError[] {
  const out: RowError[] = [];
  if (!table.replacements) return out;
  table.rows.forEach((cells, i) => {
    const c = cells.findIndex((v) => v.includes('\uFFFD'));
    if (c >= 0)
      out.push({ row: i + 2, column: table.headers[c] ?? '', reason: 'encoding_invalid', value: cells[c]!.slice(0, 80) });
  });
  return out;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Validates every row first; writes only when the file is clean (or bad rows are explicitly
 * skipped): staged in short chunks, then made part of the shop in one flip (write.ts), so a crash
 * or kill leaves all of the file or none of it, and the counter never waits long.
 */
export async function runImport(
  ctx: Ctx,
  bytes: Uint8Array,
  fileName: string,
  opts: ImportOptions,
  hooks: ImportHooks = {},
): Promise<ImportResult> {
  // A cancel is looked at between the phases and every few thousand rows of checking, not only
  // while writing: reading and checking a large file takes longer than its writing on a busy till.
  const stopIfCancelled = () => {
    if (hooks.isCancelled?.()) throw new ImportCancelled();
  };
  const table = await readTable(bytes, opts.encoding);
  stopIfCancelled();
  // Never a guess between two readings that both look like words: the owner chooses.
  if (table.doubt)
    throw new AppError('VALIDATION', { reason: 'encoding_ambiguous', ...table.doubt }, [
      { path: ['encoding'], message: 'encoding_ambiguous' },
    ]);
  const { mapping } = resolveMapping(ctx, table, opts);
  const missing = requiredFieldsMissing(opts, mapping);
  if (missing.length)
    throw new AppError('VALIDATION', { missingFields: missing }, [{ path: ['map'], message: 'mapping_missing_fields' }]);
  const sha = sha256(bytes);
  const dup = q.findImportBySha(ctx.db, sha, opts.kind);
  if (dup && !opts.allowDuplicate && !opts.dryRun)
    throw new AppError('CONFLICT', {
      reason: 'duplicate_file',
      importId: dup.id,
      importedAt: dup.created_at,
      fileName: dup.file_name,
    });

  const { rows, ragged } = fieldRows(table.headers, table.rows, mapping);
  stopIfCancelled();
  const errors: RowError[] = [
    ...table.broken.map((b) => ({ row: b.row, column: '', reason: b.reason, value: '' })),
    ...ragged,
    ...undecodable(table),
  ];
  const brokenLines = new Set(errors.map((e) => e.row));
  const total = table.rows.length;
  const settings = getSettings(ctx.db);
  const keys = q.customerKeys(ctx.db);

  const planned: Planned[] = [];
  const pendingCreate = new Map<string, CustomerRef>();
  const products = opts.kind === 'products' ? planProducts(ctx, rows, brokenLines) : null;
  if (products) errors.push(...products.errors);

  let checked = 0;
  for (const r of products ? [] : rows) {
    if (++checked % 2000 === 0) stopIfCancelled();
    if (brokenLines.has(r.line)) continue;
    if (opts.kind === 'customers') {
      const c = customerFromRow(r);
      if (!c.ok) errors.push(...c.errors);
      else planned.push({ kind: 'customer', line: r.line, value: c.value });
      continue;
    }
    const s = saleFromRow(r, opts.dateFormat);
    if (!s.ok) {
      errors.push(...s.errors);
      continue;
    }
    const ref = s.value.ref;
    let customer: CustomerRef = null;
    const hasRef = ref.externalId || ref.memberCode || ref.phone;
    const found =
      (ref.externalId && keys.byExternal.get(ref.externalId)) ||
      (ref.memberCode && keys.byCode.get(ref.memberCode.toLowerCase())) ||
      (ref.phone && keys.byPhone.get(ref.phone));
    if (found) customer = { id: found };
    else if (hasRef) {
      const k = `${ref.externalId ?? ''}\u0000${ref.memberCode?.toLowerCase() ?? ''}\u0000${ref.phone ?? ''}`;
      if (!opts.createCustomers) {
        const f = ref.externalId ? 'customer_id' : ref.memberCode ? 'member_code' : 'phone';
        errors.push({ row: r.line, column: r.column(f), reason: 'customer_unknown', value: r.get(f) });
        continue;
      }
      customer = pendingCreate.get(k) ?? {
        create: ref.name || ref.externalId || ref.memberCode || ref.phone || '?',
        externalId: ref.externalId,
        phone: ref.phone,
        memberCode: ref.memberCode,
      };
      pendingCreate.set(k, customer);
    }
    planned.push({ kind: 'sale', line: r.line, value: s.value, customer });
  }

  // every row is read: their cells need not stay in memory through the writing
  table.rows = [];
  errors.sort((a, b) => a.row - b.row);
  const badRows = new Set(errors.map((e) => e.row)).size;
  const result: ImportResult = {
    kind: opts.kind,
    dryRun: opts.dryRun,
    committed: false,
    importId: null,
    rows: total,
    imported: 0,
    skipped: badRows,
    customersCreated: 0,
    customersUpdated: 0,
    productsCreated: 0,
    productsUpdated: 0,
    pricesChanged: 0,
    errors: errors.slice(0, MAX_LISTED_ERRORS),
    errorCount: errors.length,
  };
  const plannedRows = products ? products.planned.length : planned.length;
  if (opts.dryRun || (errors.length && !opts.skipBadRows)) {
    if (!opts.dryRun) result.skipped = 0;
    result.imported = opts.dryRun ? plannedRows : 0;
    return result;
  }

  stopIfCancelled();
  const backup = hooks.beforeWrite?.();
  const now = ctx.clock.now();
  let done: { importId: number; created: number; updated: number; products: ReturnType<typeof writeProducts> | null };
  try {
    if (products) {
      // A catalogue is a few thousand rows: one short transaction, as before.
      done = ctx.db
        .transaction(() => {
          const importId = q.insertImport(ctx.db, {
            kind: opts.kind,
            fileName,
            sha,
            encoding: table.encoding,
            rowsTotal: total,
            mapping,
            options: { ...opts, map: undefined },
            now,
          });
          hooks.onImportId?.(importId);
          const w = writeProducts(
            ctx,
            products.planned,
            { importId, fileName, today: businessDate(now, settings.timeZone), now },
            (i) => {
              if (i % 5000 === 0) {
                stopIfCancelled();
                hooks.onProgress?.(i, plannedRows);
              }
            },
          );
          q.finishImport(ctx.db, importId, plannedRows, badRows, 0, 0);
          q.rememberMapping(ctx.db, sourceKey(opts.kind, table.headers), opts.kind, mapping, now);
          audit(ctx.db, now, 'import', 'import', importId, { kind: opts.kind, fileName, rows: plannedRows, skipped: badRows });
          return { importId, created: 0, updated: 0, products: w };
        })
        .immediate();
    } else {
      const w = writeStaged(
        ctx,
        {
          kind: opts.kind as 'customers' | 'sales',
          fileName,
          sha,
          encoding: table.encoding,
          rowsTotal: total,
          mapping,
          options: opts,
          sourceKey: sourceKey(opts.kind, table.headers),
          badRows,
          planned,
          keys,
          timeZone: settings.timeZone,
        },
        hooks,
      );
      done = { ...w, products: null };
    }
  } catch (e) {
    // cancelled or failed: nothing of the file is in the shop, and the copy taken for it goes too
    if (backup) discardBackup(backup);
    throw e;
  }
  hooks.onProgress?.(plannedRows, plannedRows);
  return {
    ...result,
    committed: true,
    importId: done.importId,
    imported: plannedRows,
    customersCreated: done.created,
    customersUpdated: done.updated,
    productsCreated: done.products?.created ?? 0,
    productsUpdated: done.products?.updated ?? 0,
    pricesChanged: done.products?.repriced ?? 0,
  };
}

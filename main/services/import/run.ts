import { saleEffects } from '../sale-effects';
import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import type { ImportOptions, ImportPreview, ImportResult, Mapping, RowError } from '../../../shared/schemas/import';
import { businessDate, startOfBusinessDate } from '../../../shared/domain/dates';
import { planProducts, writeProducts } from './products';
import * as q from '../../db/queries/imports';
import { listPaymentMethods, listStaff, insertPaymentMethod, insertStaff } from '../../db/queries/settings';
import { setTags, getCustomerRow, tagsOf, writeConsent } from '../../db/queries/customers';
import { audit } from '../../db/queries/audit';
import type { Ctx } from '../../ctx';
import { getSettings } from '../settings';
import { discardBackup } from '../backup';
import { insertCustomerTx } from '../customers';
import { readTable, type Table } from './table';
import { applyMapOverrides, guessMapping, sourceKey } from './mapping';
import { customerFromRow, fieldRows, saleFromRow, type SaleRowValue } from './rows';

export const MAX_LISTED_ERRORS = 1000;
/** From this many sales rows on, the sales indexes are rebuilt once instead of updated per row. */
const BULK_ROWS = 50_000;

export interface ImportHooks {
  onProgress?(done: number, total: number): void;
  /** checked while rows are written; true rolls the whole import back */
  isCancelled?(): boolean;
  /** called once before anything is written (the automatic backup; removed again if the import fails) */
  beforeWrite?(): { file: string } | void;
}

export class ImportCancelled extends Error {}

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
    opts.kind === 'customers'
      ? [['name', 'phone', 'member_code']]
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
 * skipped), in ONE transaction, so a crash or kill leaves all of the file or none of it.
 */
export async function runImport(
  ctx: Ctx,
  bytes: Uint8Array,
  fileName: string,
  opts: ImportOptions,
  hooks: ImportHooks = {},
): Promise<ImportResult> {
  const table = await readTable(bytes, opts.encoding);
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
  const errors: RowError[] = [
    ...table.broken.map((b) => ({ row: b.row, column: '', reason: b.reason, value: '' })),
    ...ragged,
    ...undecodable(table),
  ];
  const brokenLines = new Set(errors.map((e) => e.row));
  const total = table.rows.length;
  const settings = getSettings(ctx.db);
  const keys = q.customerKeys(ctx.db);

  type Planned =
    | { kind: 'customer'; line: number; value: ReturnType<typeof customerFromRow> & { ok: true } }
    | { kind: 'sale'; line: number; value: SaleRowValue; customer: CustomerRef };
  type CustomerRef =
    { id: number } | { create: string; externalId: string | null; phone: string | null; memberCode: string | null } | null;
  const planned: Planned[] = [];
  const pendingCreate = new Map<string, CustomerRef>();
  const products = opts.kind === 'products' ? planProducts(ctx, rows, brokenLines) : null;
  if (products) errors.push(...products.errors);

  for (const r of products ? [] : rows) {
    if (brokenLines.has(r.line)) continue;
    if (opts.kind === 'customers') {
      const c = customerFromRow(r);
      if (!c.ok) errors.push(...c.errors);
      else planned.push({ kind: 'customer', line: r.line, value: c });
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

  const backup = hooks.beforeWrite?.();
  const now = ctx.clock.now();
  const dayStart = new Map<string, number>();
  const startOf = (d: string) => {
    let v = dayStart.get(d);
    if (v === undefined) dayStart.set(d, (v = startOfBusinessDate(d, settings.timeZone)));
    return v;
  };
  const payments = new Map<string, number>();
  for (const p of listPaymentMethods(ctx.db)) {
    payments.set(p.name.toLowerCase(), p.id);
    payments.set(p.code.toLowerCase(), p.id);
  }
  for (const [alias, code] of Object.entries(PAYMENT_ALIASES)) {
    const id = payments.get(code);
    if (id !== undefined && !payments.has(alias)) payments.set(alias, id);
  }
  const staff = new Map(listStaff(ctx.db).map((s) => [s.name.toLowerCase(), s.id]));

  const write = ctx.db.transaction(() => {
    // Progress: for sales and customers the first half reads rows and creates customers, the second
    // writes the sales; products are written in one pass. Every 5,000 rows a cancel rolls all back.
    const every = (i: number, done: number, of: number) => {
      if (i % 5000 === 0) {
        if (hooks.isCancelled?.()) throw new ImportCancelled();
        hooks.onProgress?.(done, of);
      }
    };
    const tick = (i: number, half: 0 | 1) => every(i, Math.round((half * planned.length + i) / 2), planned.length);
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
    let created = 0;
    let updated = 0;
    if (products) {
      const w = writeProducts(
        ctx,
        products.planned,
        { importId, fileName, today: businessDate(now, settings.timeZone), now },
        (i) => every(i, i, plannedRows),
      );
      q.finishImport(ctx.db, importId, plannedRows, badRows, 0, 0);
      q.rememberMapping(ctx.db, sourceKey(opts.kind, table.headers), opts.kind, mapping, now);
      audit(ctx.db, now, 'import', 'import', importId, { kind: opts.kind, fileName, rows: plannedRows, skipped: badRows });
      return { importId, created: 0, updated: 0, products: w };
    }
    const createdIds = new Map<CustomerRef, number>();
    const restoreIndexes = planned.length >= BULK_ROWS && opts.kind === 'sales' ? q.suspendSalesIndexes(ctx.db) : null;
    const sales: { customerId: number | null; occurredAt: number; v: SaleRowValue }[] = [];
    planned.forEach((p, i) => {
      tick(i, 0);
      if (p.kind === 'customer') {
        const { draft, externalId } = p.value.value;
        const existing =
          (draft.memberCode && keys.byCode.get(draft.memberCode.toLowerCase())) || (draft.phone && keys.byPhone.get(draft.phone));
        if (existing) {
          mergeIntoExisting(ctx, existing, draft, now);
          updated++;
        } else {
          const id = insertCustomerTx(ctx, draft, externalId);
          q.setCustomerImport(ctx.db, id, importId);
          if (draft.phone) keys.byPhone.set(draft.phone, id);
          if (draft.memberCode) keys.byCode.set(draft.memberCode.toLowerCase(), id);
          created++;
        }
        return;
      }
      let customerId: number | null = null;
      if (p.customer && 'id' in p.customer) customerId = p.customer.id;
      else if (p.customer) {
        customerId = createdIds.get(p.customer) ?? null;
        if (customerId === null) {
          const c = p.customer;
          customerId = insertCustomerTx(
            ctx,
            { name: c.create.slice(0, 100), phone: c.phone, memberCode: c.memberCode ?? undefined, consentSource: 'import' },
            c.externalId,
          );
          q.setCustomerImport(ctx.db, customerId, importId);
          createdIds.set(p.customer, customerId);
          created++;
        }
      }
      sales.push({ customerId, occurredAt: startOf(p.value.date.date) + (p.value.date.seconds ?? 12 * 3600) * 1000, v: p.value });
    });
    // Written customer by customer, in time order: each customer's sales end up side by side in
    // the file, so their totals and their page read a few pages instead of one per sale.
    sales.sort((a, b) => (a.customerId ?? 0) - (b.customerId ?? 0) || a.occurredAt - b.occurredAt);
    sales.forEach(({ customerId, occurredAt, v }, i) => {
      tick(i, 1);
      q.insertImportedSale(ctx.db, {
        customerId,
        occurredAt,
        businessDate: v.date.date,
        amountMinor: v.amountMinor,
        items: v.items,
        discountMinor: v.discountMinor,
        isPromotion: v.isPromotion ? 1 : 0,
        paymentMethodId: lookupOrCreate(payments, v.payment, (name) =>
          insertPaymentMethod(ctx.db, `import_${payments.size}_${now}`, name),
        ),
        staffId: lookupOrCreate(staff, v.staff, (name) => insertStaff(ctx.db, name, now)),
        note: v.note,
        importId,
        now,
      });
    });
    restoreIndexes?.();
    // Imported sales win back contacted customers too, as sales at the counter do (totals: triggers).
    if (opts.kind === 'sales') saleEffects(ctx, { kind: 'imported' });
    q.finishImport(ctx.db, importId, planned.length, badRows, created, updated);
    q.rememberMapping(ctx.db, sourceKey(opts.kind, table.headers), opts.kind, mapping, now);
    audit(ctx.db, now, 'import', 'import', importId, { kind: opts.kind, fileName, rows: planned.length, skipped: badRows });
    return { importId, created, updated, products: null };
  });
  let done: ReturnType<typeof write>;
  try {
    done = write();
  } catch (e) {
    // cancelled or failed: the transaction rolled back, and the copy taken for it goes too
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

const PAYMENT_ALIASES: Record<string, string> = {
  微信: 'wechat_pay',
  wechat: 'wechat_pay',
  'wechat pay': 'wechat_pay',
  weixin: 'wechat_pay',
  支付宝: 'alipay',
  alipay: 'alipay',
  cash: 'cash',
  现金: 'cash',
  card: 'card',
  刷卡: 'card',
  银联: 'card',
  'bank card': 'card',
};

function lookupOrCreate(map: Map<string, number>, name: string, create: (name: string) => number): number | null {
  const key = name.trim().toLowerCase();
  if (!key) return null;
  let id = map.get(key);
  if (id === undefined) {
    id = create(name.trim().slice(0, 40));
    map.set(key, id);
  }
  return id;
}

/** A customers-file row for a customer we already know: fill what is missing, add tags, record consent from the file. */
function mergeIntoExisting(
  ctx: Ctx,
  id: number,
  d: {
    name: string;
    notes?: string | undefined;
    tags?: string[] | undefined;
    consent?: Partial<Record<'sms' | 'phone' | 'wechat' | 'email', boolean>> | undefined;
  },
  now: number,
): void {
  const row = getCustomerRow(ctx.db, id);
  if (!row) return;
  if (d.tags?.length) {
    setTags(ctx.db, id, [...new Set([...tagsOf(ctx.db, id), ...d.tags])]);
  }
  for (const [ch, granted] of Object.entries(d.consent ?? {}) as ['sms' | 'phone' | 'wechat' | 'email', boolean][]) {
    writeConsent(ctx.db, id, ch, granted, now, 'import', '');
  }
}

import type { RowError } from '../../../shared/schemas/import';
import * as pq from '../../db/queries/products';
import type { Ctx } from '../../ctx';
import { nameKeys } from '../name-keys';
import type { FieldRow } from './rows';
import { productFromRow, type ProductRowValue } from './rows';

export interface PlannedProduct {
  line: number;
  value: ProductRowValue;
  /** the catalogue product the row updates, or null for a new one */
  existingId: number | null;
}

/**
 * Matches each row to the catalogue: by barcode, then SKU, then exactly the same name. A code used
 * twice in the file, or a barcode and SKU that belong to two different products, is an error.
 */
export function planProducts(
  ctx: Ctx,
  rows: Iterable<FieldRow>,
  skip: Set<number>,
): { planned: PlannedProduct[]; errors: RowError[] } {
  const planned: PlannedProduct[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    if (skip.has(r.line)) continue;
    const p = productFromRow(r);
    if (!p.ok) {
      errors.push(...p.errors);
      continue;
    }
    const v = p.value;
    let dup = false;
    for (const [field, code] of [
      ['barcode', v.barcode],
      ['sku', v.sku?.toLowerCase() ?? null],
    ] as const) {
      if (!code) continue;
      const key = `${field}\u0000${code}`;
      if (seen.has(key)) {
        errors.push({ row: r.line, column: r.column(field), reason: 'duplicate_in_file', value: code });
        dup = true;
      } else seen.set(key, r.line);
    }
    if (dup) continue;
    const byBarcode = v.barcode ? pq.findByCode(ctx.db, 'barcode', v.barcode, null) : undefined;
    const bySku = v.sku ? pq.findByCode(ctx.db, 'sku', v.sku, null) : undefined;
    if (byBarcode !== undefined && bySku !== undefined && byBarcode !== bySku) {
      errors.push({ row: r.line, column: r.column('sku'), reason: 'codes_conflict', value: v.sku ?? '' });
      continue;
    }
    const existingId = byBarcode ?? bySku ?? (v.barcode || v.sku ? undefined : pq.findByName(ctx.db, nameKeys(v.name).nameKey));
    planned.push({ line: r.line, value: v, existingId: existingId ?? null });
  }
  return { planned, errors };
}

/** Writes the planned rows (inside the import's transaction); a new price is kept as history. */
export function writeProducts(
  ctx: Ctx,
  planned: PlannedProduct[],
  meta: { importId: number; fileName: string; today: string; now: number },
  /** called before each row: may throw to cancel (the import's transaction then rolls back) */
  tick: (i: number) => void = () => {},
): { created: number; updated: number; repriced: number } {
  let created = 0;
  let updated = 0;
  let repriced = 0;
  for (const [i, { value: v, existingId }] of planned.entries()) {
    tick(i);
    const k = nameKeys(v.name);
    const keys = { nameKey: k.nameKey, pinyin: k.pinyin, initials: k.initials };
    if (existingId === null) {
      const id = pq.insertProduct(ctx.db, {
        name: v.name,
        keys,
        category: v.category ?? '',
        priceMinor: v.priceMinor,
        barcode: v.barcode,
        sku: v.sku,
        now: meta.now,
      });
      pq.setProductImport(ctx.db, id, meta.importId);
      pq.insertPriceChange(ctx.db, {
        productId: id,
        oldPriceMinor: null,
        newPriceMinor: v.priceMinor,
        changedOn: meta.today,
        changedAt: meta.now,
        staffId: null,
        note: meta.fileName,
      });
      created++;
      continue;
    }
    const cur = pq.getProduct(ctx.db, existingId)!;
    pq.updateProduct(ctx.db, {
      id: cur.id,
      name: v.name,
      keys,
      category: v.category ?? cur.category,
      barcode: v.barcode ?? cur.barcode,
      sku: v.sku ?? cur.sku,
      isActive: cur.isActive,
      now: meta.now,
    });
    updated++;
    if (v.priceMinor !== cur.priceMinor) {
      pq.setPrice(ctx.db, cur.id, v.priceMinor, meta.now);
      pq.insertPriceChange(ctx.db, {
        productId: cur.id,
        oldPriceMinor: cur.priceMinor,
        newPriceMinor: v.priceMinor,
        changedOn: meta.today,
        changedAt: meta.now,
        staffId: null,
        note: meta.fileName,
      });
      repriced++;
    }
  }
  return { created, updated, repriced };
}

import { AppError } from '../../shared/api/errors';
import type { PriceHistoryEntry, Product } from '../../shared/schemas/products';
import * as q from '../db/queries/products';
import { getStaff } from '../db/queries/staff';
import { audit } from '../db/queries/audit';
import type { Ctx } from '../ctx';
import { nameKeys } from './name-keys';
import { today } from './settings';

function checkCodes(ctx: Ctx, barcode: string | null, sku: string | null, exceptId: number | null) {
  if (barcode) {
    const other = q.findByCode(ctx.db, 'barcode', barcode, exceptId);
    if (other !== undefined)
      throw new AppError('CONFLICT', { existingId: other }, [{ path: ['barcode'], message: 'barcode_taken' }]);
  }
  if (sku) {
    const other = q.findByCode(ctx.db, 'sku', sku, exceptId);
    if (other !== undefined) throw new AppError('CONFLICT', { existingId: other }, [{ path: ['sku'], message: 'sku_taken' }]);
  }
}

const keysOf = (name: string) => {
  const k = nameKeys(name);
  return { nameKey: k.nameKey, pinyin: k.pinyin, initials: k.initials };
};

/** Adds a product; its first price is the start of its price history. */
export function createProduct(
  ctx: Ctx,
  d: { name: string; category: string; priceMinor: number; barcode?: string | null | undefined; sku?: string | null | undefined },
): Product {
  return ctx.db.transaction(() => {
    const barcode = d.barcode ?? null;
    const sku = d.sku ?? null;
    checkCodes(ctx, barcode, sku, null);
    const now = ctx.clock.now();
    const id = q.insertProduct(ctx.db, {
      name: d.name,
      keys: keysOf(d.name),
      category: d.category,
      priceMinor: d.priceMinor,
      barcode,
      sku,
      now,
    });
    q.insertPriceChange(ctx.db, {
      productId: id,
      oldPriceMinor: null,
      newPriceMinor: d.priceMinor,
      changedOn: today(ctx),
      changedAt: now,
      staffId: null,
      note: '',
    });
    audit(ctx.db, now, 'product.create', 'product', id, { priceMinor: d.priceMinor });
    return q.getProduct(ctx.db, id)!;
  })();
}

/** Edits name, category, codes, or retires / brings back a product (the price changes only by reprice). */
export function updateProduct(
  ctx: Ctx,
  p: {
    id: number;
    name?: string | undefined;
    category?: string | undefined;
    barcode?: string | null | undefined;
    sku?: string | null | undefined;
    isActive?: boolean | undefined;
  },
): Product {
  return ctx.db.transaction(() => {
    const cur = q.getProduct(ctx.db, p.id);
    if (!cur) throw new AppError('NOT_FOUND', { entity: 'product' });
    const next = {
      name: p.name ?? cur.name,
      category: p.category ?? cur.category,
      barcode: p.barcode === undefined ? cur.barcode : p.barcode,
      sku: p.sku === undefined ? cur.sku : p.sku,
      isActive: p.isActive ?? cur.isActive,
    };
    checkCodes(ctx, next.barcode, next.sku, cur.id);
    const now = ctx.clock.now();
    q.updateProduct(ctx.db, { id: cur.id, ...next, keys: keysOf(next.name), now });
    audit(ctx.db, now, 'product.update', 'product', cur.id, { isActive: next.isActive });
    return q.getProduct(ctx.db, cur.id)!;
  })();
}

/** A new price from a day on (default today): kept as history with the old price and who changed it. */
export function repriceProduct(
  ctx: Ctx,
  r: { id: number; priceMinor: number; changedOn?: string | undefined; note: string; staffId: number | null },
): Product {
  const day = r.changedOn ?? today(ctx);
  if (day > today(ctx)) throw new AppError('VALIDATION', {}, [{ path: ['changedOn'], message: 'price_change_in_future' }]);
  return ctx.db.transaction(() => {
    const cur = q.getProduct(ctx.db, r.id);
    if (!cur) throw new AppError('NOT_FOUND', { entity: 'product' });
    if (r.staffId !== null && !getStaff(ctx.db, r.staffId))
      throw new AppError('NOT_FOUND', { entity: 'staff' }, [{ path: ['staffId'], message: 'staff_unknown' }]);
    if (r.priceMinor === cur.priceMinor)
      throw new AppError('VALIDATION', {}, [{ path: ['priceMinor'], message: 'price_unchanged' }]);
    const now = ctx.clock.now();
    q.setPrice(ctx.db, cur.id, r.priceMinor, now);
    q.insertPriceChange(ctx.db, {
      productId: cur.id,
      oldPriceMinor: cur.priceMinor,
      newPriceMinor: r.priceMinor,
      changedOn: day,
      changedAt: now,
      staffId: r.staffId,
      note: r.note,
    });
    audit(ctx.db, now, 'product.reprice', 'product', cur.id, { from: cur.priceMinor, to: r.priceMinor, changedOn: day });
    return q.getProduct(ctx.db, cur.id)!;
  })();
}

export function listProducts(ctx: Ctx, f: { query: string; includeRetired: boolean; limit: number }): Product[] {
  return q.searchProducts(ctx.db, { text: f.query, includeRetired: f.includeRetired, limit: f.limit });
}

export function productHistory(ctx: Ctx, id: number): PriceHistoryEntry[] {
  if (!q.getProduct(ctx.db, id)) throw new AppError('NOT_FOUND', { entity: 'product' });
  return q.priceHistory(ctx.db, id);
}

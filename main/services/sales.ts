import { AppError } from '../../shared/api/errors';
import { MAX_ITEMS, type Sale, type SaleDraft } from '../../shared/schemas/sale';
import { businessDate } from '../../shared/domain/dates';
import * as q from '../db/queries/sales';
import { getStaff } from '../db/queries/staff';
import { getPaymentMethod } from '../db/queries/payment-methods';
import { audit } from '../db/queries/audit';
import type { Ctx } from '../ctx';
import { saleEffects } from './sale-effects';
import { checkOffer } from './offers';
import { getSettings, today } from './settings';
import { liveRow } from './customers';
import { getProduct, priceOn } from '../db/queries/products';
import { lineGrossMinor, lineItems, quantityToMilli } from '../../shared/domain/lines';

/** Sales may be backdated (a forgotten sale from this morning), never dated ahead of the clock. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export function record(ctx: Ctx, d: SaleDraft): Sale {
  return ctx.db.transaction(() => {
    const now = ctx.clock.now();
    const settings = getSettings(ctx.db);
    const customerId = d.customerId === null ? null : liveRow(ctx.db, d.customerId).id;
    const paymentMethodId = d.paymentMethodId ?? settings.defaultPaymentMethodId;
    // A default staff member who has since left is not put on new sales.
    const fallbackStaff =
      settings.defaultStaffId !== null && getStaff(ctx.db, settings.defaultStaffId)?.isActive ? settings.defaultStaffId : null;
    const staffId = d.staffId ?? fallbackStaff;
    if (paymentMethodId !== null && !getPaymentMethod(ctx.db, paymentMethodId))
      throw new AppError('NOT_FOUND', { entity: 'payment_method' }, [{ path: ['paymentMethodId'], message: 'payment_unknown' }]);
    if (staffId !== null && !getStaff(ctx.db, staffId))
      throw new AppError('NOT_FOUND', { entity: 'staff' }, [{ path: ['staffId'], message: 'staff_unknown' }]);
    const occurredAt = d.occurredAt ?? now;
    if (occurredAt > now + FUTURE_TOLERANCE_MS)
      throw new AppError('VALIDATION', undefined, [{ path: ['occurredAt'], message: 'date_in_future' }]);
    const day = businessDate(occurredAt, settings.timeZone);
    const lines = priceLines(ctx, d.lines, day);
    const linesTotal = lines.reduce((n, l) => n + l.lineTotalMinor, 0);
    // Money off the whole sale (a promotion) comes off the lines' total.
    const floor = Math.max(0, linesTotal - d.discountMinor);
    const beforeOffer = d.amountMinor ?? floor;
    if (beforeOffer < floor)
      throw new AppError('VALIDATION', { linesTotalMinor: linesTotal }, [
        { path: ['amountMinor'], message: 'amount_below_lines' },
      ]);
    const offer = d.offerCode ? checkOffer(ctx, { code: d.offerCode, customerId, amountMinor: beforeOffer, day }) : null;
    const amountMinor = beforeOffer - (offer?.discountMinor ?? 0);
    const id = q.insertSale(
      ctx.db,
      {
        customerId,
        occurredAt,
        businessDate: day,
        amountMinor,
        // with lines, the items are theirs (plus one for an amount rung up beside them)
        items: lines.length ? Math.min(MAX_ITEMS, lineItems(lines) + (beforeOffer > linesTotal ? 1 : 0)) : d.items,
        discountMinor: d.discountMinor + lines.reduce((n, l) => n + l.lineDiscountMinor, 0) + (offer?.discountMinor ?? 0),
        isPromotion: d.isPromotion,
        paymentMethodId,
        staffId,
        note: d.note,
      },
      now,
    );
    if (lines.length) q.insertLines(ctx.db, { id, businessDate: day, customerId }, lines);
    saleEffects(ctx, { kind: 'recorded', saleId: id, customerId, offer });
    const saved = { ...q.getSale(ctx.db, id)!, lines: q.linesOfSale(ctx.db, id) };
    return offer ? { ...saved, offer: { code: offer.offer.code, discountMinor: offer.discountMinor } } : saved;
  })();
}

/** Each line at the catalogue's price on the sale's day; a line discount cannot exceed the line. */
function priceLines(ctx: Ctx, drafts: SaleDraft['lines'], day: string): q.LineWrite[] {
  return drafts.map((l, i) => {
    const product = getProduct(ctx.db, l.productId);
    if (!product)
      throw new AppError('NOT_FOUND', { entity: 'product' }, [{ path: ['lines', i, 'productId'], message: 'product_unknown' }]);
    if (!product.isActive)
      throw new AppError('VALIDATION', { productId: product.id }, [
        { path: ['lines', i, 'productId'], message: 'product_retired' },
      ]);
    const quantityMilli = quantityToMilli(l.quantity)!;
    const unitPriceMinor = priceOn(ctx.db, product.id, day)!;
    const gross = lineGrossMinor(quantityMilli, unitPriceMinor);
    if (l.lineDiscountMinor > gross)
      throw new AppError('VALIDATION', undefined, [
        { path: ['lines', i, 'lineDiscountMinor'], message: 'discount_exceeds_line' },
      ]);
    return {
      productId: product.id,
      quantityMilli,
      unitPriceMinor,
      lineDiscountMinor: l.lineDiscountMinor,
      lineTotalMinor: gross - l.lineDiscountMinor,
    };
  });
}

/** A sale is never deleted: voiding keeps who, when and why, and takes it out of every total. */
export function voidSale(ctx: Ctx, id: number, reason: string, staffId: number | null): Sale {
  return ctx.db.transaction(() => {
    const sale = q.getSale(ctx.db, id);
    if (!sale) throw new AppError('NOT_FOUND', { entity: 'sale', id });
    if (sale.voidedAt !== null) throw new AppError('ALREADY_VOIDED', { id });
    if (staffId !== null && !getStaff(ctx.db, staffId))
      throw new AppError('NOT_FOUND', { entity: 'staff' }, [{ path: ['staffId'], message: 'staff_unknown' }]);
    const now = ctx.clock.now();
    q.voidSale(ctx.db, id, now, reason, staffId);
    saleEffects(ctx, { kind: 'voided', saleId: id });
    audit(ctx.db, now, 'sale.void', 'sale', id, { reason });
    return q.getSale(ctx.db, id)!;
  })();
}

export function todaysSales(ctx: Ctx, limit: number): Sale[] {
  return q.salesOfDay(ctx.db, today(ctx), limit);
}

/** A customer's latest sales, each with the items rung up. */
export function customerSales(ctx: Ctx, customerId: number, limit: number): Sale[] {
  const sales = q.salesOfCustomer(ctx.db, liveRow(ctx.db, customerId).id, limit);
  const lines = q.linesOfSales(
    ctx.db,
    sales.map((s) => s.id),
  );
  return sales.map((s) => ({ ...s, lines: lines.get(s.id) ?? [] }));
}

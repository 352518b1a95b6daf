import { AppError } from '../../shared/api/errors';
import type { Sale, SaleDraft } from '../../shared/schemas/sale';
import { businessDate } from '../../shared/domain/dates';
import * as q from '../db/queries/sales';
import { refreshStats } from '../db/queries/customers';
import { getPaymentMethod, getStaff } from '../db/queries/settings';
import { audit } from '../db/queries/audit';
import type { Ctx } from '../ctx';
import { saleVoided, wonBackBy } from './winback';
import { getSettings, today } from './settings';
import { liveRow } from './customers';

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
    const id = q.insertSale(
      ctx.db,
      {
        customerId,
        occurredAt,
        businessDate: businessDate(occurredAt, settings.timeZone),
        amountMinor: d.amountMinor,
        items: d.items,
        discountMinor: d.discountMinor,
        isPromotion: d.isPromotion,
        paymentMethodId,
        staffId,
        note: d.note,
      },
      now,
    );
    if (customerId !== null) {
      refreshStats(ctx.db, customerId);
      wonBackBy(ctx, customerId);
    }
    return q.getSale(ctx.db, id)!;
  })();
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
    if (sale.customerId !== null) refreshStats(ctx.db, sale.customerId);
    saleVoided(ctx, id);
    audit(ctx.db, now, 'sale.void', 'sale', id, { reason });
    return q.getSale(ctx.db, id)!;
  })();
}

export function todaysSales(ctx: Ctx, limit: number): Sale[] {
  return q.salesOfDay(ctx.db, today(ctx), limit);
}

export function customerSales(ctx: Ctx, customerId: number, limit: number): Sale[] {
  return q.salesOfCustomer(ctx.db, liveRow(ctx.db, customerId).id, limit);
}

import { AppError } from '../../shared/api/errors';
import type { PaymentMethod, Staff } from '../../shared/schemas/settings';
import * as staff from '../db/queries/staff';
import * as payments from '../db/queries/payment-methods';
import { audit } from '../db/queries/audit';
import type { Ctx } from '../ctx';
import { insertIntroduceTasks } from '../db/queries/tasks';
import { addDays } from '../../shared/domain/dates';
import { today } from './settings';

/** Days to introduce a departed staff member's customers to their new contact person. */
const INTRODUCE_WITHIN_DAYS = 7;

export function createStaff(ctx: Ctx, name: string): Staff {
  return ctx.db.transaction(() => {
    const id = staff.insertStaff(ctx.db, name, ctx.clock.now());
    audit(ctx.db, ctx.clock.now(), 'staff.create', 'staff', id);
    return staff.getStaff(ctx.db, id)!;
  })();
}

/** Marking a staff member as left keeps them on past sales; they leave the counter's list. */
export function updateStaff(ctx: Ctx, patch: { id: number; name?: string; isActive?: boolean }): Staff {
  return ctx.db.transaction(() => {
    const cur = staff.getStaff(ctx.db, patch.id);
    if (!cur) throw new AppError('NOT_FOUND', { entity: 'staff' });
    const isActive = patch.isActive ?? cur.isActive;
    const next: Staff = {
      ...cur,
      name: patch.name ?? cur.name,
      isActive,
      leftAt: isActive ? null : (cur.leftAt ?? ctx.clock.now()),
    };
    staff.updateStaff(ctx.db, next);
    // The customers they looked after need to meet their new contact person (the "staff left" reason).
    const tasks =
      cur.isActive && !isActive
        ? insertIntroduceTasks(ctx.db, cur.id, addDays(today(ctx), INTRODUCE_WITHIN_DAYS), ctx.clock.now())
        : 0;
    audit(ctx.db, ctx.clock.now(), 'staff.update', 'staff', cur.id, { isActive, ...(tasks ? { introduceTasks: tasks } : {}) });
    return next;
  })();
}

export function createPaymentMethod(ctx: Ctx, name: string): PaymentMethod {
  return ctx.db.transaction(() => {
    const code = `custom_${ctx.clock.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
    const id = payments.insertPaymentMethod(ctx.db, code, name);
    return payments.getPaymentMethod(ctx.db, id)!;
  })();
}

export function updatePaymentMethod(ctx: Ctx, patch: { id: number; name?: string; isActive?: boolean }): PaymentMethod {
  return ctx.db.transaction(() => {
    const cur = payments.getPaymentMethod(ctx.db, patch.id);
    if (!cur) throw new AppError('NOT_FOUND', { entity: 'payment_method' });
    const next = { ...cur, name: patch.name ?? cur.name, isActive: patch.isActive ?? cur.isActive };
    payments.updatePaymentMethod(ctx.db, next);
    return next;
  })();
}

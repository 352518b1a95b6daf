import { AppError } from '../../shared/api/errors';
import type { Customer } from '../../shared/schemas/customer';
import * as q from '../db/queries/customers';
import { audit } from '../db/queries/audit';
import { reassignSales } from '../db/queries/sales';
import { moveCareRecords } from '../db/queries/customer-refs';
import type { Ctx } from '../ctx';
import { getCustomer, liveRow, writeFields } from './customers';
import { saleEffects } from './sale-effects';

/**
 * Folds `mergeId` into `keepId`: sales, tags, consent history, complaints, win-back cases, tasks and
 * campaign memberships move over (main/db/queries/customer-refs.ts lists every reference); for each
 * channel the more recent consent decision wins; notes are joined; a missing phone or member code is taken over.
 * The merged record stays (pointing at the kept one) so old references still resolve.
 */
export function merge(ctx: Ctx, keepId: number, mergeId: number): Customer {
  if (keepId === mergeId) throw new AppError('MERGE_SELF');
  return ctx.db.transaction(() => {
    const keep = liveRow(ctx.db, keepId);
    const gone = liveRow(ctx.db, mergeId);
    if (keep.id === gone.id) throw new AppError('MERGE_SELF');
    const now = ctx.clock.now();
    const keepConsents = new Map(q.consentsOf(ctx.db, keep.id).map((r) => [r.channel, r]));
    const goneConsents = q.consentsOf(ctx.db, gone.id);
    reassignSales(ctx.db, gone.id, keep.id);
    q.moveTags(ctx.db, gone.id, keep.id);
    q.moveConsentHistory(ctx.db, gone.id, keep.id);
    moveCareRecords(ctx.db, gone.id, keep.id);
    q.markMerged(ctx.db, gone.id, keep.id, now);
    for (const r of goneConsents) {
      const mine = keepConsents.get(r.channel);
      if (!mine || mine.changed_at < r.changed_at) {
        // Copied as it was (not a new event): the decision and its history came over unchanged.
        q.copyConsent(ctx.db, keep.id, r);
      }
    }
    const notes = [keep.notes, gone.notes].filter((n) => n.trim()).join('\n\n');
    q.updateCustomer(
      ctx.db,
      keep.id,
      writeFields(
        {
          name: keep.name,
          phone: keep.phone ?? gone.phone,
          memberCode: keep.member_code ?? gone.member_code,
          birthday: keep.birthday ?? gone.birthday,
          notes,
          staffId: keep.staff_id ?? gone.staff_id,
        },
        q.getExternalId(ctx.db, keep.id) ?? q.getExternalId(ctx.db, gone.id),
      ),
      now,
    );
    // totals follow the moved sales by themselves (triggers); a case may now be won back
    saleEffects(ctx, { kind: 'merged', keepId: keep.id, goneId: gone.id });
    audit(ctx.db, now, 'customer.merge', 'customer', keep.id, { merged: gone.id });
    return getCustomer(ctx, keep.id);
  })();
}

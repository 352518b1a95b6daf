import { AppError } from '../../shared/api/errors';
import { normalizePhone } from '../../shared/domain/phone';
import fs from 'node:fs';
import { csvText } from '../../shared/domain/spreadsheet';
import * as q from '../db/queries/privacy';
import { findLiveByMemberCode, findLiveByPhone } from '../db/queries/customers';
import { audit } from '../db/queries/audit';
import { deleteCareRecords, unknownCustomerReferences } from '../db/queries/customer-refs';
import { backupBeforeChange } from './backup';
import type { Ctx } from '../ctx';
import { onWriter } from '../core/write-step';
import { auditEntryStep } from './audit-entry';
import { getCustomer, liveRow } from './customers';
import { consentHistory } from './customers';
import { saleEffects } from './sale-effects';
import { customerSales } from './sales';

/** A customer named the ways the owner knows them: id, member code or phone. */
export function resolveCustomer(ctx: Ctx, key: string): number {
  const k = key.trim();
  if (/^\d{1,9}$/.test(k)) {
    try {
      return liveRow(ctx.db, Number(k)).id;
    } catch {
      // not an id: maybe a member code of digits
    }
  }
  const byCode = findLiveByMemberCode(ctx.db, k.toLowerCase());
  if (byCode !== undefined) return byCode;
  const phone = normalizePhone(k);
  const byPhone = phone ? findLiveByPhone(ctx.db, phone) : undefined;
  if (byPhone !== undefined) return byPhone;
  throw new AppError('NOT_FOUND', { entity: 'customer', key: k });
}

/**
 * Everything held about one customer (PIPL/GDPR access request): record, consent history, sales,
 * notes. Runs on the heavy reader in the app; the activity log's line is written by the writer lane
 * (main/core/write-step.ts) and waited for: a copy that cannot be logged is not handed out.
 */
export async function customerDataExport(ctx: Ctx, id: number, to = 'download') {
  const customer = getCustomer(ctx, id);
  const sales = customerSales(ctx, id, 1_000_000);
  const consent = consentHistory(ctx, id);
  const campaigns = q.campaignsOf(ctx.db, id);
  // where the copy went (a folder on the command line, else a download in the app)
  await onWriter(ctx, auditEntryStep, {
    at: ctx.clock.now(),
    action: 'customer.export',
    entity: 'customer',
    entityId: id,
    detail: { to },
  });
  const json = { exportedAt: new Date(ctx.clock.now()).toISOString(), customer, consentHistory: consent, sales, campaigns };
  const salesCsv = csvText(
    [
      'id',
      'occurred_at',
      'business_date',
      'amount',
      'items',
      'discount',
      'promotion',
      'payment',
      'staff',
      'note',
      'voided_at',
      'void_reason',
    ],
    sales.map((s) => [
      s.id,
      new Date(s.occurredAt).toISOString(),
      s.businessDate,
      (s.amountMinor / 100).toFixed(2),
      s.items,
      (s.discountMinor / 100).toFixed(2),
      s.isPromotion ? 'yes' : 'no',
      s.paymentMethodName ?? '',
      s.staffName ?? '',
      s.note,
      s.voidedAt ? new Date(s.voidedAt).toISOString() : '',
      s.voidReason ?? '',
    ]),
  );
  const consents = Object.entries(customer.consents);
  const customerCsv = csvText(
    [
      'id',
      'name',
      'phone',
      'member_code',
      'birthday',
      'notes',
      'tags',
      'staff',
      'created_at',
      ...consents.map(([ch]) => `consent_${ch}`),
    ],
    [
      [
        customer.id,
        customer.name,
        customer.phone ?? '',
        customer.memberCode ?? '',
        customer.birthday ?? '',
        customer.notes,
        customer.tags.join(', '),
        customer.staffName ?? '',
        new Date(customer.createdAt).toISOString(),
        ...consents.map(([, c]) => (c.granted ? 'yes' : 'no')),
      ],
    ],
  );
  const consentCsv = csvText(
    ['channel', 'granted', 'changed_at', 'source', 'note'],
    consent.map((c) => [c.channel, c.granted ? 'yes' : 'no', new Date(c.changedAt).toISOString(), c.source, c.note]),
  );
  return { json, csv: { 'customer.csv': customerCsv, 'sales.csv': salesCsv, 'consent-history.csv': consentCsv } };
}

/**
 * Erasure on request: the customer's record (and any records merged into it) is deleted with
 * secure_delete on, their sales stay as anonymous sales so the shop's totals still add up, their
 * complaints, win-back cases and tasks go with their history (they hold what the customer said),
 * and the WAL is checkpointed and truncated so no old copy of a page lingers beside the database
 * file. A backup is taken first, only once the erasure can go ahead, and removed again if the
 * erasure fails, so a failed attempt leaves no extra copy of the customer's data. Backups taken
 * before keep the data until they rotate out.
 */
export function eraseCustomer(ctx: Ctx, id: number): { erasedId: number; anonymisedSales: number } {
  const keep = liveRow(ctx.db, id).id;
  const unknown = unknownCustomerReferences(ctx.db);
  if (unknown.length) throw new Error(`no erase rule for ${unknown.join(', ')} (main/db/queries/customer-refs.ts)`);
  const backup = backupBeforeChange(ctx, 'erase');
  let result: { erasedId: number; anonymisedSales: number };
  try {
    result = ctx.db.transaction(() => {
      const ids = q.idsMergedInto(ctx.db, keep);
      let sales = 0;
      for (const cid of ids) {
        sales += q.anonymiseSales(ctx.db, cid);
        deleteCareRecords(ctx.db, cid);
      }
      saleEffects(ctx, { kind: 'erased', customerId: keep });
      for (const cid of ids.filter((x) => x !== keep)) q.deleteCustomer(ctx.db, cid);
      q.deleteCustomer(ctx.db, keep);
      q.purgeUnusedTags(ctx.db);
      audit(ctx.db, ctx.clock.now(), 'customer.erase', 'customer', keep, { records: ids.length, anonymisedSales: sales });
      return { erasedId: keep, anonymisedSales: sales };
    })();
  } catch (e) {
    fs.rmSync(backup.file, { force: true });
    throw e;
  }
  ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  return result;
}

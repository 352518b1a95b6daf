import { AppError } from '../../../shared/api/errors';
import type { Ctx } from '../../ctx';
import * as q from '../../db/queries/imports';
import * as st from '../../db/queries/import-staging';
import { suspendDerivedTriggers } from '../../db/queries/derived';
import { insertStaff } from '../../db/queries/staff';
import { insertPaymentMethod } from '../../db/queries/payment-methods';
import { setTags, tagsOf, writeConsent, getCustomerRow } from '../../db/queries/customers';
import { audit } from '../../db/queries/audit';
import { saleEffects } from '../sale-effects';
import type { StagedImport } from './staged';
import { addStagedSalesDerived, type GroupedSales } from '../../db/queries/import-sums';

/** From this many sales on, and at least as many as the shop has, the sales indexes are rebuilt once instead of updated per row. */
const BULK_ROWS = 50_000;

/**
 * The one transaction that makes a staged import part of the shop: new payment methods and staff,
 * new customers (with tags, consents and audit entries), what the file adds to customers the shop
 * knew (tags, consents), every sale, and the derived data (visit_days, shop_days, visit_totals and
 * the customers' totals: added set-based for all the file's sales with the per-row triggers taken
 * away for this transaction, suspendDerivedTriggers).
 * Everything row by row is set-based SQL over the staging tables; JavaScript runs per new name and
 * per updated customer only.
 */
export function flipImport(
  ctx: Ctx,
  imp: StagedImport,
  importId: number,
  now: number,
  staged: { created: number; updated: number },
  grouped: GroupedSales | null,
): { created: number; updated: number } {
  const db = ctx.db;
  // Foreign keys are checked set-based for this transaction, not per row: per row they are about
  // three lookups for every sale (its customer and import, its visit day's and visit total's
  // customer), and for a file of the shop's own customers each is a search of the customers table
  // (1.6 s of the 4 s it took to insert a million such sales into the 2-million-sale shop, in a
  // measurement of that statement alone), while the counter waits. What the file names is the
  // shop's customers (checked below: an erase meanwhile is the one way one goes away; staff and
  // payment methods are never deleted), the import's own row (checked too), or rows this transaction
  // inserts (new customers, their days, tags and consents). The pragma is the import connection's
  // own and does nothing inside a transaction, so it is set around it.
  return withForeignKeysOff(ctx, () =>
    db
      .transaction(() => {
        // the import's own row is there (only this import removes it)
        if (!q.importExists(db, importId)) throw new Error(`flipImport: import ${importId} has no row`);
        if (imp.kind === 'sales' && st.changedCustomers(db, importId, imp.keys.createdAt) > 0)
          throw new AppError('CONFLICT', { reason: 'import_customers_changed' });
        for (const n of st.stagedNames(db, importId)) {
          const id =
            n.kind === 'payment' ? insertPaymentMethod(db, `import_${-n.key}_${now}`, n.name) : insertStaff(db, n.name, now);
          st.resolveName(db, importId, n.kind, n.key, id);
        }
        const base = st.customerBase(db);
        st.flipCustomers(db, importId, importId, base, now, grouped);
        // customers of the shop the file would have updated but which are no longer the ones it was matched to
        let leftOut = 0;
        for (const u of st.stagedUpdates(db, importId)) {
          const id = u.customer_id ?? base + u.customer_seq!;
          const row = getCustomerRow(db, id);
          // a customer of the shop erased or merged away since the file was matched keeps nothing of it
          if (!row || (u.customer_id !== null && !st.stillMatched(id, row, imp.keys.createdAt))) {
            leftOut++;
            continue;
          }
          if (u.tags) setTags(db, id, [...new Set([...tagsOf(db, id), ...(JSON.parse(u.tags) as string[])])]);
          for (const [ch, granted] of Object.entries(u.consent ? (JSON.parse(u.consent) as Record<string, boolean>) : {}))
            writeConsent(db, id, ch as 'sms', granted, now, 'import', '');
        }
        let sales = 0;
        if (imp.kind === 'sales') {
          if (!grouped) throw new Error('flipImport: a sales import flips with its sums (groupStagedSales)');
          const planned = imp.planned.length;
          const restore = planned >= BULK_ROWS && planned >= q.salesEstimate(db) ? q.suspendSalesIndexes(db) : null;
          // The per-row derived-data triggers step aside; the same sums are added for all rows at once.
          const resume = suspendDerivedTriggers(db);
          sales = st.flipSales(db, importId, importId, base, now);
          addStagedSalesDerived(db, grouped, base);
          resume();
          restore?.();
          // Imported sales win back contacted customers too, as sales at the counter do (one place).
          saleEffects(ctx, { kind: 'imported' });
        }
        const rows = imp.kind === 'sales' ? sales : imp.planned.length;
        const updated = staged.updated - leftOut;
        q.finishImport(db, importId, rows, imp.badRows, staged.created, updated);
        q.setImportState(db, importId, 'done');
        q.rememberMapping(db, imp.sourceKey, imp.kind, imp.mapping, now);
        audit(db, now, 'import', 'import', importId, { kind: imp.kind, fileName: imp.fileName, rows, skipped: imp.badRows });
        return { created: staged.created, updated };
      })
      .immediate(),
  );
}

/** Runs `run` with the connection's foreign key checks off, and turns them on again after (see flipImport). */
function withForeignKeysOff<T>(ctx: Ctx, run: () => T): T {
  const db = ctx.db;
  const enforced = db.pragma('foreign_keys', { simple: true }) === 1;
  db.pragma('foreign_keys = OFF');
  try {
    return run();
  } finally {
    // a commit that failed and could not be rolled back would leave the transaction open, and the
    // pragma would do nothing: the connection is not used again with its checks off
    if (db.inTransaction) db.exec('ROLLBACK');
    if (enforced) db.pragma('foreign_keys = ON');
    // not thrown from here (it would hide the flip's own error): the import worker closes this
    // connection after the import, and the command line ends with it
    if (enforced && db.pragma('foreign_keys', { simple: true }) !== 1)
      ctx.log.error('import: foreign keys could not be turned on again after the flip');
  }
}

import { AppError } from '../../../shared/api/errors';
import type { Ctx } from '../../ctx';
import * as q from '../../db/queries/imports';
import * as st from '../../db/queries/import-staging';
import { suspendDerivedTriggers } from '../../db/queries/derived';
import { setTags, tagsOf, writeConsent, getCustomerRow } from '../../db/queries/customers';
import { bumpVersions } from '../../db/queries/table-versions';
import { audit } from '../../db/queries/audit';
import { saleEffects } from '../sale-effects';
import type { StagedImport } from './staged';
import { addStagedSalesDerived, type GroupedSales } from '../../db/queries/import-sums';

/**
 * The one transaction that makes an import part of the shop. Its new customers, their visit days
 * and totals, its sales and the staff and payment methods it brought are in the shop's tables
 * already, out of sight (placeImport, db/pending.ts); this transaction adds what touches rows the
 * shop could already see, and marks the import `done`, which shows them all at once:
 * what the file adds to customers the shop knew (tags, consents, and their visit days, visit totals
 * and totals from the file's sales, set-based with the per-row triggers taken away for this
 * transaction, suspendDerivedTriggers), the shop's days, the new customers' tags, consents and
 * audit entries, and the tables' versions. Its time grows with what the file brings to the shop's
 * own customers, not with its new customers or its rows.
 */
export function flipImport(
  ctx: Ctx,
  imp: StagedImport,
  importId: number,
  now: number,
  staged: { created: number; updated: number },
  grouped: GroupedSales | null,
  placed: { base: number; sales: number },
): { created: number; updated: number } {
  const db = ctx.db;
  const { base } = placed;
  // Foreign keys are checked set-based for this transaction, not per row (what the file names is
  // checked below: an erase meanwhile is the one way a customer goes away; staff and payment
  // methods are never deleted). The pragma is the import connection's own and does nothing inside
  // a transaction, so it is set around it.
  return withForeignKeysOff(ctx, () =>
    db
      .transaction(() => {
        // the import's own row is there (only this import removes it)
        if (!q.importExists(db, importId)) throw new Error(`flipImport: import ${importId} has no row`);
        if (imp.kind === 'sales' && st.changedCustomers(db, importId, imp.keys.createdAt) > 0)
          throw new AppError('CONFLICT', { reason: 'import_customers_changed' });
        // Done: what it placed is in sight from here on, for this transaction's own statements too
        // (a customers file's second row for a customer its first row created updates that one).
        q.setImportState(db, importId, 'done');
        st.flipCustomerExtras(db, importId, base, now);
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
        if (imp.kind === 'sales') {
          if (!grouped) throw new Error('flipImport: a sales import flips with its sums (groupStagedSales)');
          // The per-row derived-data triggers step aside; the same sums are added for all rows at once.
          const resume = suspendDerivedTriggers(db);
          addStagedSalesDerived(db, grouped, base);
          resume();
        }
        const rows = imp.kind === 'sales' ? placed.sales : imp.planned.length;
        const updated = staged.updated - leftOut;
        q.finishImport(db, importId, rows, imp.badRows, staged.created, updated);
        // the rows it placed count from here on (a new version of sales came with their sums)
        bumpVersions(db, ['customers', 'staff']);
        // Imported sales win back contacted customers too, as sales at the counter do (one place).
        if (imp.kind === 'sales') saleEffects(ctx, { kind: 'imported' });
        q.rememberMapping(db, imp.sourceKey, imp.kind, imp.mapping, now);
        audit(db, now, 'import', 'import', importId, { kind: imp.kind, fileName: imp.fileName, rows, skipped: imp.badRows });
        return { created: staged.created, updated };
      })
      .immediate(),
  );
}

/** Runs `run` with the connection's foreign key checks off, and turns them on again after (see flipImport). */
export function withForeignKeysOff<T>(ctx: Ctx, run: () => T): T {
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
      ctx.log.error('import: foreign keys could not be turned on again');
  }
}

import { AppError } from '../../../shared/api/errors';
import { julianDay, startOfBusinessDate } from '../../../shared/domain/dates';
import type { Ctx } from '../../ctx';
import * as q from '../../db/queries/imports';
import * as st from '../../db/queries/import-staging';
import { NEW_CUSTOMER_KEY } from '../../db/queries/import-tables';
import { groupStagedSales } from '../../db/queries/import-sums';
import { holderAlive, thisProcess } from '../../db/in-use';
import { nameKeys } from '../name-keys';
import { reversedDigits } from '../../../shared/domain/phone';
import type { CustomerDraft } from '../../../shared/schemas/customer';
import type { SaleRowValue } from './rows';
import type { CustomerRef, StagedImport } from './staged';
import { flipImport } from './flip';
import { nameResolver } from './names';
import { placeImport } from './place';
import { removeImportRows } from './removal';
import { sumImportedSales, type SaleToSum } from '../../../shared/domain/visit-sums';
import { clearStage, ImportCancelled, importRunning, inChunks, type ChunkHooks } from './chunks';

export { ImportCancelled };

/**
 * Writes a checked file in four steps, none of which holds the write lock for long:
 * 1. the import's row (`pending`, with this process as its owner) and its staging tables
 *    (temporary tables of this connection: nothing another connection sees, no lock on the file);
 * 2. the rows, in chunks of about 50 ms each, into the staging tables, then their sums;
 * 3. placing: the rows go into the shop's tables in short chunks under the pending import, out of
 *    sight until it is done (place.ts, db/pending.ts);
 * 4. the flip: one short transaction adds what the file brings to customers the shop could see,
 *    and marks the import `done` (flip.ts).
 * A cancel or a failure before the flip's commit takes away what was placed, drops the staging
 * tables and the import's row, so the shop is as before; a killed process takes its staging tables
 * with it and leaves its row and its placed rows, out of sight, to the next start-up, which takes
 * them away and marks it failed (recover.ts).
 */
export function writeStaged(
  ctx: Ctx,
  imp: StagedImport,
  hooks: ChunkHooks,
): { importId: number; created: number; updated: number } {
  const db = ctx.db;
  const now = ctx.clock.now();
  const importId = db
    .transaction(() => {
      const live = q.pendingImports(db).find((p) => p.owner === null || holderAlive(p.owner));
      if (live) throw new AppError('CONFLICT', { reason: 'import_running', importId: live.id });
      const id = q.insertImport(db, {
        kind: imp.kind,
        fileName: imp.fileName,
        sha: imp.sha,
        encoding: imp.encoding,
        rowsTotal: imp.rowsTotal,
        mapping: imp.mapping,
        options: { ...imp.options, map: undefined },
        now,
      });
      q.setImportOwner(db, id, thisProcess());
      st.createStage(db, id);
      return id;
    })
    .immediate();
  importRunning(1);
  hooks.onImportId?.(importId);
  let flipped = false;
  try {
    hooks.onPhase?.('staging');
    const staged = stageAll(ctx, imp, importId, now, hooks);
    if (hooks.isCancelled?.()) throw new ImportCancelled();
    hooks.onPhase?.('grouping');
    // The derived data's sums over the file, made before the flip takes the write lock.
    const grouped = imp.kind === 'sales' ? groupStagedSales(db, importId, staged.sums) : null;
    hooks.onPhase?.('placing');
    const placed = placeImport(ctx, imp, importId, now, grouped, hooks, staged.progress);
    if (hooks.isCancelled?.()) throw new ImportCancelled();
    hooks.onPhase?.('flip');
    const r = flipImport(ctx, imp, importId, now, staged, grouped, placed);
    flipped = true;
    hooks.onPhase?.('flipped');
    clearStage(db, importId);
    return { importId, ...r };
  } catch (e) {
    try {
      clearStage(db, importId);
      // a failure after the flip's commit leaves the import done, with its rows
      if (!flipped) removeImportRows(db, importId, hooks);
      db.transaction(() => q.deleteImport(db, importId)).immediate();
    } catch (cleanup) {
      // left for the next start-up, which marks it failed and drops what it staged
      ctx.log.error('import cleanup failed', cleanup);
    }
    throw e;
  } finally {
    importRunning(-1);
  }
}

interface Staged {
  created: number;
  updated: number;
  /** the file's days and new customers' totals (none for a file of customers) */
  sums: ReturnType<typeof sumImportedSales>;
  /** counts rows placed after staging into the same progress */
  progress: ((n: number) => void) | undefined;
}

/** Resolves every planned row to staged rows (customers, updates, sales) and writes them in chunks. */
function stageAll(ctx: Ctx, imp: StagedImport, importId: number, now: number, hooks: ChunkHooks): Staged {
  const db = ctx.db;
  const { keys } = imp;
  const customers: unknown[][] = [];
  const updates: unknown[][] = [];
  let created = 0;
  let updated = 0;
  const newCustomer = (d: CustomerDraft, externalId: string | null): number => {
    // the same search keys as a customer created at the counter (services/customers.ts)
    const keys = nameKeys(d.name);
    const memberCode = d.memberCode?.trim() || null;
    const phone = d.phone ?? null;
    const seq = customers.length + 1;
    const consent = d.consent && Object.keys(d.consent).length ? JSON.stringify(d.consent) : null;
    customers.push([
      seq,
      d.name,
      phone,
      reversedDigits(phone),
      memberCode,
      memberCode ? memberCode.toLowerCase() : null,
      keys.nameKey,
      keys.pinyin,
      keys.initials,
      keys.given,
      d.birthday ?? null,
      d.notes ?? '',
      externalId,
      d.tags?.length ? JSON.stringify([...new Set(d.tags)]) : null,
      consent,
      d.consentSource || 'created',
    ]);
    created++;
    return seq;
  };
  // Keys of customers this file creates are stored negated (-seq): existing ids are positive.
  const ref = (n: number) => (n > 0 ? [n, null] : [null, -n]);
  const unsorted: (SaleToSum & { v: SaleRowValue })[] = [];
  const createdFor = new Map<CustomerRef, number>();
  const dates = new Map<string, { start: number; day: number }>();
  const dateOf = (d: string) => {
    let v = dates.get(d);
    if (v === undefined) dates.set(d, (v = { start: startOfBusinessDate(d, imp.timeZone), day: julianDay(d) }));
    return v;
  };
  for (const p of imp.planned) {
    if (p.kind === 'customer') {
      const { draft, externalId } = p.value;
      const existing =
        (draft.memberCode && keys.byCode.get(draft.memberCode.toLowerCase())) || (draft.phone && keys.byPhone.get(draft.phone));
      if (existing) {
        const consent = draft.consent && Object.keys(draft.consent).length ? JSON.stringify(draft.consent) : null;
        const tags = draft.tags?.length ? JSON.stringify(draft.tags) : null;
        if (tags || consent) updates.push([updates.length + 1, ...ref(existing), tags, consent]);
        updated++;
      } else {
        const seq = newCustomer(draft, externalId);
        if (draft.phone) keys.byPhone.set(draft.phone, -seq);
        if (draft.memberCode) keys.byCode.set(draft.memberCode.toLowerCase(), -seq);
      }
      continue;
    }
    let c = 0;
    if (p.customer && 'id' in p.customer) c = p.customer.id;
    else if (p.customer) {
      let seq = createdFor.get(p.customer);
      if (seq === undefined) {
        const x = p.customer;
        seq = newCustomer(
          {
            name: x.create.slice(0, 100),
            phone: x.phone,
            memberCode: x.memberCode ?? undefined,
            consentSource: 'import',
          } as CustomerDraft,
          x.externalId,
        );
        createdFor.set(p.customer, seq);
      }
      c = -seq;
    }
    const v = p.value;
    const date = dateOf(v.date.date);
    unsorted.push({ c, day: date.day, at: date.start + (v.date.seconds ?? 12 * 3600) * 1000, v });
  }
  // Customer by customer, in time order (new customers after the shop's own, as their ids will be;
  // the staging table's `cust`, whose range import-staging.ts's changedCustomers relies on):
  // each customer's sales end up side by side in the file.
  const order = (c: number) => {
    if (c >= NEW_CUSTOMER_KEY) throw new Error(`import: customer id ${c} is past the staging key's range`);
    return c === 0 ? 0 : c > 0 ? c : NEW_CUSTOMER_KEY - c;
  };
  const sales = byCustomerInTime(unsorted, order);
  const sums = sumImportedSales(sales);
  const names = nameResolver(ctx, importId);
  const width = st.STAGE_COLUMNS.sales.length + 1;
  const saleRows = (from: number, to: number) => {
    const out: unknown[] = new Array((to - from) * width);
    let k = 0;
    for (let i = from; i < to; i++) {
      const { c, at, day, v } = sales[i]!;
      out[k++] = i + 1;
      out[k++] = c > 0 ? c : null;
      out[k++] = c < 0 ? -c : null;
      out[k++] = at;
      out[k++] = v.date.date;
      out[k++] = v.amountMinor;
      out[k++] = v.items;
      out[k++] = v.discountMinor;
      out[k++] = v.isPromotion ? 1 : 0;
      out[k++] = names('payment', v.payment);
      out[k++] = names('staff', v.staff);
      out[k++] = v.note;
      out[k++] = order(c);
      out[k++] = day;
      // a date without a time is placed at noon (above) and shown by its day alone
      out[k++] = v.date.seconds === null ? 0 : 1;
    }
    return out;
  };
  // staged, then placed (place.ts): new customers and sales twice
  const total = 2 * customers.length + updates.length + 2 * sales.length;
  let done = 0;
  const progress = hooks.onProgress ? (n: number) => hooks.onProgress!((done += n), total) : undefined;
  const h = { ...hooks, onProgress: progress };
  inChunks(db, importId, 'customers', customers.length, (a, b) => customers.slice(a, b).flat(), h);
  inChunks(db, importId, 'updates', updates.length, (a, b) => updates.slice(a, b).flat(), h);
  inChunks(db, importId, 'sales', sales.length, saleRows, h, () => names.flush());
  void now;
  return { created, updated, sums, progress };
}

/**
 * The sales customer by customer (in `order` of their keys), each customer's in time order: put in
 * a bucket per customer, then the buckets in order — a million rows sorted with one comparison
 * each took over a second; this sorts the customers and each one's few sales.
 */
function byCustomerInTime<S extends { c: number; at: number }>(sales: readonly S[], order: (c: number) => number): S[] {
  const buckets = new Map<number, S[]>();
  for (const s of sales) {
    const b = buckets.get(s.c);
    if (b) b.push(s);
    else buckets.set(s.c, [s]);
  }
  const out: S[] = [];
  for (const c of [...buckets.keys()].sort((a, b) => order(a) - order(b))) {
    const b = buckets.get(c)!;
    if (b.length > 1) b.sort((x, y) => x.at - y.at);
    for (const s of b) out.push(s);
  }
  return out;
}

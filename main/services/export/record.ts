import { AppError } from '../../../shared/api/errors';
import type { Campaign } from '../../../shared/schemas/export';
import * as q from '../../db/queries/campaigns';
import { insertCampaignOffers } from '../../db/queries/offers';
import { audit, auditCampaignOffers } from '../../db/queries/audit';
import { writeStep } from '../../core/write-step';
import type { OfferTerms } from '../offers';

/**
 * The write of a campaign export (contacts.ts), run on the writer lane: everything in it was
 * prepared on the heavy reader (the segment, the messages, the offers' codes, the file itself), so
 * the transaction only writes, with set-based statements whatever the number of customers.
 */
export interface ExportWrite {
  record: Omit<Campaign, 'id'>;
  /** the exported customers in the file's order with the message written for each: JSON text, `[[customerId, message | null], …]` */
  members: string;
  /** the offer the export issues, and each customer's new code: JSON text `[[customerId, code], …]` */
  offer: (OfferTerms & { codes: string; count: number }) | null;
  /** the activity log's entry for the export, in the same transaction; null: the caller writes it once the file is delivered */
  log: ExportLog | null;
}

export interface ExportLog {
  at: number;
  detail: Record<string, unknown>;
}

/**
 * What the shop changed between the heavy reader's preparing and the writer's writing (a code
 * issued meanwhile, a customer merged): nothing is written, and the export is prepared again.
 */
export const EXPORT_CHANGED = 'export_changed';

const logExport = (db: Parameters<typeof audit>[0], id: number, l: ExportLog) =>
  audit(db, l.at, 'export.contacts', 'campaign', id, l.detail);

export const recordExportStep = writeStep('exports.record', (ctx, w: ExportWrite): { campaign: Campaign } =>
  ctx.db.transaction(() => {
    const { db } = ctx;
    const { record } = w;
    const ids = (JSON.parse(w.members) as [number, string | null][]).map(([id]) => id);
    // a customer erased meanwhile: the file would carry someone the shop no longer keeps
    const addAll = (campaignId: number) => {
      if (q.addMembers(db, campaignId, w.members) !== ids.length) throw new AppError('CONFLICT', { reason: EXPORT_CHANGED });
    };
    if (!w.offer) {
      // One campaign per list and channel: the same list written again today in another format joins it.
      const same = q.sameListCampaign(db, record, ids);
      let campaign: Campaign;
      if (same) {
        campaign = q.addCampaignFormat(db, same.id, record.format);
        q.setMembersMessages(db, same.id, w.members);
      } else {
        campaign = { id: q.insertCampaign(db, record, []), ...record };
        addAll(campaign.id);
      }
      if (w.log) logExport(db, campaign.id, w.log);
      return { campaign };
    }
    // With an offer: a campaign of its own (never joined to another export of the list), each
    // customer who may be sent a message their own offer.
    const id = q.insertCampaign(db, record, []);
    addAll(id);
    const o = w.offer;
    if (o.count > 0) {
      let written: number;
      try {
        written = insertCampaignOffers(db, {
          campaignId: id,
          codes: o.codes,
          kind: o.kind,
          value: o.value,
          minSpendMinor: o.minSpendMinor,
          expiresOn: o.expiresOn,
          createdAt: record.createdAt,
          channel: record.channel,
        });
      } catch (e) {
        // a code issued meanwhile (codes are unique): the export draws its codes again
        if ((e as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE')
          throw new AppError('CONFLICT', { reason: EXPORT_CHANGED });
        throw e;
      }
      // a customer merged away or who withdrew consent meanwhile: the file would carry a code issued to nobody
      if (written !== o.count) throw new AppError('CONFLICT', { reason: EXPORT_CHANGED });
      auditCampaignOffers(db, record.createdAt, id);
    }
    if (w.log) logExport(db, id, w.log);
    return { campaign: { id, ...record } };
  })(),
);

/** The export's activity-log entry, once its file was delivered (the command line writes it to disk first). */
export const logExportStep = writeStep('exports.log', (ctx, a: { campaignId: number; log: ExportLog }): void =>
  logExport(ctx.db, a.campaignId, a.log),
);

/**
 * Takes back a campaign whose file could not be written: the offers it issued (none can have been
 * used: nobody has their codes), its members and the campaign itself.
 */
export const withdrawExportStep = writeStep('exports.withdraw', (ctx, a: { campaignId: number; at: number; to: string }): void =>
  ctx.db.transaction(() => {
    q.withdrawCampaign(ctx.db, a.campaignId);
    audit(ctx.db, a.at, 'export.withdrawn', 'campaign', a.campaignId, { reason: 'file_not_written', to: a.to });
  })(),
);

import { AppError } from '../../../shared/api/errors';
import { offerStatus } from '../../../shared/domain/offers';
import * as q from '../../db/queries/campaigns';
import type { Ctx } from '../../ctx';
import { today } from '../settings';

const DAY = 86_400_000;

/**
 * One campaign: who came back within 30, 60 and 90 days of the export, and what was sent to whom
 * (the message written for each member and the offer code the export issued them).
 */
export function campaignResults(ctx: Ctx, id: number) {
  const campaign = q.getCampaign(ctx.db, id);
  if (!campaign) throw new AppError('NOT_FOUND', { entity: 'campaign', id });
  const day = today(ctx);
  const members = q.campaignMembers(ctx.db, id).map((m) => ({
    id: m.id,
    name: m.name,
    phone: m.phone,
    firstSaleAfterAt: m.first_after,
    daysToReturn: m.first_after === null ? null : Math.floor((m.first_after - campaign.createdAt) / DAY),
    message: m.message,
    offerCode: m.offer_code,
    offerStatus: m.offer_code === null ? null : offerStatus({ saleId: m.offer_sale_id, expiresOn: m.offer_expires_on }, day),
  }));
  const within = (d: number) => members.filter((m) => m.daysToReturn !== null && m.daysToReturn < d).length;
  return { campaign, returned: { d30: within(30), d60: within(60), d90: within(90) }, members };
}

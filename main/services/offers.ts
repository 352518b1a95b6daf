import { randomInt } from 'node:crypto';
import { AppError } from '../../shared/api/errors';
import {
  OFFER_CODE_ALPHABET,
  OFFER_CODE_LENGTH,
  looksLikeOfferCode,
  normalizeOfferCode,
  offerDiscountMinor,
  type OfferKind,
  type OfferProblem,
} from '../../shared/domain/offers';
import type { Offer, OfferInsights } from '../../shared/schemas/offers';
import * as q from '../db/queries/offers';
import { toOffer } from '../db/queries/offers';
import { getWinback } from '../db/queries/winback-cases';
import { audit } from '../db/queries/audit';
import type { Ctx } from '../ctx';
import { liveRow } from './customers';
import { today } from './settings';
import { wonBackByOffer } from './winback';

/** What a new offer needs; `source` is the win-back case or the campaign export it came from. */
export interface IssueOffer {
  customerId: number;
  kind: OfferKind;
  /** minor units for money off, a whole percent (1–100) for a percentage */
  value: number;
  minSpendMinor?: number;
  /** the last day it can be used (YYYY-MM-DD, the shop's time zone); none = no expiry */
  expiresOn?: string | null;
  source?: { caseId?: number | null; campaignId?: number | null };
}

const invalid = (field: string, message: string) => new AppError('VALIDATION', undefined, [{ path: [field], message }]);

/** A fresh code: OFFER_CODE_LENGTH characters drawn with crypto's uniform `randomInt`, unused in this shop (nor in `taken`). */
function newCode(ctx: Ctx, taken: ReadonlySet<string> = new Set()): string {
  for (let tries = 0; tries < 20; tries++) {
    let code = '';
    for (let i = 0; i < OFFER_CODE_LENGTH; i++) code += OFFER_CODE_ALPHABET[randomInt(OFFER_CODE_ALPHABET.length)];
    if (!taken.has(code) && !q.codeTaken(ctx.db, code)) return code;
  }
  // 20 collisions in a row among 1.3 billion codes means something else is wrong
  throw new Error('no free offer code after 20 tries');
}

/**
 * `n` distinct fresh codes, for offers a campaign export issues at once (written later, on the
 * writer lane, which checks again that none was taken in between).
 */
export function freshCodes(ctx: Ctx, n: number): string[] {
  const codes = new Set<string>();
  while (codes.size < n) codes.add(newCode(ctx, codes));
  return [...codes];
}

/** An offer's terms as a new offer takes them (the rules the contract's schema checks, again for callers inside main). */
export interface OfferTerms {
  kind: OfferKind;
  value: number;
  minSpendMinor: number;
  expiresOn: string | null;
}

/** The terms of a new offer issued on `day`, checked: a refusal is VALIDATION with an issue on the field. */
export function checkOfferTerms(o: Pick<IssueOffer, 'kind' | 'value' | 'minSpendMinor' | 'expiresOn'>, day: string): OfferTerms {
  if (!Number.isInteger(o.value) || o.value <= 0 || (o.kind === 'percent_off' && o.value > 100))
    throw invalid('value', o.kind === 'percent_off' ? 'percent_invalid' : 'offer_value_invalid');
  const minSpendMinor = o.minSpendMinor ?? 0;
  if (!Number.isInteger(minSpendMinor) || minSpendMinor < 0) throw invalid('minSpendMinor', 'amount_invalid');
  const expiresOn = o.expiresOn ?? null;
  if (expiresOn !== null && expiresOn < day) throw invalid('expiresOn', 'date_in_past');
  return { kind: o.kind, value: o.value, minSpendMinor, expiresOn };
}

/**
 * Issues one offer to one customer with a new code, in its own transaction (a campaign export
 * issues its offers all at once instead: export/record.ts). The rules the contract's schema checks
 * (kind, value range) are checked again here for callers inside main.
 */
export function issueOffer(ctx: Ctx, o: IssueOffer): Offer {
  return ctx.db.transaction(() => {
    const customer = liveRow(ctx.db, o.customerId);
    const day = today(ctx);
    const { minSpendMinor, expiresOn } = checkOfferTerms(o, day);
    const caseId = o.source?.caseId ?? null;
    if (caseId !== null) {
      const c = getWinback(ctx.db, caseId);
      if (!c) throw new AppError('NOT_FOUND', { entity: 'winback' });
      if (liveRow(ctx.db, c.customer_id).id !== customer.id) throw invalid('winbackId', 'offer_other_customer');
    }
    const now = ctx.clock.now();
    const id = q.insertOffer(ctx.db, {
      code: newCode(ctx),
      customerId: customer.id,
      kind: o.kind,
      value: o.value,
      minSpendMinor,
      expiresOn,
      winbackId: caseId,
      campaignId: o.source?.campaignId ?? null,
      createdAt: now,
    });
    audit(ctx.db, now, 'offer.issue', 'offer', id, { customerId: customer.id, kind: o.kind, value: o.value });
    return toOffer(q.getOffer(ctx.db, id)!, day);
  })();
}

export function listOffers(ctx: Ctx, f: Omit<q.OfferFilter, 'today'>): Offer[] {
  const day = today(ctx);
  return q.listOffers(ctx.db, { ...f, today: day }).map((r) => toOffer(r, day));
}

/** An offer checked against a sale: what it takes off and what is left to pay. */
export interface CheckedOffer {
  offer: Offer;
  discountMinor: number;
  payMinor: number;
}

/**
 * Checks a code against a sale of `amountMinor` (before the offer) by `customerId` on `day` (the
 * sale's business date in the shop's time zone): known, not used, this customer's, not past its
 * last day, the minimum spend met. A refusal is VALIDATION with an issue on `offerCode` saying which.
 */
export function checkOffer(
  ctx: Ctx,
  c: { code: string; customerId: number | null; amountMinor: number; day?: string },
): CheckedOffer {
  const refuse = (message: OfferProblem, detail?: Record<string, unknown>) =>
    new AppError('VALIDATION', detail, [{ path: ['offerCode'], message }]);
  const code = normalizeOfferCode(c.code);
  const day = c.day ?? today(ctx);
  const row = looksLikeOfferCode(code) ? q.offerByCode(ctx.db, code) : undefined;
  if (!row) throw refuse('offer_unknown');
  if (row.sale_id !== null) throw refuse('offer_used', { saleId: row.sale_id });
  if (c.customerId === null) throw refuse('offer_needs_customer');
  if (liveRow(ctx.db, c.customerId).id !== row.customer_id) throw refuse('offer_other_customer');
  if (row.expires_on !== null && row.expires_on < day) throw refuse('offer_expired', { expiresOn: row.expires_on });
  if (c.amountMinor < row.min_spend_minor) throw refuse('offer_min_spend', { minSpendMinor: row.min_spend_minor });
  const discountMinor = offerDiscountMinor(row.kind, row.value, c.amountMinor);
  return { offer: toOffer(row, day), discountMinor, payMinor: c.amountMinor - discountMinor };
}

/**
 * Inside the sale's transaction, after the sale is written: the offer is used by that sale (once
 * only: a sale recorded at the same moment on another lane finds it taken) and a win-back case of
 * the customer still in progress closes as won back by it, the offer named.
 */
export function redeemOffer(ctx: Ctx, checked: CheckedOffer, saleId: number): void {
  const now = ctx.clock.now();
  if (!q.redeem(ctx.db, checked.offer.id, saleId, now, checked.discountMinor))
    throw new AppError('VALIDATION', undefined, [{ path: ['offerCode'], message: 'offer_used' }]);
  wonBackByOffer(ctx, checked.offer.customerId, saleId, checked.offer);
}

/** Inside the void's transaction: the voided sale's offer can be used again. */
export function releaseOffer(ctx: Ctx, saleId: number): void {
  q.release(ctx.db, saleId);
}

/** Insights: per offer (kind and value) and per leave reason, which offers pay for themselves. */
export function offerInsights(ctx: Ctx): OfferInsights {
  const figures = (r: q.FiguresRow) => ({
    issued: r.issued,
    redeemed: r.redeemed,
    rate: r.issued ? r.redeemed / r.issued : null,
    givenMinor: r.given_minor,
    after90Minor: r.after90_minor,
  });
  return {
    byOffer: q.figuresByOffer(ctx.db).map((r) => ({ kind: r.kind, value: r.value, ...figures(r) })),
    byReason: q.figuresByReason(ctx.db).map((r) => ({ reason: r.reason, ...figures(r) })),
  };
}

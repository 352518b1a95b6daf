import type { Db } from '../open';
import { stmt } from '../stmt';
import { offerStatus, type OfferKind } from '../../../shared/domain/offers';
import type { Offer } from '../../../shared/schemas/offers';
import type { Channel } from '../../../shared/schemas/common';

export interface OfferRow {
  id: number;
  code: string;
  customer_id: number;
  customer_name: string;
  kind: OfferKind;
  value: number;
  min_spend_minor: number;
  expires_on: string | null;
  winback_id: number | null;
  campaign_id: number | null;
  created_at: number;
  sale_id: number | null;
  redeemed_at: number | null;
  discount_minor: number | null;
}

export interface OfferWrite {
  code: string;
  customerId: number;
  kind: OfferKind;
  value: number;
  minSpendMinor: number;
  expiresOn: string | null;
  winbackId: number | null;
  campaignId: number | null;
  createdAt: number;
}

/** A row as the contract shows it; its status judged against the shop's `day`. */
export function toOffer(r: OfferRow, day: string): Offer {
  return {
    id: r.id,
    code: r.code,
    customerId: r.customer_id,
    customerName: r.customer_name,
    kind: r.kind,
    value: r.value,
    minSpendMinor: r.min_spend_minor,
    expiresOn: r.expires_on,
    winbackId: r.winback_id,
    campaignId: r.campaign_id,
    createdAt: r.created_at,
    saleId: r.sale_id,
    redeemedAt: r.redeemed_at,
    discountMinor: r.discount_minor,
    status: offerStatus({ saleId: r.sale_id, expiresOn: r.expires_on }, day),
  };
}

const SELECT = `SELECT o.id, o.code, o.customer_id, c.name AS customer_name, o.kind, o.value, o.min_spend_minor, o.expires_on,
  o.winback_id, o.campaign_id, o.created_at, o.sale_id, o.redeemed_at, o.discount_minor
  FROM offers o JOIN customers c ON c.id = o.customer_id`;

export function insertOffer(db: Db, w: OfferWrite): number {
  return Number(
    stmt(
      db,
      `INSERT INTO offers (code, customer_id, kind, value, min_spend_minor, expires_on, winback_id, campaign_id, created_at)
       VALUES (@code, @customerId, @kind, @value, @minSpendMinor, @expiresOn, @winbackId, @campaignId, @createdAt)`,
    ).run(w).lastInsertRowid,
  );
}

/** What the offers a campaign export issues have in common, and each one's customer and code. */
export interface CampaignOffersWrite {
  campaignId: number;
  /** JSON text, `[[customerId, code], …]` */
  codes: string;
  kind: OfferKind;
  value: number;
  minSpendMinor: number;
  expiresOn: string | null;
  createdAt: number;
  /** the campaign's channel: an offer goes only to a customer who still agrees to it */
  channel: Channel;
}

/**
 * A campaign export's offers in one statement, in the order listed; a customer merged away, gone,
 * or who withdrew their consent to the channel meanwhile gets none. Answers how many were written;
 * a code some offer has already fails it (SQLITE_CONSTRAINT_UNIQUE). CROSS JOIN keeps the list the
 * outer loop, each customer and consent found by its key.
 */
export function insertCampaignOffers(db: Db, w: CampaignOffersWrite): number {
  return stmt(
    db,
    `INSERT INTO offers (code, customer_id, kind, value, min_spend_minor, expires_on, winback_id, campaign_id, created_at)
     SELECT json_extract(j.value, '$[1]'), c.id, @kind, @value, @minSpendMinor, @expiresOn, NULL, @campaignId, @createdAt
     FROM json_each(@codes) AS j CROSS JOIN customers c ON c.id = json_extract(j.value, '$[0]') AND c.merged_into_id IS NULL
     CROSS JOIN consents k ON k.customer_id = c.id AND k.channel = @channel AND k.is_granted = 1
     ORDER BY j.key`,
  ).run(w).changes;
}

export function codeTaken(db: Db, code: string): boolean {
  return stmt<[string], { n: number }>(db, 'SELECT 1 AS n FROM offers WHERE code = ?').get(code) !== undefined;
}

export function getOffer(db: Db, id: number): OfferRow | undefined {
  return stmt<[number], OfferRow>(db, `${SELECT} WHERE o.id = ?`).get(id);
}

export function offerByCode(db: Db, code: string): OfferRow | undefined {
  return stmt<[string], OfferRow>(db, `${SELECT} WHERE o.code = ?`).get(code);
}

export function offerOfSale(db: Db, saleId: number): OfferRow | undefined {
  return stmt<[number], OfferRow>(db, `${SELECT} WHERE o.sale_id = ?`).get(saleId);
}

/** The code and discount of the offer a sale redeemed, as a sale's answer carries them. */
export function offerRedeemedBy(db: Db, saleId: number): { code: string; discountMinor: number } | undefined {
  const r = stmt<[number], { code: string; discount_minor: number }>(
    db,
    'SELECT code, discount_minor FROM offers WHERE sale_id = ?',
  ).get(saleId);
  return r && { code: r.code, discountMinor: r.discount_minor };
}

/** The latest offer issued from a win-back case. */
export function latestOfferOfCase(db: Db, winbackId: number): OfferRow | undefined {
  return stmt<[number], OfferRow>(db, `${SELECT} WHERE o.winback_id = ? ORDER BY o.id DESC LIMIT 1`).get(winbackId);
}

export interface OfferFilter {
  status: 'all' | 'open' | 'redeemed' | 'expired';
  customerId: number | null;
  winbackId: number | null;
  campaignId: number | null;
  limit: number;
  /** the shop's today, for open against expired */
  today: string;
}

export function listOffers(db: Db, f: OfferFilter): OfferRow[] {
  return stmt<[OfferFilter], OfferRow>(
    db,
    `${SELECT}
     WHERE (@customerId IS NULL OR o.customer_id = @customerId)
       AND (@winbackId IS NULL OR o.winback_id = @winbackId)
       AND (@campaignId IS NULL OR o.campaign_id = @campaignId)
       AND CASE @status
         WHEN 'redeemed' THEN o.sale_id IS NOT NULL
         WHEN 'expired' THEN o.sale_id IS NULL AND o.expires_on < @today
         WHEN 'open' THEN o.sale_id IS NULL AND (o.expires_on IS NULL OR o.expires_on >= @today)
         ELSE 1 END
     ORDER BY o.id DESC LIMIT @limit`,
  ).all(f);
}

/** Marks an open offer used by a sale; false when another sale took it first (nothing changed). */
export function redeem(db: Db, id: number, saleId: number, at: number, discountMinor: number): boolean {
  return (
    stmt(db, 'UPDATE offers SET sale_id = ?, redeemed_at = ?, discount_minor = ? WHERE id = ? AND sale_id IS NULL').run(
      saleId,
      at,
      discountMinor,
      id,
    ).changes === 1
  );
}

/** A voided sale gives its offer back: open again (or expired, by its date). */
export function release(db: Db, saleId: number): void {
  stmt(db, 'UPDATE offers SET sale_id = NULL, redeemed_at = NULL, discount_minor = NULL WHERE sale_id = ?').run(saleId);
}

export interface FiguresRow {
  issued: number;
  redeemed: number;
  given_minor: number;
  after90_minor: number;
}

/**
 * Each offer with its case's leave reason and, once redeemed, the value of the customer's
 * non-voided purchases from the redeeming sale through 90 days after its business date.
 */
const FIGURES = `WITH r AS (
    SELECT o.kind, o.value, w.reason, o.sale_id, o.discount_minor,
      CASE WHEN o.sale_id IS NULL THEN 0 ELSE (
        SELECT COALESCE(SUM(x.amount_minor), 0) FROM sales x
        WHERE x.customer_id = o.customer_id AND x.voided_at IS NULL
          AND x.occurred_at >= s.occurred_at AND x.business_date <= date(s.business_date, '+90 days')
      ) END AS after90
    FROM offers o
    LEFT JOIN winback_cases w ON w.id = o.winback_id
    LEFT JOIN sales s ON s.id = o.sale_id
  )`;
const SUMS = `COUNT(*) AS issued, COUNT(sale_id) AS redeemed, COALESCE(SUM(discount_minor), 0) AS given_minor,
  COALESCE(SUM(after90), 0) AS after90_minor`;

export function figuresByOffer(db: Db): (FiguresRow & { kind: OfferKind; value: number })[] {
  return stmt<[], FiguresRow & { kind: OfferKind; value: number }>(
    db,
    `${FIGURES} SELECT kind, value, ${SUMS} FROM r GROUP BY kind, value ORDER BY kind, value`,
  ).all();
}

export function figuresByReason(db: Db): (FiguresRow & { reason: string | null })[] {
  return stmt<[], FiguresRow & { reason: string | null }>(
    db,
    `${FIGURES} SELECT reason, ${SUMS} FROM r GROUP BY reason ORDER BY reason IS NULL, reason`,
  ).all();
}

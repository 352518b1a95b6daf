import type { Db } from '../open';
import { stmt } from '../stmt';
import type { Channel } from '../../../shared/schemas/common';
import type { Campaign } from '../../../shared/schemas/export';

export interface ContactDbRow {
  id: number;
  name: string;
  phone: string | null;
  email: string | null;
  member_code: string | null;
  last_visit_at: number | null;
  visits: number;
  total_minor: number;
  staff_name: string | null;
  consented: number;
}

/**
 * Live customers matching a segment clause (trusted SQL fragments chosen by the service, values
 * always bound), with whether they agreed to be contacted on the channel.
 */
export function contactsWhere(db: Db, clause: string, params: Record<string, unknown>, channel: Channel): ContactDbRow[] {
  return db
    .prepare(
      `SELECT c.id, c.name, c.phone, c.email, c.member_code, c.last_visit_at, c.visits, c.total_minor, s.name AS staff_name,
              COALESCE(k.is_granted, 0) AS consented
       FROM customers c
       LEFT JOIN staff s ON s.id = c.staff_id
       LEFT JOIN consents k ON k.customer_id = c.id AND k.channel = @channel
       WHERE c.merged_into_id IS NULL AND (${clause})
       ORDER BY c.name_pinyin, c.id`,
    )
    .all({ ...params, channel }) as ContactDbRow[];
}

interface CampaignRow {
  id: number;
  created_at: number;
  business_date: string;
  segment: string;
  segment_params: string;
  channel: Channel;
  format: string;
  formats: string;
  file_name: string;
  matched: number;
  exported: number;
  left_out_no_consent: number;
  left_out_no_contact: number;
  without_consent_reason: string | null;
}

const toCampaign = (r: CampaignRow): Campaign => ({
  id: r.id,
  createdAt: r.created_at,
  businessDate: r.business_date,
  segment: r.segment,
  segmentParams: JSON.parse(r.segment_params) as Record<string, string>,
  channel: r.channel,
  format: r.format,
  formats: JSON.parse(r.formats) as string[],
  fileName: r.file_name,
  matched: r.matched,
  exported: r.exported,
  leftOutNoConsent: r.left_out_no_consent,
  leftOutNoContact: r.left_out_no_contact,
  withoutConsentReason: r.without_consent_reason,
});

export function insertCampaign(
  db: Db,
  c: Omit<Campaign, 'id'>,
  memberIds: number[],
  /** the message written for each member, when the export carried messages */
  messages: ReadonlyMap<number, string> = new Map(),
): number {
  const id = Number(
    stmt(
      db,
      `INSERT INTO campaigns (created_at, business_date, segment, segment_params, channel, format, formats, file_name, matched,
         exported, left_out_no_consent, left_out_no_contact, without_consent_reason)
       VALUES (@createdAt, @businessDate, @segment, @segmentParams, @channel, @format, @formats, @fileName, @matched, @exported,
         @leftOutNoConsent, @leftOutNoContact, @withoutConsentReason)`,
    ).run({ ...c, segmentParams: JSON.stringify(c.segmentParams), formats: JSON.stringify(c.formats) }).lastInsertRowid,
  );
  const add = stmt(db, 'INSERT OR IGNORE INTO campaign_members (campaign_id, customer_id, message) VALUES (?, ?, ?)');
  for (const m of memberIds) add.run(id, m, messages.get(m) ?? null);
  return id;
}

/**
 * A campaign's members with the message written for each, in one statement (10,000 members in
 * tens of milliseconds): `members` is JSON text, `[[customerId, message | null], …]`. A customer
 * erased since the list was read is not written (no broken reference, and no error): answers how
 * many were, for the caller to tell. CROSS JOIN keeps the list the outer loop (each customer found
 * by its key): the planner may otherwise walk every customer and scan the list for each.
 */
export function addMembers(db: Db, campaignId: number, members: string): number {
  return stmt(
    db,
    `INSERT OR IGNORE INTO campaign_members (campaign_id, customer_id, message)
     SELECT ?, c.id, json_extract(j.value, '$[1]')
     FROM json_each(?) AS j CROSS JOIN customers c ON c.id = json_extract(j.value, '$[0]') ORDER BY j.key`,
  ).run(campaignId, members).changes;
}

/**
 * The messages of a later export of the same list, in one statement (`members` as for addMembers;
 * the same customers as the campaign's): the newest text is kept; a member written without one
 * keeps theirs. An upsert, so each member is found by the primary key (an UPDATE … FROM the JSON
 * let SQLite scan the list once per member: 75 s for 10,000).
 */
export function setMembersMessages(db: Db, campaignId: number, members: string): void {
  stmt(
    db,
    `INSERT INTO campaign_members (campaign_id, customer_id, message)
     SELECT ?, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)
     WHERE json_extract(value, '$[1]') IS NOT NULL
     ON CONFLICT (campaign_id, customer_id) DO UPDATE SET message = excluded.message`,
  ).run(campaignId, members);
}

/**
 * Takes back a campaign whose file could not be written: the offers it issued (none can have been
 * used: nobody has their codes), its members and the campaign itself.
 */
export function withdrawCampaign(db: Db, id: number): void {
  stmt(db, 'DELETE FROM offers WHERE campaign_id = ? AND sale_id IS NULL').run(id);
  stmt(db, 'DELETE FROM campaign_members WHERE campaign_id = ?').run(id);
  stmt(db, 'DELETE FROM campaigns WHERE id = ?').run(id);
}

/**
 * The campaign this export belongs to, if any: the same day, segment (with its parameters),
 * channel and consent reason, and exactly the same customers. Another day, or a list that changed
 * in between, is a campaign of its own (its "came back after" counts from its own export).
 */
export function sameListCampaign(db: Db, c: Omit<Campaign, 'id'>, memberIds: number[]): Campaign | undefined {
  const candidates = stmt<[string, string, string, string, string | null], CampaignRow>(
    db,
    `SELECT * FROM campaigns
     WHERE business_date = ? AND segment = ? AND segment_params = ? AND channel = ? AND without_consent_reason IS ?
       -- a campaign that issued offers is its own sending (its codes are its own)
       AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.campaign_id = campaigns.id)
     ORDER BY id DESC`,
  ).all(c.businessDate, c.segment, JSON.stringify(c.segmentParams), c.channel, c.withoutConsentReason);
  const want = JSON.stringify([...memberIds].sort((a, b) => a - b));
  const members = stmt<[number], number>(
    db,
    'SELECT customer_id FROM campaign_members WHERE campaign_id = ? ORDER BY customer_id',
  );
  const found = candidates.find((k) => JSON.stringify(members.pluck().all(k.id)) === want);
  return found && toCampaign(found);
}

/** Records one more format the campaign's list was written in (each format once, in order). */
export function addCampaignFormat(db: Db, id: number, format: string): Campaign {
  stmt(
    db,
    `UPDATE campaigns SET formats = json_insert(formats, '$[#]', @format)
     WHERE id = @id AND NOT EXISTS (SELECT 1 FROM json_each(formats) WHERE value = @format)`,
  ).run({ id, format });
  return getCampaign(db, id)!;
}

export function listCampaigns(db: Db): Campaign[] {
  return stmt<[], CampaignRow>(db, 'SELECT * FROM campaigns ORDER BY created_at DESC, id DESC').all().map(toCampaign);
}

export function getCampaign(db: Db, id: number): Campaign | undefined {
  const r = stmt<[number], CampaignRow>(db, 'SELECT * FROM campaigns WHERE id = ?').get(id);
  return r && toCampaign(r);
}

export interface CampaignMemberRow {
  id: number;
  name: string;
  phone: string | null;
  first_after: number | null;
  message: string | null;
  offer_code: string | null;
  offer_expires_on: string | null;
  offer_sale_id: number | null;
}

/**
 * Each member's first non-voided sale after the export (following merges to the kept customer),
 * the message written for them and the offer the campaign issued them.
 */
export function campaignMembers(db: Db, id: number): CampaignMemberRow[] {
  return stmt<[number], CampaignMemberRow>(
    db,
    `SELECT c.id, c.name, c.phone,
       (SELECT MIN(s.occurred_at) FROM sales s WHERE s.customer_id = c.id AND s.voided_at IS NULL AND s.occurred_at > k.created_at) AS first_after,
       m.message, o.code AS offer_code, o.expires_on AS offer_expires_on, o.sale_id AS offer_sale_id
     FROM campaign_members m
     JOIN campaigns k ON k.id = m.campaign_id
     JOIN customers c ON c.id = COALESCE((SELECT merged_into_id FROM customers WHERE id = m.customer_id), m.customer_id)
     LEFT JOIN offers o ON o.id = (SELECT x.id FROM offers x
       WHERE x.campaign_id = m.campaign_id AND x.customer_id IN (m.customer_id, c.id) ORDER BY x.id LIMIT 1)
     WHERE m.campaign_id = ?
     ORDER BY c.name_pinyin`,
  ).all(id);
}

import type { Db } from '../open';
import { stmt } from '../stmt';

/** Who is behind the call being handled: a paired device and the staff signed in on it (null: this computer). */
export interface Actor {
  device: string | null;
  staff: string | null;
}
let actor: Actor | null = null;

/**
 * Names the device and staff member for the entries written until the next call. A core worker
 * handles one call at a time (main/core/worker.ts), so this is the caller of every entry it writes.
 */
export function setActor(a: Actor | null): void {
  actor = a;
}

export function audit(db: Db, at: number, action: string, entity: string, entityId: number | null, detail: object = {}): void {
  // Without a device behind the call the columns of migration 16 are left out: the backup taken
  // before an older shop is migrated is logged on its old table.
  if (!actor) {
    stmt(db, 'INSERT INTO audit_log (at, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?)').run(
      at,
      action,
      entity,
      entityId,
      JSON.stringify(detail),
    );
    return;
  }
  stmt(db, 'INSERT INTO audit_log (at, action, entity, entity_id, detail, device, staff) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    at,
    action,
    entity,
    entityId,
    JSON.stringify(detail),
    actor.device,
    actor.staff,
  );
}

/**
 * One `offer.issue` entry per offer a campaign export issued, as `audit` writes it for one offer
 * issued alone, in one statement.
 */
export function auditCampaignOffers(db: Db, at: number, campaignId: number): void {
  stmt(
    db,
    `INSERT INTO audit_log (at, action, entity, entity_id, detail, device, staff)
     SELECT ?, 'offer.issue', 'offer', id, json_object('customerId', customer_id, 'kind', kind, 'value', value), ?, ?
     FROM offers WHERE campaign_id = ? ORDER BY id`,
  ).run(at, actor?.device ?? null, actor?.staff ?? null, campaignId);
}

/**
 * The newest entries whose action is one of `actions`. Filtered before the limit, so a big import
 * (thousands of other entries) never pushes the owner's entries out of the page.
 */
export function listAudit(db: Db, actions: readonly string[], limit: number) {
  const rows = stmt<
    [string, number],
    {
      id: number;
      at: number;
      action: string;
      entity: string;
      entity_id: number | null;
      detail: string;
      device: string | null;
      staff: string | null;
    }
  >(
    db,
    `SELECT id, at, action, entity, entity_id, detail, device, staff FROM audit_log
     WHERE action IN (SELECT value FROM json_each(?)) ORDER BY at DESC, id DESC LIMIT ?`,
  ).all(JSON.stringify(actions), limit);
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    device: r.device,
    staff: r.staff,
  }));
}

import type { Db } from '../open';
import { stmt } from '../stmt';

export function audit(db: Db, at: number, action: string, entity: string, entityId: number | null, detail: object = {}): void {
  stmt(db, 'INSERT INTO audit_log (at, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?)').run(
    at,
    action,
    entity,
    entityId,
    JSON.stringify(detail),
  );
}

export function listAudit(db: Db, action: string | null, limit: number) {
  const rows = stmt<
    [string | null, string | null, number],
    { id: number; at: number; action: string; entity: string; entity_id: number | null; detail: string }
  >(
    db,
    'SELECT id, at, action, entity, entity_id, detail FROM audit_log WHERE (? IS NULL OR action = ?) ORDER BY at DESC, id DESC LIMIT ?',
  ).all(action, action, limit);
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }));
}

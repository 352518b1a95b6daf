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

import { audit } from '../db/queries/audit';
import { writeStep } from '../core/write-step';

/** One line of the activity log, as `audit` writes it. */
export interface AuditEntry {
  at: number;
  action: string;
  entity: string;
  entityId: number | null;
  detail: Record<string, unknown>;
}

/**
 * A line of the activity log for something a reader lane did (a customer's data exported, a copy
 * of the shop taken), written by the writer lane (main/core/write-step.ts), as the call's actor.
 */
export const auditEntryStep = writeStep('audit.entry', (ctx, e: AuditEntry): void =>
  audit(ctx.db, e.at, e.action, e.entity, e.entityId, e.detail),
);

import { audit } from '../db/queries/audit';
import { writeStep } from '../core/write-step';

/**
 * The lines a reader lane hands over: a copy of the shop taken, a customer's data exported. The
 * writer writes no other through this step (a message from another thread is data, not a licence
 * to write any line of the activity log).
 */
const HANDED_OVER = { backup: 'database', 'customer.export': 'customer' } as const;

/** One line of the activity log, as `audit` writes it. */
export interface AuditEntry {
  at: number;
  action: keyof typeof HANDED_OVER;
  entity: string;
  entityId: number | null;
  detail: Record<string, unknown>;
}

/**
 * A line of the activity log for something a reader lane did (a customer's data exported, a copy
 * of the shop taken), written by the writer lane (main/core/write-step.ts), as the call's actor.
 */
export const auditEntryStep = writeStep('audit.entry', (ctx, e: AuditEntry): void => {
  if (!Object.hasOwn(HANDED_OVER, e.action) || HANDED_OVER[e.action] !== e.entity)
    throw new Error(`audit.entry: ${String(e.action)} on ${String(e.entity)} is not a line a reader hands over`);
  audit(ctx.db, e.at, e.action, e.entity, e.entityId, e.detail);
});

import { fail, type Reply } from '../../shared/api/errors';
import type { Ctx } from '../ctx';
import { toFailure } from '../errors';
import { logExportStep, recordExportStep, withdrawExportStep } from '../services/export/record';
import { startImportStep } from '../services/data-api';
import { auditEntryStep } from '../services/audit-entry';
import { storeFitStep } from '../services/analytics/model';
import type { WriteStep } from './write-step';

/**
 * Every write step a reader lane may hand to the writer lane (main/core/write-step.ts). The writer's
 * thread runs these and nothing else by name: a step is never reachable from a transport (only a
 * core worker posts one, and only the pool relays it).
 */
export const WRITE_STEPS: readonly WriteStep<never, unknown>[] = [
  recordExportStep,
  logExportStep,
  withdrawExportStep,
  startImportStep,
  auditEntryStep,
  storeFitStep,
];

const byName = new Map(WRITE_STEPS.map((s) => [s.name, s]));

/** Runs a step on this (the writer's) connection; never throws: a failure is the reply's error, logged as dispatch logs one. */
export async function runWriteStep(name: string, input: unknown, ctx: Ctx): Promise<Reply> {
  const step = byName.get(name);
  if (!step) return fail('UNKNOWN_METHOD');
  try {
    return { ok: true, data: await step.run(ctx, input as never) };
  } catch (e) {
    const failure = toFailure(e, { log: ctx.log, where: `write step ${name}` });
    if (failure.error.code === 'DB_DAMAGED') ctx.health = 'damaged';
    return failure;
  }
}

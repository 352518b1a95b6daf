import type { Db } from '../../db/open';
import * as st from '../../db/queries/import-staging';
import * as q from '../../db/queries/imports';
import { holderAlive } from '../../db/in-use';
import { isPending } from '../../db/queries/import-pending';
import { clearLegacyStage } from './chunks';
import { ImportRemoval } from './removal';

/**
 * At start-up: an import whose process is gone (killed, crashed, the power cut) never flipped, so
 * none of its rows count: those it staged were in its connection's temporary tables, gone with it,
 * and those it placed in the shop's tables are out of sight (db/pending.ts) and are taken away here
 * in short transactions; then its history entry is marked failed. An import still being written by
 * another live process (`regulars import` beside the app) is left alone. `selfIdle`: this process
 * runs no import now (the writer is just starting), so an import it owns is dead too (its worker
 * died with the thread that ran it).
 */
export function removeDeadImports(db: Db, selfIdle: boolean): number[] {
  const dead = deadImports(db, selfIdle);
  for (const id of dead) {
    const steps = removalSteps(db, id);
    while (!steps.next().done);
  }
  clearLegacyStages(db);
  return dead;
}

function deadImports(db: Db, selfIdle: boolean): number[] {
  return q
    .pendingImports(db)
    .filter((p) => p.owner === null || (p.owner.pid === process.pid ? selfIdle : !holderAlive(p.owner)))
    .map((p) => p.id);
}

/**
 * The same on the thread that answers the counter (the pool's writer lane): a dead import's placed
 * rows go one short transaction per turn of the event loop, so a sale or any other call waiting in
 * between goes first. The rows are out of sight all along.
 */
export async function removeDeadImportsInTurns(db: Db, selfIdle: boolean): Promise<number[]> {
  const dead = deadImports(db, selfIdle);
  for (const id of dead) if (!(await removeImportInTurns(db, id))) break;
  if (db.open) clearLegacyStages(db);
  return dead;
}

/**
 * One unfinished import's placed rows taken away a short transaction per turn of the event loop,
 * then its entry marked failed; one that got done meanwhile (its flip committed) is left as it is.
 * False if the connection was closed meanwhile.
 */
export async function removeImportInTurns(db: Db, id: number): Promise<boolean> {
  const steps = removalSteps(db, id);
  for (let r = steps.next(); ; r = steps.next()) {
    if (r.done) return r.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * One unfinished import's placed rows taken away, one short transaction per step (ImportRemoval:
 * still pending while they go, so they stay out of sight and out of every total until gone), then
 * its entry marked failed, unless it got done meanwhile. Returns false if the connection was
 * closed meanwhile. A generator, so that the start-up's removal and the writer lane's, which lets
 * other calls in between, are the same steps.
 */
function* removalSteps(db: Db, id: number): Generator<void, boolean> {
  const removal = new ImportRemoval(db, id);
  while (db.open && removal.next()) {
    removal.checkpointIfDue();
    yield;
  }
  if (!db.open) return false;
  db.transaction(() => {
    if (isPending(db, id)) q.setImportState(db, id, 'failed');
  }).immediate();
  return true;
}

/** Staging tables an older version left in the shop's file: a dead import's staged rows (temporary tables now go with their process). */
function clearLegacyStages(db: Db): void {
  for (const id of st.legacyStages(db)) clearLegacyStage(db, id);
}

import type { Db } from '../../db/open';
import * as st from '../../db/queries/import-staging';
import { holderAlive } from '../../db/in-use';
import { clearStage } from './chunks';

/**
 * At start-up: an import whose process is gone (killed, crashed, the power cut) never flipped, so
 * none of its rows are in the shop; its staging tables are dropped and its history entry marked
 * failed. An import still being written by another live process (`regulars import` beside the app)
 * is left alone. `selfIdle`: this process runs no import now (the writer is just starting), so an
 * import it owns is dead too (its worker died with the thread that ran it).
 */
export function removeDeadImports(db: Db, selfIdle: boolean): number[] {
  const dead = st
    .pendingImports(db)
    .filter((p) => p.owner === null || (p.owner.pid === process.pid ? selfIdle : !holderAlive(p.owner)))
    .map((p) => p.id);
  for (const id of dead) db.transaction(() => st.setImportState(db, id, 'failed')).immediate();
  // staging left by those, or by a kill between a flip and the drop of its tables
  for (const id of st.orphanStages(db)) clearStage(db, id);
  return dead;
}

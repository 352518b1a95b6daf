import type { ImportRecord } from '../../../shared/schemas/import';
import type { Ctx } from '../../ctx';
import { recentImports } from '../../db/queries/imports';
import { HISTORY_PER_SHOP, recentImportJobs, type HeldRecord } from './jobs';

/**
 * The Data screen's list of imports, newest first: this run's jobs (running, done, failed or
 * cancelled, kept in memory by jobs.ts), then the imports the database records from before (a
 * committed import is in both; the job's line is the one shown). Failed and cancelled imports
 * leave nothing behind, so they are known only while the app that ran them is running; an import
 * whose process died is found at the next start-up and listed as failed (main/services/import/recover.ts).
 */
export function listImports(ctx: Ctx): { imports: ImportRecord[] } {
  const jobs = recentImportJobs(ctx.dbPath);
  const seen = new Set(jobs.map((j) => j.importId).filter((id) => id !== null));
  const stored: ImportRecord[] = recentImports(ctx.db, HISTORY_PER_SHOP)
    .filter((r) => !seen.has(r.id))
    .map((r) => ({
      id: `import-${r.id}`,
      state: r.state,
      kind: r.kind,
      fileName: r.file_name,
      startedAt: r.created_at,
      finishedAt: r.created_at,
      done: r.state === 'done' ? r.rows_total : 0,
      total: r.rows_total,
      rows: r.rows_total,
      imported: r.state === 'done' ? r.rows_imported : 0,
      badRows: r.state === 'done' ? r.rows_skipped : null,
      // the app (or the computer) stopped before the import's flip: nothing of it was kept
      error: r.state === 'done' ? null : { code: 'INTERNAL', detail: { reason: 'interrupted' } },
    }));
  const all = [...jobs.map(withoutImportId), ...stored];
  return { imports: all.sort((a, b) => b.startedAt - a.startedAt).slice(0, HISTORY_PER_SHOP) };
}

function withoutImportId(r: HeldRecord): ImportRecord {
  const { importId, ...record } = r;
  void importId;
  return record;
}

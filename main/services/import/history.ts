import type { ImportRecord } from '../../../shared/schemas/import';
import type { Ctx } from '../../ctx';
import { recentImports } from '../../db/queries/imports';
import { HISTORY_PER_SHOP, recentImportJobs, type HeldRecord } from './jobs';

/**
 * The Data screen's list of imports, newest first: this run's jobs (running, done, failed or
 * cancelled, kept in memory by jobs.ts), then the imports the database records from before (a
 * committed import is in both; the job's line is the one shown). Failed and cancelled imports
 * wrote nothing, so they are known only while the app that ran them is running.
 */
export function listImports(ctx: Ctx): { imports: ImportRecord[] } {
  const jobs = recentImportJobs(ctx.dbPath);
  const seen = new Set(jobs.map((j) => j.importId).filter((id) => id !== null));
  const stored: ImportRecord[] = recentImports(ctx.db, HISTORY_PER_SHOP)
    .filter((r) => !seen.has(r.id))
    .map((r) => ({
      id: `import-${r.id}`,
      state: 'done',
      kind: r.kind,
      fileName: r.file_name,
      startedAt: r.created_at,
      finishedAt: r.created_at,
      done: r.rows_total,
      total: r.rows_total,
      rows: r.rows_total,
      imported: r.rows_imported,
      badRows: r.rows_skipped,
      error: null,
    }));
  const all = [...jobs.map(withoutImportId), ...stored];
  return { imports: all.sort((a, b) => b.startedAt - a.startedAt).slice(0, HISTORY_PER_SHOP) };
}

function withoutImportId(r: HeldRecord): ImportRecord {
  const { importId, ...record } = r;
  void importId;
  return record;
}

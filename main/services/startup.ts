import type { BackupWarning, Ctx } from '../ctx';
import { AppError } from '../../shared/api/errors';
import { dbFault } from '../db/faults';
import { dailyBackupIfDue } from './backup';
import { integrityCheck } from './shop';
import { lapsedReport } from './analytics/lapsed';
import { insightsChecks } from './analytics/insights';

/**
 * Start-up checks, run after the app is already reachable: the integrity check, then (only for a
 * healthy database, so a damaged one never rotates good backups away) the daily backup. Only a
 * failed integrity check marks the shop damaged; a backup that cannot be written (an unplugged USB
 * folder, a full disk) is a warning shown on screen (`shop.status`), and the shop works as usual.
 */
export function startupChecks(ctx: Ctx): void {
  try {
    const check = integrityCheck(ctx);
    ctx.health = check.ok ? 'ok' : 'damaged';
    if (!check.ok) {
      ctx.log.error(`database failed its integrity check: ${check.messages.slice(0, 5).join('; ')}`);
      return;
    }
  } catch (e) {
    // The check itself failing on damaged pages is damage; anything else (say, a busy file) is not
    // a verdict on the data, and the shop stays usable.
    ctx.log.error('the start-up integrity check failed', e);
    if (dbFault(e) === 'DB_DAMAGED') {
      ctx.health = 'damaged';
      return;
    }
    ctx.health = 'ok';
  }
  try {
    dailyBackupIfDue(ctx);
    ctx.backupWarning = null;
  } catch (e) {
    ctx.backupWarning = backupWarningOf(e);
    ctx.log.error(`the start-up backup failed (${ctx.backupWarning}); the shop itself is fine`, e);
  }
  prepareModels(ctx);
}

/** Why a backup could not be written, in the words the owner gets on screen. */
export function backupWarningOf(e: unknown): BackupWarning {
  if (e instanceof AppError && e.detail?.reason === 'backup_folder_missing') return 'folder_missing';
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'folder_missing';
  if (code === 'ENOSPC' || code === 'EDQUOT' || dbFault(e) === 'DB_FULL') return 'disk_full';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || dbFault(e) === 'DB_READONLY') return 'not_writable';
  return 'failed';
}

/**
 * Fits (and stores) the month's models in the background, one step per tick, so the first visit
 * to Lapsed or Insights does not wait for them: the list as of today, then the Insights checks
 * (the holdout fit and the list as it stood 90 days ago).
 */
export function prepareModels(ctx: Ctx): void {
  const steps = [() => lapsedReport(ctx, { tier: null, staffId: null }), () => insightsChecks(ctx, {})];
  const next = () => {
    const step = steps.shift();
    // Nothing to prepare once the app is closing.
    if (!step || !ctx.db.open) return;
    try {
      step();
    } catch (e) {
      ctx.log.error('preparing the churn model failed', e);
      return;
    }
    setTimeout(next, 50).unref();
  };
  setTimeout(next, 50).unref();
}

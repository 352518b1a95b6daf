import type { Ctx } from '../ctx';
import { dailyBackupIfDue } from './backup';
import { integrityCheck } from './shop';
import { lapsedReport } from './lapsed';
import { insightsChecks } from './insights';

/**
 * Start-up checks, run after the app is already reachable: the integrity check, then (only for a
 * healthy database, so a damaged one never rotates good backups away) the daily backup.
 */
export function startupChecks(ctx: Ctx): void {
  try {
    const check = integrityCheck(ctx);
    ctx.health = check.ok ? 'ok' : 'damaged';
    if (!check.ok) {
      ctx.log.error(`database failed its integrity check: ${check.messages.slice(0, 5).join('; ')}`);
      return;
    }
    dailyBackupIfDue(ctx);
  } catch (e) {
    ctx.health = 'damaged';
    ctx.log.error('start-up checks failed', e);
    return;
  }
  prepareModels(ctx);
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

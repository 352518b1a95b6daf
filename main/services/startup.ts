import type { Ctx } from '../ctx';
import { dailyBackupIfDue } from './backup';
import { integrityCheck } from './shop';

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
  }
}

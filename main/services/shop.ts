import { seedCare } from './demo/care';
import { AppError } from '../../shared/api/errors';
import type { ShopStatus } from '../../shared/schemas/settings';
import { writeSetting } from '../db/queries/settings';
import { countLiveCustomers } from '../db/queries/customers';
import { pendingImports } from '../db/queries/imports';
import { audit } from '../db/queries/audit';
import type { Ctx } from '../ctx';
import { shopStatus } from './settings';
import { generateDemo } from './demo/generate';

export function startEmpty(ctx: Ctx): ShopStatus {
  ctx.db.transaction(() => writeSetting(ctx.db, 'onboarded', true))();
  return shopStatus(ctx);
}

/** First launch: fill an empty shop with a small demo shop to explore. Refused once real data exists. */
export function loadDemo(ctx: Ctx, opts: { customers: number; years: number; seed: number }): ShopStatus {
  if (countLiveCustomers(ctx.db) > 0) throw new AppError('CONFLICT', { reason: 'shop_not_empty' });
  // an import still placing its rows (out of sight) would be written over
  if (pendingImports(ctx.db).length > 0) throw new AppError('CONFLICT', { reason: 'import_running' });
  generateDemo(ctx.db, { ...opts, now: ctx.clock.now() });
  seedCare(ctx);
  ctx.db.transaction(() => {
    writeSetting(ctx.db, 'onboarded', true);
    audit(ctx.db, ctx.clock.now(), 'shop.demo', 'shop', null, opts);
  })();
  return shopStatus(ctx);
}

export function integrityCheck(ctx: Ctx): { ok: boolean; messages: string[] } {
  const rows = ctx.db.pragma('integrity_check') as { integrity_check: string }[];
  const messages = rows.map((r) => r.integrity_check);
  const fk = ctx.db.pragma('foreign_key_check') as unknown[];
  const ok = messages.length === 1 && messages[0] === 'ok' && fk.length === 0;
  if (fk.length) messages.push(`foreign_key_check: ${fk.length}`);
  return { ok, messages };
}

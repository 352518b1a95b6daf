import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/api/errors';
import { Settings, type ShopStatus } from '../../shared/schemas/settings';
import type { z } from 'zod';
import { SettingsPatch } from '../../shared/schemas/settings';
import { businessDate } from '../../shared/domain/dates';
import * as q from '../db/queries/settings';
import * as staff from '../db/queries/staff';
import * as payments from '../db/queries/payment-methods';
import { audit } from '../db/queries/audit';
import { countLiveCustomers } from '../db/queries/customers';
import { countSales } from '../db/queries/sales';
import type { Ctx } from '../ctx';
import type { Db } from '../db/open';

function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Asia/Shanghai';
}

export function defaults(): Settings {
  return {
    shopName: '',
    currency: 'CNY',
    timeZone: systemTimeZone(),
    language: null,
    defaultPaymentMethodId: null,
    defaultStaffId: null,
    onboarded: false,
    backupDir: null,
    churn: null,
    messages: null,
  };
}

/** Stored settings over defaults; a stored value that no longer validates falls back to its default. */
export function getSettings(db: Db): Settings {
  const raw = q.readSettingsRaw(db);
  const out: Record<string, unknown> = { ...defaults() };
  for (const [key, value] of Object.entries(raw)) {
    const field = Settings.shape[key as keyof Settings];
    if (field && field.safeParse(value).success) out[key] = value;
  }
  return out as Settings;
}

/**
 * A backup folder the owner chooses must be an absolute path to a folder that exists and can be
 * written: a relative path would follow whatever folder the app was started from, and a full copy
 * of the shop must not land somewhere unnoticed.
 */
function checkBackupFolder(dir: string): void {
  const issue = (message: string) => new AppError('VALIDATION', undefined, [{ path: ['backupDir'], message }]);
  if (!path.isAbsolute(dir)) throw issue('folder_not_absolute');
  try {
    fs.rmdirSync(fs.mkdtempSync(path.join(dir, '.regulars-probe-')));
  } catch {
    throw issue('folder_not_writable');
  }
}

export function updateSettings(ctx: Ctx, patch: z.output<typeof SettingsPatch>): Settings {
  if (patch.backupDir != null) checkBackupFolder(patch.backupDir);
  return ctx.db.transaction(() => {
    if (patch.defaultPaymentMethodId != null && !payments.getPaymentMethod(ctx.db, patch.defaultPaymentMethodId))
      throw new AppError('NOT_FOUND', { field: 'defaultPaymentMethodId' });
    if (patch.defaultStaffId != null && !staff.getStaff(ctx.db, patch.defaultStaffId))
      throw new AppError('NOT_FOUND', { field: 'defaultStaffId' });
    const keys = Object.keys(patch).filter((k) => patch[k as keyof typeof patch] !== undefined);
    for (const key of keys) q.writeSetting(ctx.db, key, patch[key as keyof typeof patch]);
    // An empty change is not an action worth a line in the activity log.
    // where full copies of the shop go from now on is worth its own words in the log
    const where = patch.backupDir !== undefined ? { backupDir: patch.backupDir } : {};
    if (keys.length) audit(ctx.db, ctx.clock.now(), 'settings.update', 'settings', null, { keys, ...where });
    return getSettings(ctx.db);
  })();
}

export function shopStatus(ctx: Ctx): ShopStatus {
  const settings = getSettings(ctx.db);
  const now = ctx.clock.now();
  let counts = { customers: 0, sales: 0 };
  try {
    counts = { customers: countLiveCustomers(ctx.db), sales: countSales(ctx.db) };
  } catch (e) {
    // A damaged database may fail even to count; the owner is sent to restore a backup.
    ctx.log.error('counting failed: the database looks damaged', e);
    ctx.health = 'damaged';
  }
  return {
    ...counts,
    onboarded: settings.onboarded,
    settings,
    staff: staff.listStaff(ctx.db),
    paymentMethods: payments.listPaymentMethods(ctx.db),
    now,
    today: businessDate(now, settings.timeZone),
    health: ctx.health ?? 'unchecked',
    backupWarning: ctx.backupWarning ?? null,
  };
}

export function today(ctx: Ctx): string {
  return businessDate(ctx.clock.now(), getSettings(ctx.db).timeZone);
}

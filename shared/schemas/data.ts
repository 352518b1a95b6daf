import { z } from 'zod';

export const BackupInfo = z.object({ file: z.string(), takenAt: z.number(), reason: z.string(), bytes: z.number() });
export const BackupPreview = z.object({
  file: z.string(),
  takenAt: z.number().nullable(),
  customers: z.number(),
  sales: z.number(),
  version: z.number(),
  ok: z.boolean(),
});
export const BackupList = z.object({ dir: z.string(), backups: z.array(BackupInfo) });
/** Backups are named by file name within the backup folder; no other path crosses the seam. */
export const BackupName = z.strictObject({
  name: z
    .string()
    .regex(/^[^/\\]+\.db$/, 'invalid')
    .max(255),
});

export const CustomerDataExport = z.object({
  json: z.record(z.string(), z.unknown()),
  csv: z.record(z.string(), z.string()),
});

export const AuditEntry = z.object({
  id: z.number(),
  at: z.number(),
  action: z.string(),
  entity: z.string(),
  entityId: z.number().nullable(),
  detail: z.record(z.string(), z.unknown()),
  /** the paired device and the staff member signed in on it (issue 18); null: this computer */
  device: z.string().nullable(),
  staff: z.string().nullable(),
});
export const AUDIT_ACTIONS = [
  'export.contacts',
  'customer.erase',
  'customer.export',
  'consent.change',
  'restore',
  'import',
  'backup',
  'device.pair',
  'device.revoke',
  'staff.access',
] as const;

import path from 'node:path';
import { AppError } from '../../shared/api/errors';
import { ImportOptions, type ImportRequest } from '../../shared/schemas/import';
import type { z } from 'zod';
import type { Ctx } from '../ctx';
import { previewImport } from './import/run';
import { startImportJob } from './import/jobs';
import { backupDir, listBackups, ownerOf } from './backup';
import { previewBackup, restoreBackup } from './restore';

/** Handlers' glue for the data screens: decoding uploads and naming backups by file name only. */
export function decodeUpload(data: string): Uint8Array {
  return new Uint8Array(Buffer.from(data, 'base64'));
}

function optionsOf(r: z.output<typeof ImportRequest>): ImportOptions {
  const { fileName: _f, data: _d, ...rest } = r;
  return ImportOptions.parse(rest);
}

export function importPreview(ctx: Ctx, r: z.output<typeof ImportRequest>) {
  return previewImport(ctx, decodeUpload(r.data), r.fileName, optionsOf(r));
}

export function importStart(ctx: Ctx, r: z.output<typeof ImportRequest>) {
  return startImportJob(ctx, decodeUpload(r.data), r.fileName, optionsOf(r));
}

/**
 * This shop's backups only (a shared folder, say a USB stick, may hold other shops' backups too):
 * named with its shop id, or named before shop ids after its file.
 */
function ownBackups(ctx: Ctx) {
  const dir = backupDir(ctx);
  return { dir, backups: listBackups(dir, ownerOf(ctx)) };
}

export function backups(ctx: Ctx) {
  return ownBackups(ctx);
}

/** A backup named by file name inside the backup folder; anything else is NOT_FOUND. */
function backupFile(ctx: Ctx, name: string): string {
  const found = ownBackups(ctx).backups.find((b) => path.basename(b.file) === name);
  if (!found) throw new AppError('NOT_FOUND', { entity: 'backup' });
  return found.file;
}

export function backupPreview(ctx: Ctx, name: string) {
  return previewBackup(backupFile(ctx, name));
}

export function backupRestore(ctx: Ctx, name: string) {
  return restoreBackup(ctx, backupFile(ctx, name));
}

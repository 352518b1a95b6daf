import path from 'node:path';
import { AppError } from '../../shared/api/errors';
import { ImportOptions, type ImportRequest } from '../../shared/schemas/import';
import type { z } from 'zod';
import type { Ctx } from '../ctx';
import { onWriter, writeStep } from '../core/write-step';
import { previewImport } from './import/run';
import { startImportJob } from './import/jobs';
import { backupDir, ownerOf } from './backup';
import { listBackups } from './backup-rotation';
import { previewBackup, restoreBackup } from './restore';

/**
 * Handlers' glue for the data screens: decoding uploads and naming backups by file name only. The
 * bytes own their whole buffer (decoded into one of their own, not copied again), so a big upload
 * can be handed to another thread without a copy; a small one comes out of Node's shared pool
 * and is copied out of it.
 */
export function decodeUpload(data: string): Uint8Array {
  const b = Buffer.from(data, 'base64');
  const own = b.byteOffset === 0 && b.buffer.byteLength === b.length && b.buffer instanceof ArrayBuffer;
  return own ? new Uint8Array(b.buffer, 0, b.length) : new Uint8Array(b);
}

function optionsOf(r: z.output<typeof ImportRequest>): ImportOptions {
  const { fileName: _f, data: _d, ...rest } = r;
  return ImportOptions.parse(rest);
}

export function importPreview(ctx: Ctx, r: z.output<typeof ImportRequest>) {
  return previewImport(ctx, decodeUpload(r.data), r.fileName, optionsOf(r));
}

/**
 * The import job, started on the writer lane, which keeps the jobs (import.status and import.cancel
 * ask there); its bytes are handed over, not copied. A write step because a big upload (up to
 * 150 MB) is checked (the contract's schema) and decoded on the heavy reader, not where the sales
 * queue (routes.ts, laneFor); a small one runs all of this on the writer, the step at once.
 */
export const startImportStep = writeStep(
  'import.start',
  (ctx, a: { bytes: Uint8Array; fileName: string; options: ImportOptions }) =>
    startImportJob(ctx, a.bytes, a.fileName, a.options),
);

export function importStart(ctx: Ctx, r: z.output<typeof ImportRequest>) {
  const bytes = decodeUpload(r.data);
  return onWriter(ctx, startImportStep, { bytes, fileName: r.fileName, options: optionsOf(r) }, [bytes.buffer as ArrayBuffer]);
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

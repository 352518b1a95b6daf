import type { ErrorCode } from '../../shared/api/errors';

/**
 * What a SQLite failure means for the owner, as one of the API's error codes: the disk is full, the
 * file cannot be written (read-only folder or medium), another program holds the database, or the
 * file is damaged. Anything else is not a database fault (null).
 */
export function dbFault(e: unknown): Extract<ErrorCode, 'DB_FULL' | 'DB_READONLY' | 'DB_BUSY' | 'DB_DAMAGED'> | null {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  if (!code.startsWith('SQLITE_')) return null;
  if (code === 'SQLITE_FULL') return 'DB_FULL';
  // an I/O error is the disk or the medium refusing: say it cannot be written, not that it is damaged
  if (
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_IOERR') ||
    code === 'SQLITE_CANTOPEN' ||
    code === 'SQLITE_PERM' ||
    code === 'SQLITE_AUTH'
  )
    return 'DB_READONLY';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'DB_BUSY';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'DB_DAMAGED';
  return null;
}

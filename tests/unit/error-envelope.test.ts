import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../shared/api/errors';
import { messages } from '../../shared/i18n';
import { toFailure } from '../../main/errors';

/** The one mapping from an exception to a reply's error envelope (main/errors.ts), kind by kind. */
function logger() {
  const lines: string[] = [];
  return { lines, log: { error: (m: string) => void lines.push(m), info: () => {} } };
}
const sqlite = (code: string) => Object.assign(new Error(`${code}: refused`), { code });

describe('toFailure', () => {
  it('an AppError keeps its code, field issues and detail, and is not logged', () => {
    const { lines, log } = logger();
    const f = toFailure(new AppError('PHONE_TAKEN', { customerId: 7 }, [{ path: ['phone'], message: 'phone_taken' }]), {
      log,
      where: 'customers.create',
    });
    expect(f).toEqual({
      ok: false,
      error: { code: 'PHONE_TAKEN', issues: [{ path: ['phone'], message: 'phone_taken' }], detail: { customerId: 7 } },
    });
    expect(lines).toEqual([]);
  });

  it('a zod error is VALIDATION with its field issues as i18n keys', () => {
    const { log } = logger();
    const r = z.strictObject({ name: z.string().min(1, 'name_required'), age: z.number() }).safeParse({ name: '', x: 1 });
    const f = toFailure(r.error, { log, where: 'x' });
    expect(f.error.code).toBe('VALIDATION');
    expect(f.error.issues).toEqual(
      expect.arrayContaining([
        { path: ['name'], message: 'name_required' },
        { path: ['age'], message: 'invalid' },
        { path: [], message: 'unknown_field' },
      ]),
    );
  });

  it.each([
    ['SQLITE_FULL', 'DB_FULL'],
    ['SQLITE_READONLY', 'DB_READONLY'],
    ['SQLITE_IOERR_WRITE', 'DB_READONLY'],
    ['SQLITE_BUSY', 'DB_BUSY'],
    ['SQLITE_LOCKED', 'DB_BUSY'],
    ['SQLITE_CORRUPT', 'DB_DAMAGED'],
    ['SQLITE_NOTADB', 'DB_DAMAGED'],
  ])('a SQLite %s is %s, logged, with no incident id', (code, expected) => {
    const { lines, log } = logger();
    const f = toFailure(sqlite(code), { log, where: 'sales.record' });
    expect(f).toEqual({ ok: false, error: { code: expected } });
    expect(lines).toEqual([`database fault in sales.record: ${expected}`]);
  });

  it('anything else is INTERNAL under a new incident id, logged with it, no message or stack in the reply', () => {
    const { lines, log } = logger();
    const a = toFailure(new TypeError('x is undefined at /home/owner/secret.ts'), { log, where: 'lapsed.list' });
    const b = toFailure('a thrown string', { log, where: 'lapsed.list' });
    expect(a.error.code).toBe('INTERNAL');
    expect(a.error.incidentId).toMatch(/^[0-9a-f]{8}$/);
    expect(b.error.incidentId).not.toBe(a.error.incidentId);
    expect(Object.keys(a.error).sort()).toEqual(['code', 'incidentId']);
    expect(lines).toEqual([`incident ${a.error.incidentId} in lapsed.list`, `incident ${b.error.incidentId} in lapsed.list`]);
  });

  it('with a locale, the envelope carries the message in that language', () => {
    const { log } = logger();
    expect(toFailure(new AppError('NOT_FOUND'), { log, where: 'x', locale: 'en' }).error.message).toBe(
      messages.en['error.NOT_FOUND'],
    );
    expect(toFailure(sqlite('SQLITE_CORRUPT'), { log, where: 'x', locale: 'zh-CN' }).error.message).toBe(
      messages['zh-CN']['error.DB_DAMAGED'],
    );
    const internal = toFailure(new Error('boom'), { log, where: 'x', locale: 'en' });
    expect(internal.error.message).toBe(messages.en['error.INTERNAL'].replace('{{incidentId}}', internal.error.incidentId!));
    expect(internal.error.message).not.toContain('boom');
  });

  it('says who holds the shop when another Regulars has it open, and names each field issue', () => {
    const { log } = logger();
    const inUse = toFailure(new AppError('DB_IN_USE', { role: 'serve', pid: 4242 }), { log, where: 'x', locale: 'zh-CN' });
    expect(inUse.error.message).toBe(`${messages['zh-CN']['error.DB_IN_USE']} (serve pid 4242)`);
    const field = toFailure(new AppError('VALIDATION', undefined, [{ path: ['phone'], message: 'phone_invalid' }]), {
      log,
      where: 'x',
      locale: 'en',
    });
    expect(field.error.message).toBe(`${messages.en['error.VALIDATION']} phone: ${messages.en['error.field.phone_invalid']}`);
  });

  it('says why for a reason that has its own words: a restore refused while an import runs, an export whose list kept changing', () => {
    const { log } = logger();
    for (const locale of ['en', 'zh-CN'] as const) {
      const f = toFailure(new AppError('CONFLICT', { reason: 'import_running', jobId: 'j' }), { log, where: 'x', locale });
      expect(f.error.message).toBe(messages[locale]['error.CONFLICT.import_running']);
      const changed = toFailure(new AppError('CONFLICT', { reason: 'export_changed' }), { log, where: 'x', locale });
      expect(changed.error.message).toBe(messages[locale]['error.CONFLICT.export_changed']);
      expect(changed.error.message).not.toBe(messages[locale]['error.CONFLICT']);
    }
    // a reason without words of its own keeps the code's
    expect(toFailure(new AppError('CONFLICT', { reason: 'other' }), { log, where: 'x', locale: 'en' }).error.message).toBe(
      messages.en['error.CONFLICT'],
    );
  });
});

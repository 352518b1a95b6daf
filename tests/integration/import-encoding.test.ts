import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { count, tempShops } from '../helpers/shop';
import { dispatch } from '../../main/api';
import type { Ctx } from '../../main/ctx';
import { countPieces } from '../../main/services/import/decode';
import { runImport } from '../../main/services/import/run';
import { ImportOptions } from '../../shared/schemas/import';
import { AppError } from '../../shared/api/errors';

/**
 * Issue 14 item 9: a UTF-8 file with one GBK cell was read whole as GB18030, silently (张三 became
 * 寮犱笁). Such a file is now said to be doubtful, both readings of the differing cells are shown,
 * and nothing is imported until the owner chooses.
 */
const { fresh, dirOf } = tempShops(Date.parse('2026-03-10T02:00:00Z'));
const CLI = path.resolve(__dirname, '../../dist/cli/index.mjs');

/** A real mixed file: UTF-8 rows, and one name typed in a GBK program and pasted in. */
function mixedFile(): Buffer {
  const rows = ['姓名,手机号', '张三,13912340001', '王芳,13912340002', '赵敏,13912340003'];
  return Buffer.concat([
    Buffer.from(rows.join('\r\n') + '\r\n', 'utf8'),
    iconv.encode('李四', 'gbk'),
    Buffer.from(',13912340004\r\n', 'utf8'),
  ]);
}
/** runImport as the worker runs it; an AppError comes back as { code, detail }. */
const importRun = (ctx: Ctx, bytes: Buffer, o: Record<string, unknown>) =>
  runImport(ctx, bytes, 'mixed.csv', ImportOptions.parse({ kind: 'customers', ...o })).catch((e: unknown) => {
    if (e instanceof AppError) return { code: e.code, detail: e.detail };
    throw e;
  });
const upload = (bytes: Buffer, o: Record<string, unknown> = {}) => ({
  fileName: 'mixed.csv',
  data: bytes.toString('base64'),
  kind: 'customers',
  ...o,
});

describe('a file that is neither clean UTF-8 nor clean GB18030', () => {
  beforeAll(() => {
    if (!fs.existsSync(CLI)) throw new Error('run `node scripts/build.mjs` first');
  });

  it('the preview says so and shows both readings of the cells that differ', async () => {
    const ctx = fresh();
    const r = await dispatch('import.preview', upload(mixedFile()), ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const p = r.data as {
      encoding: string;
      sample: string[][];
      encodingDoubt: { notUtf8: number; samples: { row: number; column: string; utf8: string; gb18030: string }[] };
    };
    expect(p.encodingDoubt.notUtf8).toBe(1);
    // the GBK cell first: unreadable as UTF-8, 李四 as GB18030
    expect(p.encodingDoubt.samples[0]).toEqual({
      row: 5,
      column: '姓名',
      utf8: expect.stringContaining('\uFFFD'),
      gb18030: '李四',
    });
    // a UTF-8 cell: right as UTF-8, garbled as GB18030
    expect(p.encodingDoubt.samples).toContainEqual({ row: 2, column: '姓名', utf8: '张三', gb18030: '寮犱笁' });
    // the sample is read cell by cell, so every name is right
    expect(p.encoding).toBe('mixed');
    expect(p.sample.map((r) => r[0])).toEqual(['张三', '王芳', '赵敏', '李四']);
  });

  it('"auto" imports nothing; the owner chooses, and no garbled name is ever written', async () => {
    const ctx = fresh();
    const auto = await importRun(ctx, mixedFile(), {});
    expect(auto).toMatchObject({ code: 'VALIDATION', detail: { reason: 'encoding_ambiguous', notUtf8: 1 } });
    expect(count(ctx, 'customers')).toBe(0);

    // UTF-8 chosen: the GBK cell is not text in UTF-8, so its row is bad (and nothing is written)
    const utf8 = await importRun(ctx, mixedFile(), { encoding: 'utf8' });
    expect(utf8).toMatchObject({ committed: false, errors: [{ row: 5, column: '姓名', reason: 'encoding_invalid' }] });
    expect(count(ctx, 'customers')).toBe(0);

    // cell by cell: every name as it was typed
    const mixed = await importRun(ctx, mixedFile(), { encoding: 'mixed' });
    expect(mixed).toMatchObject({ committed: true, imported: 4 });
    const names = (ctx.db.prepare('SELECT name FROM customers ORDER BY phone').all() as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(['张三', '王芳', '赵敏', '李四']);
  });

  it('a clean GBK file is still read as GB18030 without a question, even with cells that happen to be valid UTF-8', async () => {
    // 钱 in GBK is C7 AE, which is also valid UTF-8 (Ǯ): a few such cells do not make a file doubtful
    const gbkNames = ['钱', '张三', '李四', '王芳', '赵敏', '孙丽', '周杰'];
    const bytes = iconv.encode('姓名,手机号\r\n' + gbkNames.map((n, i) => `${n},1391234000${i}`).join('\r\n'), 'gbk');
    expect(countPieces(bytes).utf8).toBeGreaterThan(0);
    const ctx = fresh();
    const r = await dispatch('import.preview', upload(bytes), ctx);
    expect(r).toMatchObject({ ok: true, data: { encoding: 'gb18030', encodingDoubt: null } });
  });

  it('the command line shows both readings and takes --encoding utf-8|gb18030|mixed', () => {
    const ctx = fresh();
    const file = path.join(dirOf(ctx), 'mixed.csv');
    fs.writeFileSync(file, mixedFile());
    const db = path.join(dirOf(ctx), 'cli.db');
    const run = (...a: string[]) =>
      spawnSync(process.execPath, [CLI, 'import', 'customers', file, '--db', db, ...a], { encoding: 'utf8' });
    const auto = run();
    expect(auto.status).toBe(2);
    expect(auto.stderr).toContain('neither clean UTF-8 nor clean GB18030');
    expect(auto.stderr).toContain('UTF-8 "张三" | GB18030 "寮犱笁"');
    expect(auto.stderr).toContain('GB18030 "李四"');
    expect(run('--encoding', 'utf-8', '--dry-run').stderr).toContain('not text in the chosen encoding');
    const mixed = run('--encoding', 'mixed');
    expect(mixed.status).toBe(0);
    expect(mixed.stdout).toContain('Imported 4 customers rows');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, type Method } from '../../shared/api/contract';
import { cleanupAll, makeCtx, ok } from '../helpers/db';
import { runImport } from '../../main/services/import/run';
import { ImportOptions } from '../../shared/schemas/import';

afterEach(cleanupAll);

// eslint-disable-next-line no-control-regex -- what must never be stored
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
const HOSTILE = 'a\u0000b\u0007c\u001b[31md\u007fe\u0085f\ttab\r\nline\u0000';
const TEXT = '张三 👩‍👧 مرحبا \u202eRTL\u202c';

/** Every string inside a schema, with its path (through objects, arrays, records, optional, nullable, default, pipes). */
function stringsOf(schema: z.ZodType, path: string, out: [string, z.ZodType][] = []): [string, z.ZodType][] {
  const def = (schema as unknown as { def: Record<string, unknown> & { type: string } }).def;
  switch (def.type) {
    case 'string':
      out.push([path, schema]);
      break;
    case 'object':
      for (const [k, v] of Object.entries((schema as z.ZodObject).shape)) stringsOf(v as z.ZodType, `${path}.${k}`, out);
      break;
    case 'array':
      stringsOf(def.element as z.ZodType, `${path}[]`, out);
      break;
    case 'record':
      stringsOf(def.keyType as z.ZodType, `${path}{key}`, out);
      stringsOf(def.valueType as z.ZodType, `${path}{value}`, out);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
      stringsOf(def.innerType as z.ZodType, path, out);
      break;
    case 'pipe':
      // a string transformed (a phone normalised): check what comes out of the whole pipe
      if ((def.in as { def: { type: string } }).def.type === 'string') out.push([path, schema]);
      else stringsOf(def.in as z.ZodType, path, out);
      break;
    case 'union':
      (def.options as z.ZodType[]).forEach((o, i) => stringsOf(o, `${path}|${i}`, out));
      break;
  }
  return out;
}

/** The column headers of an import's mapping must match the file's own headers byte for byte. */
const EXEMPT = /^import\.(preview|start)\.map\{key\}$/;
const fields = (Object.keys(contract) as Method[])
  .flatMap((m) => stringsOf(contract[m].input as z.ZodType, m))
  .filter(([p]) => !EXEMPT.test(p));

describe('free text inputs', () => {
  it('finds the text fields of the contract', () => {
    const paths = fields.map(([p]) => p);
    expect(paths).toEqual(
      expect.arrayContaining(['customers.create.name', 'customers.create.notes', 'complaints.open.whatHappened']),
    );
  });

  it.each(fields)('%s never takes a control character, and keeps emoji, right-to-left text and Chinese', (_path, schema) => {
    const r = schema.safeParse(HOSTILE);
    if (r.success) expect(r.data).not.toMatch(CONTROL);
    const plain = schema.safeParse(TEXT);
    if (plain.success && schema.safeParse('plain words').success) expect(plain.data).toBe(TEXT);
  });

  it('names lose NUL and control characters; notes keep their line breaks', async () => {
    const { ctx } = makeCtx();
    const c = await ok<{ id: number }>(ctx, 'customers.create', {
      name: `王\u0000芳\u0007 👩‍👧\r\nمرحبا`,
      notes: 'first line\r\nsecond\u0000 line\u001b\nthird',
      tags: ['V\u0000IP'],
    });
    const row = ctx.db.prepare('SELECT name, notes FROM customers WHERE id = ?').get(c.id) as { name: string; notes: string };
    expect(row).toEqual({ name: '王芳 👩‍👧 مرحبا', notes: 'first line\nsecond line\nthird' });
    expect(ctx.db.prepare('SELECT name FROM tags').pluck().all()).toEqual(['VIP']);
    const complaint = await ok<{ whatHappened: string }>(ctx, 'complaints.open', {
      customerId: c.id,
      channel: 'phone',
      reason: 'service',
      severity: 'minor',
      whatHappened: 'waited\u0000\n20 minutes',
    });
    expect(complaint.whatHappened).toBe('waited\n20 minutes');
  });

  it('an imported file is cleaned the same way', async () => {
    const { ctx } = makeCtx();
    const csv =
      'name,phone,date,amount,note\r\n"赵\u0000敏\u0007",13912340000,2026-03-01,12.50,"paid\u0000 in cash\nthank you"\r\n';
    await runImport(
      ctx,
      new Uint8Array(Buffer.from(csv)),
      'pos.csv',
      ImportOptions.parse({ kind: 'sales', createCustomers: true }),
    );
    expect(ctx.db.prepare('SELECT name FROM customers').pluck().all()).toEqual(['赵敏']);
    expect(ctx.db.prepare('SELECT note FROM sales').pluck().all()).toEqual(['paid in cash\nthank you']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import path from 'node:path';
import { z } from 'zod';
import { contract, type Method } from '../../shared/api/contract';
import { ERROR_CODES, type Reply } from '../../shared/api/errors';
import { dispatch } from '../../main/api';
import { guardedCall } from '../../main/electron/ipc-guard';
import { APP_INDEX_URL } from '../../main/electron/app-protocol';
import { startServer, type RunningServer } from '../../main/server/server';
import { cleanupAll, makeCtx, type TestShop } from '../helpers/db';
import type { Ctx } from '../../main/ctx';

/**
 * Hostile input through every API method, by both transports: random JSON, and objects with the
 * method's own field names holding the wrong kinds of values. Whatever arrives, the process stays
 * up, the answer is a typed reply (never INTERNAL, which would be a crash caught at the seam), and
 * a refused call leaves every table as it was.
 */
const OURS = APP_INDEX_URL;
const METHODS = Object.keys(contract) as Method[];

/** Real calendar dates at and beyond the ends of the business date range (1900-01-01 to 2999-12-31). */
const EDGE_DATES = ['0001-01-01', '0099-12-31', '1899-12-31', '1900-01-01', '2999-12-31', '3000-01-01', '9999-12-31'];
/** Any real calendar date from year 0000 to 9999, as YYYY-MM-DD. */
const anyYearDate = fc
  .date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** Values of every awkward kind: the wrong types, edges, hostile text. */
const hostile = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    -0,
    1.5,
    2 ** 53,
    -(2 ** 31),
    1e308,
    '',
    ' ',
    '0',
    '-1',
    'null',
    '2026-02-30',
    '9999-99-99',
    ...EDGE_DATES,
    "'; DROP TABLE customers; --",
    '<script>alert(1)</script>',
    '\u0000\u0007\u001b[31m',
    '\u202e\u0645\u0631\u062d\u0628\u0627',
    '👩‍👩‍👧‍👦🧧',
    '../../etc/passwd',
    '__proto__',
    'x'.repeat(10_000),
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  anyYearDate,
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.anything({ maxDepth: 1 }), { maxKeys: 3 }),
);

/** The top level of the method's input schema (its fields), for payloads that look nearly right. */
function shapeOf(method: Method): Record<string, z.ZodType> {
  let schema: unknown = contract[method].input;
  for (let i = 0; i < 4 && schema; i++) {
    if (schema instanceof z.ZodObject) return schema.shape as Record<string, z.ZodType>;
    const def = (schema as { def?: { innerType?: unknown; in?: unknown; schema?: unknown } }).def;
    schema = def?.innerType ?? def?.in ?? def?.schema;
  }
  return {};
}
const fieldsOf = (method: Method): string[] => Object.keys(shapeOf(method));

const payloadFor = (method: Method) => {
  const fields = fieldsOf(method);
  const nearlyRight = fields.length
    ? fc.dictionary(fc.constantFrom(...fields), hostile, { maxKeys: fields.length })
    : fc.constant({});
  return fc.oneof(fc.anything({ maxDepth: 3 }), nearlyRight, nearlyRight);
};

function tableCounts(ctx: Ctx): Record<string, number> {
  const tables = ctx.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  return Object.fromEntries(tables.map((t) => [t, ctx.db.prepare(`SELECT COUNT(*) FROM "${t}"`).pluck().get() as number]));
}

function checkReply(method: string, payload: unknown, reply: Reply, before: Record<string, number>, ctx: Ctx) {
  expect(typeof reply.ok, `${method} answered ${JSON.stringify(reply)}`).toBe('boolean');
  if (reply.ok) return;
  expect(ERROR_CODES, `${method} ${JSON.stringify(payload)?.slice(0, 200)}`).toContain(reply.error.code);
  expect(reply.error.code, `${method} crashed on ${JSON.stringify(payload)?.slice(0, 300)}`).not.toBe('INTERNAL');
  expect(tableCounts(ctx), `${method} wrote although it refused`).toEqual(before);
}

let shop: TestShop;
let server: RunningServer;

beforeAll(async () => {
  shop = makeCtx();
  const demo = await dispatch('shop.loadDemo', { customers: 40, years: 1, seed: 5 }, shop.ctx);
  expect(demo.ok).toBe(true);
  server = await startServer({ ctx: shop.ctx, staticDir: path.resolve('dist/renderer'), port: 0 });
}, 60_000);

afterAll(async () => {
  await server.close();
  cleanupAll();
});

describe.each(METHODS)('%s', (method) => {
  it('takes any payload over IPC: a typed reply, and nothing written when refused', async () => {
    await fc.assert(
      fc.asyncProperty(payloadFor(method), async (payload) => {
        const before = tableCounts(shop.ctx);
        const reply = await guardedCall(shop.ctx, OURS, method, payload);
        checkReply(method, payload, reply, before, shop.ctx);
      }),
      { numRuns: 30, seed: 20261125 },
    );
  });

  it('takes any JSON body over HTTP the same way', async () => {
    await fc.assert(
      fc.asyncProperty(payloadFor(method), async (payload) => {
        const before = tableCounts(shop.ctx);
        const res = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
          body: JSON.stringify(payload) ?? 'null',
        });
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        checkReply(method, payload, (await res.json()) as Reply, before, shop.ctx);
      }),
      { numRuns: 10, seed: 20261125 },
    );
  });
});

it('after all of it the database is intact', () => {
  expect(shop.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(shop.ctx.db.pragma('foreign_key_check')).toEqual([]);
});

it('a message from a page other than ours, or naming no method, is refused before any check', async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.webUrl(), fc.constant(undefined), fc.string()), fc.anything(), async (url, method) => {
      const r1 = await guardedCall(shop.ctx, url, 'customers.create', { name: 'x' });
      expect(r1).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      if (typeof method === 'string' && method in contract) return;
      const r2 = await guardedCall(shop.ctx, OURS, method, {});
      expect(r2).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }),
    { numRuns: 100 },
  );
});

it('every method over HTTP without the token, with a wrong one, from a foreign Origin: refused, nothing written', async () => {
  const before = tableCounts(shop.ctx);
  for (const method of METHODS)
    for (const [headers, status] of [
      [{}, 401],
      [{ authorization: 'Bearer wrong-token-wrong-token-wrong-00' }, 401],
      [{ authorization: `Bearer ${server.token}`, origin: 'http://evil.example' }, 403],
    ] as const) {
      const res = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{}',
      });
      expect(res.status, `${method} ${JSON.stringify(headers)}`).toBe(status);
      expect(((await res.json()) as Reply).ok).toBe(false);
    }
  expect(tableCounts(shop.ctx)).toEqual(before);
});

/**
 * Every field that takes a business date (found by what its schema accepts), in every method: a
 * date outside 1900-01-01..2999-12-31 is refused as VALIDATION on that field, and the first and last
 * day of the range are answered (never INTERNAL). The payload carries just enough beside the date
 * for the handler to run where it can.
 */
describe('business dates at the ends of the range', () => {
  const BASE: Partial<Record<Method, Record<string, unknown>>> = {
    'customers.create': { name: 'Edge date' },
    'priceChanges.create': { note: 'edge' },
  };
  const dateFields = METHODS.flatMap((method) =>
    Object.entries(shapeOf(method))
      .filter(([, f]) => f.safeParse('2026-03-10').success && !f.safeParse('2026-02-30').success && !f.safeParse('x').success)
      .map(([field]) => [method, field] as const),
  );

  it('finds the date fields', () => {
    expect(dateFields.map(([m, f]) => `${m}.${f}`)).toEqual(
      expect.arrayContaining(['insights.overview.asOf', 'lapsed.list.asOf', 'today.list.asOf', 'priceChanges.create.changedOn']),
    );
  });

  it.each(dateFields)('%s %s', async (method, field) => {
    for (const date of EDGE_DATES) {
      const payload = { ...BASE[method], [field]: date };
      const reply = await dispatch(method, payload, shop.ctx);
      const inRange = date >= '1900-01-01' && date <= '2999-12-31';
      if (reply.ok) {
        expect(inRange, `${method} took ${date}`).toBe(true);
        continue;
      }
      expect(reply.error.code, `${method} ${date}`).not.toBe('INTERNAL');
      if (!inRange) {
        expect(reply.error.code, `${method} ${date}`).toBe('VALIDATION');
        expect(reply.error.issues, `${method} ${date}`).toContainEqual({ path: [field], message: 'date_out_of_range' });
      }
    }
  });
});

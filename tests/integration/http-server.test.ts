import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, closeApp } from '../../main/app';
import type { Ctx } from '../../main/ctx';
import { startServer, type RunningServer } from '../../main/server/server';

let ctx: Ctx;
let server: RunningServer;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-http-'));
const staticDir = path.join(dir, 'renderer');

beforeAll(async () => {
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  fs.writeFileSync(path.join(staticDir, 'a.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'TOP-SECRET');
  ctx = openApp({ dbPath: path.join(dir, 'shop.db') });
  server = await startServer({ ctx, staticDir, port: 0 });
});
afterAll(async () => {
  await server.close();
  closeApp(ctx);
  fs.rmSync(dir, { recursive: true, force: true });
});

function request(opts: {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        agent: false,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: { host: `127.0.0.1:${server.port}`, ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    // The server answers 413 and closes mid-upload; the client may see that as a reset instead.
    req.on('error', (e) => (/ECONNRESET|EPIPE/.test(String(e)) ? resolve({ status: -1, headers: {}, body: '' }) : reject(e)));
    if (opts.body) req.write(opts.body);
    req.end();
  });
}
const api = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  request({
    method: 'POST',
    path: `/api/${method}`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}`, ...headers },
    body: JSON.stringify(body),
  });
const customers = () => (ctx.db.prepare('SELECT COUNT(*) AS n FROM customers').get() as { n: number }).n;

describe('browser mode over HTTP', () => {
  it('binds 127.0.0.1 only and prints a tokenised address', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('serves the renderer with a strict CSP', async () => {
    const r = await request({ path: '/' });
    expect(r.status).toBe(200);
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
    expect((await request({ path: '/a.js' })).body).toContain('console.log');
  });

  it('answers API calls that carry the token', async () => {
    const r = await api('shop.status', {});
    expect(JSON.parse(r.body)).toMatchObject({ ok: true });
  });

  it.each([
    ['no token', { authorization: '' }, 401],
    ['a wrong token', { authorization: 'Bearer wrong-token-wrong-token-wrong' }, 401],
    ['a foreign Host (DNS rebinding)', { host: 'evil.example:80' }, 403],
    ['a cross-site Origin', { origin: 'http://evil.example' }, 403],
  ])('refuses a call with %s and changes nothing', async (_label, headers, status) => {
    const before = customers();
    const r = await api('customers.create', { name: '入侵者' }, headers);
    expect(r.status).toBe(status);
    expect(customers()).toBe(before);
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2fsecret.txt', '/..\\secret.txt', '/.hidden'])(
    'does not serve %s',
    async (p) => {
      const r = await request({ path: p });
      expect(r.status).toBe(404);
      expect(r.body).not.toContain('TOP-SECRET');
    },
  );

  it('refuses oversized bodies, bad JSON and the wrong verb', async () => {
    const big = await request({
      method: 'POST',
      path: '/api/customers.create',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
      body: Buffer.alloc(2 * 1024 * 1024, 0x20),
    });
    expect([413, -1]).toContain(big.status);
    expect(customers()).toBe(0);
    const bad = await request({
      method: 'POST',
      path: '/api/customers.create',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
      body: '{"name":',
    });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await request({ path: '/api/shop.status' })).status).toBe(405);
  });
});

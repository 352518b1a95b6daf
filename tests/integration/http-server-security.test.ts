import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../../main/server/server';
import type { Ctx } from '../../main/ctx';
import { cleanupAll, counts, makeCtx } from '../helpers/db';

/**
 * Browser mode over real HTTP: one fresh shop and server per test. The renderer folder is a temp
 * `renderer/` holding index.html and a.js; a package.json with a marker sits one level above it,
 * where a path traversal would find it.
 */
const SECRET = 'SECRET-MARKER-7f3a';
let ctx: Ctx;
let server: RunningServer;

beforeEach(async () => {
  const shop = makeCtx();
  ctx = shop.ctx;
  const staticDir = path.join(shop.dir, 'renderer');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Regulars</title><p>INDEX-PAGE</p>');
  fs.writeFileSync(path.join(staticDir, 'a.js'), 'console.log("A-SCRIPT")');
  fs.writeFileSync(path.join(shop.dir, 'package.json'), JSON.stringify({ name: SECRET }));
  server = await startServer({ ctx, staticDir, port: 0 });
});
afterEach(async () => {
  await server.close();
  cleanupAll();
});

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request: any Host header, any path as written (no URL normalisation by the client). */
function request(opts: {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}): Promise<Res> {
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
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const api = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  request({
    method: 'POST',
    path: `/api/${method}`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}`, ...headers },
    body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
  });

describe('browser mode', () => {
  it('listens on 127.0.0.1 only and prints a tokenised address', () => {
    const url = new URL(server.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(Number(url.port)).toBe(server.port);
    expect(server.port).toBeGreaterThan(0);
    expect(url.searchParams.get('token')).toBe(server.token);
    expect(server.token.length).toBeGreaterThanOrEqual(20);
  });

  it('serves index.html at / with a Content-Security-Policy, and the scripts beside it', async () => {
    const r = await request({ path: '/' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.body).toContain('INDEX-PAGE');
    const csp = r.headers['content-security-policy'];
    expect(csp).toBeTruthy();
    expect(csp).toMatch(/default-src/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    const js = await request({ path: '/a.js' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.body).toContain('A-SCRIPT');
    expect((await request({ path: '/missing.js' })).status).toBe(404);
  });

  it('answers an API call that carries the token', async () => {
    const r = await api('shop.status', {});
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, data: { customers: 0, sales: 0 } });
  });

  it.each([
    ['no token', { authorization: '' }],
    ['a wrong token', { authorization: 'Bearer not-the-token-not-the-token-0' }],
    ['the token without Bearer', {}],
    ['a token in another case', {}],
  ])('refuses a call with %s (401) and writes nothing', async (label, headers) => {
    const h: Record<string, string> = { ...headers };
    if (label === 'the token without Bearer') h.authorization = server.token;
    if (label === 'a token in another case')
      h.authorization = `Bearer ${server.token.toUpperCase() === server.token ? server.token.toLowerCase() : server.token.toUpperCase()}`;
    const before = counts(ctx);
    const status = await api('shop.status', {}, h);
    expect(status.status).toBe(401);
    expect(JSON.parse(status.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const create = await api('customers.create', { name: '入侵者', phone: '13912345678' }, h);
    expect(create.status).toBe(401);
    expect(counts(ctx)).toEqual(before);
  });

  it('refuses a request with no Authorization header at all', async () => {
    const r = await request({
      method: 'POST',
      path: '/api/customers.create',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x' }),
    });
    expect(r.status).toBe(401);
    expect(counts(ctx).customers).toBe(0);
  });

  it.each([
    ['a foreign Host (DNS rebinding)', (port: number) => ({ host: `evil.example:${port}` })],
    ['a foreign Host without port', () => ({ host: 'evil.example' })],
    ['our host on another port', (port: number) => ({ host: `127.0.0.1:${port + 1}` })],
    ['a cross-site Origin', () => ({ origin: 'http://evil.example' })],
    ['a look-alike Origin', (port: number) => ({ origin: `http://127.0.0.1:${port}.evil.example` })],
    ['a null Origin', () => ({ origin: 'null' })],
  ])('refuses %s with 403 even with the token, and writes nothing', async (_label, headersFor) => {
    const before = counts(ctx);
    const r = await api('customers.create', { name: '入侵者' }, headersFor(server.port));
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(counts(ctx)).toEqual(before);
    // Static files are refused to a foreign Host too.
    const page = await request({ path: '/', headers: headersFor(server.port) });
    expect(page.status).toBe(403);
    expect(page.body).not.toContain('INDEX-PAGE');
  });

  it('accepts its own Origin and localhost as Host', async () => {
    const own = await api('shop.status', {}, { origin: `http://127.0.0.1:${server.port}` });
    expect(JSON.parse(own.body)).toMatchObject({ ok: true });
    const local = await api('shop.status', {}, { host: `localhost:${server.port}` });
    expect(JSON.parse(local.body)).toMatchObject({ ok: true });
  });

  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/..%2fpackage.json',
    '/%2e%2e%2fpackage.json',
    '/%2E%2E%2Fpackage.json',
    '/a/../../package.json',
    '/..%5cpackage.json',
    '/%2e%2e%5cpackage.json',
    '/..\\package.json',
    '//../package.json',
  ])('does not serve %s outside the renderer folder', async (p) => {
    const r = await request({ path: p });
    expect(r.status).toBe(404);
    expect(r.body).not.toContain(SECRET);
  });

  it('refuses a body over 1 MiB to a normal method with 413 and writes nothing', async () => {
    const big = JSON.stringify({ name: 'x', notes: 'y'.repeat(1024 * 1024 + 10) });
    let r: Res | null = null;
    try {
      r = await api('customers.create', big);
    } catch (e) {
      // The server may close the connection while the client is still sending.
      expect(String(e)).toMatch(/ECONNRESET|EPIPE/);
    }
    if (r) {
      expect(r.status).toBe(413);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false });
    }
    expect(counts(ctx)).toEqual({ customers: 0, sales: 0, audit_log: 0, consents: 0, consent_events: 0, tags: 0 });
    // The server keeps working afterwards.
    expect(JSON.parse((await api('shop.status', {})).body)).toMatchObject({ ok: true });
  });

  it('answers 413 (not a reset) to a body just over 1 MiB sent in one piece', async () => {
    const r = await api('shop.status', ' '.repeat(1024 * 1024 + 1));
    expect(r.status).toBe(413);
  });

  it('answers invalid JSON with ok:false VALIDATION', async () => {
    for (const body of ['{"name":', 'not json', '{"name": "x",}']) {
      const r = await api('customers.create', body);
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(counts(ctx).customers).toBe(0);
  });

  it('answers an unknown method with UNKNOWN_METHOD and a valid create over HTTP works', async () => {
    expect(JSON.parse((await api('customers.drop', {})).body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const r = JSON.parse((await api('customers.create', { name: '张三', phone: '139 1234 5678' })).body);
    expect(r).toMatchObject({ ok: true, data: { name: '张三', phone: '+8613912345678' } });
    expect(counts(ctx).customers).toBe(1);
  });

  it.each(['GET', 'PUT', 'DELETE'])('refuses %s on the API with 405', async (method) => {
    const r = await request({ method, path: '/api/shop.status', headers: { authorization: `Bearer ${server.token}` } });
    expect(r.status).toBe(405);
  });

  it('refuses a POST to a static path', async () => {
    expect((await request({ method: 'POST', path: '/index.html', body: '' })).status).toBe(405);
  });
});

describe('browser mode: where it listens and what it refuses to crash on', () => {
  /** Tries a TCP connection; resolves with the error code, or 'connected'. */
  const connect = (host: string, port: number) =>
    new Promise<string>((resolve) => {
      const req = http.request({ host, port, path: '/', agent: false, timeout: 2000 }, (res) => {
        res.resume();
        resolve('connected');
      });
      req.on('timeout', () => {
        req.destroy();
        resolve('timeout');
      });
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? String(e)));
      req.end();
    });

  it('is bound to 127.0.0.1 itself, not to every interface', async () => {
    expect(await connect('127.0.0.1', server.port)).toBe('connected');
    // Another loopback address reaches the same machine but not a socket bound to 127.0.0.1 only.
    expect(await connect('127.0.0.2', server.port)).not.toBe('connected');
    expect(await connect('::1', server.port)).not.toBe('connected');
    const lan = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (lan) expect(await connect(lan.address, server.port)).not.toBe('connected');
  });

  it.each(['/api/', '/api/shop.status', '/api/customers.create'])('answers GET %s with 405 and writes nothing', async (p) => {
    const before = counts(ctx);
    const r = await request({ path: `${p}?name=x`, headers: { authorization: `Bearer ${server.token}` } });
    expect(r.status).toBe(405);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false });
    expect(counts(ctx)).toEqual(before);
  });

  it.each(['/.git/config', '/%2egit/config', '/.env', '/sub/.env'])('does not serve the hidden file %s', async (p) => {
    const staticDir = path.join(path.dirname(ctx.dbPath), 'renderer');
    fs.mkdirSync(path.join(staticDir, '.git'), { recursive: true });
    fs.mkdirSync(path.join(staticDir, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(staticDir, '.git', 'config'), 'HIDDEN-GIT');
    fs.writeFileSync(path.join(staticDir, '.env'), 'HIDDEN-ENV');
    fs.writeFileSync(path.join(staticDir, 'sub', '.env'), 'HIDDEN-ENV');
    const r = await request({ path: p });
    expect(r.status).toBe(404);
    expect(r.body).not.toContain('HIDDEN');
  });

  it('answers a malformed percent-encoded method name with an error reply and keeps running', async () => {
    // An authorised client with a broken URL must get an answer, not hang or bring the server down.
    const r = await new Promise<Res>((resolve) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          agent: false,
          method: 'POST',
          path: '/api/%E0%A4%A',
          timeout: 2000,
          headers: {
            host: `127.0.0.1:${server.port}`,
            'content-type': 'application/json',
            authorization: `Bearer ${server.token}`,
          },
        },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      // Destroying the socket on timeout also lets afterEach close the server.
      req.on('timeout', () => req.destroy(new Error('no answer within 2 s')));
      req.on('error', (e) => resolve({ status: 0, headers: {}, body: String(e) }));
      req.end('{}');
    });
    expect(r.status, r.body).toBeGreaterThanOrEqual(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false });
    expect(JSON.parse((await api('shop.status', {})).body)).toMatchObject({ ok: true });
  });

  it('answers a body of several MiB with 413, not a dropped connection, and writes nothing', async () => {
    const r = await api('customers.create', Buffer.alloc(5 * 1024 * 1024, 0x20));
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(counts(ctx).customers).toBe(0);
  });
});

import http from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fail, type Reply } from '../../shared/api/errors';
import { dispatch } from '../api';
import type { Ctx } from '../ctx';
import { cspFor } from '../security/csp';
import { contentTypeOf } from '../security/content-types';

export const MAX_BODY_BYTES = 1024 * 1024;
/** File uploads (imports) may be larger; every other call stays under MAX_BODY_BYTES. */
export const MAX_UPLOAD_BODY_BYTES = 160 * 1024 * 1024;
const UPLOAD_METHODS = new Set(['import.preview', 'import.start']);

/** A transport's one way into the core: the pool's dispatch (main/core/pool.ts), or in-process for tests. */
export type Caller = (method: string, input: unknown) => Promise<Reply>;

export interface ServerOptions {
  /** the core behind the API: the worker pool's dispatch */
  call?: Caller;
  /** or an in-process context (tests of the HTTP layer alone) */
  ctx?: Ctx;
  /** folder of the built renderer (dist/renderer) */
  staticDir: string;
  port?: number;
  /** a fixed token (tests); otherwise a random one per launch */
  token?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * Browser mode: the built renderer and the same API over HTTP, bound to 127.0.0.1 only.
 * Every API call needs the per-launch bearer token; the Host header must name 127.0.0.1/localhost
 * on our port (DNS rebinding) and an Origin, when sent, must be ours (cross-site requests).
 */
export function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const tokenBuf = Buffer.from(token);
  const root = path.resolve(opts.staticDir);
  const ctx = opts.ctx;
  const call: Caller =
    opts.call ?? (ctx ? (method, input) => dispatch(method, input, ctx) : () => Promise.resolve(fail('INTERNAL')));
  let port = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const server = http.createServer((req, res) => {
    const send = (
      status: number,
      body: string | Buffer,
      type = 'application/json; charset=utf-8',
      extra: Record<string, string> = {},
    ) => {
      res.writeHead(status, {
        'Content-Type': type,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-store',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Resource-Policy': 'same-origin',
        ...extra,
      });
      res.end(body);
    };
    const reply = (status: number, r: Reply) => send(status, JSON.stringify(r));

    // Host names are case-insensitive (RFC 9110); the port must match exactly.
    if (!allowedHosts().has((req.headers.host ?? '').toLowerCase())) return reply(403, fail('FORBIDDEN'));
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin.toLowerCase())) return reply(403, fail('FORBIDDEN'));
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return reply(405, fail('FORBIDDEN'));
      const auth = req.headers.authorization ?? '';
      const given = Buffer.from(auth.startsWith('Bearer ') ? auth.slice(7) : '');
      if (given.length !== tokenBuf.length || !timingSafeEqual(given, tokenBuf)) return reply(401, fail('UNAUTHORIZED'));
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return reply(415, fail('VALIDATION'));
      let method: string;
      try {
        method = decodeURIComponent(url.pathname.slice('/api/'.length));
      } catch {
        return reply(400, fail('VALIDATION', [{ path: [], message: 'invalid_method' }]));
      }
      const chunks: Buffer[] = [];
      const limit = UPLOAD_METHODS.has(method) ? MAX_UPLOAD_BODY_BYTES : MAX_BODY_BYTES;
      let size = 0;
      let aborted = false;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > limit && !aborted) {
          aborted = true;
          reply(413, fail('VALIDATION'));
          req.destroy();
          return;
        }
        chunks.push(c);
      });
      req.on('end', () => {
        if (aborted) return;
        let input: unknown;
        try {
          const text = Buffer.concat(chunks).toString('utf8');
          input = text ? JSON.parse(text) : {};
        } catch {
          return reply(200, fail('VALIDATION', [{ path: [], message: 'invalid_json' }]));
        }
        void call(method, input).then((r) => reply(200, r));
      });
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method not allowed', 'text/plain');
    // Static files: resolve inside the renderer folder only (no traversal, no dotfiles).
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return send(400, 'Bad request', 'text/plain');
    }
    if (rel.includes('\0')) return send(400, 'Bad request', 'text/plain');
    if (rel === '/' || rel === '') rel = '/index.html';
    const file = path.resolve(root, '.' + path.posix.normalize(rel));
    const hidden = path
      .relative(root, file)
      .split(path.sep)
      .some((part) => part.startsWith('.'));
    if (!file.startsWith(root + path.sep) || hidden) return send(404, 'Not found', 'text/plain');
    fs.readFile(file, (err, data) => {
      if (err) return send(404, 'Not found', 'text/plain');
      const type = contentTypeOf(file);
      const extra: Record<string, string> = type.startsWith('text/html')
        ? { 'Content-Security-Policy': cspFor('browser'), 'X-Frame-Options': 'DENY' }
        : { 'Cache-Control': 'no-cache' };
      send(200, data, type, extra);
    });
  });

  // The server must not close an idle keep-alive connection at the moment a client reuses it (its
  // call would die with ECONNRESET): clients close idle connections well within this, and a timer
  // held up by a busy thread fires late, into a connection that is already carrying a request.
  server.keepAliveTimeout = 30_000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}/?token=${token}`,
        port,
        token,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

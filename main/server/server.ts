import http from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { fail, type Reply } from '../../shared/api/errors';
import { dispatch } from '../api';
import type { Ctx } from '../ctx';
import { createHandler } from './handler';

export { MAX_BODY_BYTES, MAX_UPLOAD_BODY_BYTES } from './handler';

/** A transport's one way into the core: the pool's dispatch (main/core/pool.ts), or in-process for tests. */
export type Caller = (method: string, input: unknown) => Promise<Reply>;

export interface ServerOptions {
  /** the core behind the API: the worker pool's dispatch (or the sharing host's, which relays to it) */
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
 * Sharing with other devices is a second listener (main/share/listener.ts), never this one.
 */
export function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const tokenBuf = Buffer.from(token);
  const ctx = opts.ctx;
  const call: Caller =
    opts.call ?? (ctx ? (method, input) => dispatch(method, input, ctx) : () => Promise.resolve(fail('INTERNAL')));
  let port = 0;

  const server = http.createServer(
    createHandler({
      staticDir: opts.staticDir,
      hosts: () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]),
      origins: () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]),
      gate: (_method, req) => {
        const auth = req.headers.authorization ?? '';
        const given = Buffer.from(auth.startsWith('Bearer ') ? auth.slice(7) : '');
        if (given.length !== tokenBuf.length || !timingSafeEqual(given, tokenBuf))
          return { status: 401, reply: fail('UNAUTHORIZED') };
        return null;
      },
      api: async (method, input) => ({ status: 200, reply: await call(method, input) }),
    }),
  );

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

import type { IncomingMessage, ServerResponse } from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fail, type Reply } from '../../shared/api/errors';
import { cspFor } from '../security/csp';
import { contentTypeOf } from '../security/content-types';
import { replyText } from '../core/encoded-reply';

export const MAX_BODY_BYTES = 1024 * 1024;
/** File uploads (imports) may be larger; every other call stays under MAX_BODY_BYTES. */
export const MAX_UPLOAD_BODY_BYTES = 160 * 1024 * 1024;
const UPLOAD_METHODS = new Set(['import.preview', 'import.start']);

/**
 * A request body as it arrives, up to `limit` bytes (`add` answers false past it). A body whose
 * length is announced (an upload's Content-Length) is copied into one buffer of its own chunk by
 * chunk: no copy of the whole at the end, which for 40 MB held the relaying thread 165 ms, and a
 * buffer the lane can be handed without another copy.
 */
function gather(announced: number, limit: number): { add(c: Buffer): boolean; bytes(): Buffer } {
  let whole = Number.isSafeInteger(announced) && announced > 0 && announced <= limit ? Buffer.allocUnsafeSlow(announced) : null;
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    add(c) {
      if (size + c.length > limit) return false;
      if (whole && size + c.length <= whole.length) c.copy(whole, size);
      else {
        // more than announced: gathered as any other body
        if (whole) chunks.push(whole.subarray(0, size));
        whole = null;
        chunks.push(c);
      }
      size += c.length;
      return true;
    },
    bytes: () => (whole ? (size === whole.length ? whole : whole.subarray(0, size)) : Buffer.concat(chunks)),
  };
}

/** What an API call is answered with: the HTTP status, the usual reply, and any extra headers (a cookie). */
export interface ApiAnswer {
  status: number;
  reply: Reply;
  headers?: Record<string, string>;
}

export interface HandlerOptions {
  /** folder of the built renderer (dist/renderer) */
  staticDir: string;
  /** the Host headers (lower case, with port) and Origins this listener answers */
  hosts(): Set<string>;
  origins(): Set<string>;
  /** decides before the body is read whether the caller may call at all (null: go on) */
  gate(method: string, req: IncomingMessage): ApiAnswer | null;
  api(method: string, input: unknown, req: IncomingMessage): Promise<ApiAnswer>;
}

/**
 * One request handler for both listeners (main/server/server.ts on 127.0.0.1, the shared HTTPS
 * address in main/share/listener.ts): the built renderer and `POST /api/<method>` with JSON. The
 * Host header must name this listener (DNS rebinding) and an Origin, when sent, must be ours
 * (cross-site requests); who may call what is the caller's `gate` and `api`.
 */
export function createHandler(opts: HandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const root = path.resolve(opts.staticDir);
  return (req, res) => {
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
    const answer = (a: ApiAnswer) => send(a.status, replyText(a.reply), undefined, a.headers);
    const reply = (status: number, r: Reply) => answer({ status, reply: r });

    // Host names are case-insensitive (RFC 9110); the port must match exactly.
    if (!opts.hosts().has((req.headers.host ?? '').toLowerCase())) return reply(403, fail('FORBIDDEN'));
    const origin = req.headers.origin;
    if (origin !== undefined && !opts.origins().has(origin.toLowerCase())) return reply(403, fail('FORBIDDEN'));
    const url = new URL(req.url ?? '/', 'http://localhost');

    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return reply(405, fail('FORBIDDEN'));
      let method: string | null;
      try {
        method = decodeURIComponent(url.pathname.slice('/api/'.length));
      } catch {
        method = null;
      }
      const refused = opts.gate(method ?? '', req);
      if (refused) return answer(refused);
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return reply(415, fail('VALIDATION'));
      if (method === null) return reply(400, fail('VALIDATION', [{ path: [], message: 'invalid_method' }]));
      const called = method;
      const upload = UPLOAD_METHODS.has(called);
      const limit = upload ? MAX_UPLOAD_BODY_BYTES : MAX_BODY_BYTES;
      const body = gather(upload ? Number(req.headers['content-length']) : NaN, limit);
      let aborted = false;
      req.on('data', (c: Buffer) => {
        if (aborted) return;
        if (!body.add(c)) {
          aborted = true;
          reply(413, fail('VALIDATION'));
          req.destroy();
        }
      });
      req.on('end', () => {
        if (aborted) return;
        let input: unknown;
        // An upload's body goes on unread: the lane that runs the call parses it (main/core/json-input.ts).
        if (upload) input = body.bytes();
        else
          try {
            const text = body.bytes().toString('utf8');
            input = text ? JSON.parse(text) : {};
          } catch {
            return reply(200, fail('VALIDATION', [{ path: [], message: 'invalid_json' }]));
          }
        void opts.api(called, input, req).then(answer, () => reply(200, fail('INTERNAL')));
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
  };
}

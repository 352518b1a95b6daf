import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { guardedCall, isOurRenderer } from '../../main/electron/ipc-guard';
import { APP_INDEX_URL, isAppUrl } from '../../main/electron/app-protocol';
import { closeApp, openApp } from '../../main/app';
import { CSP, cspFor, cspMeta } from '../../main/security/csp';

const ROOT = path.resolve(__dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-guard-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// The page is served from app://regulars/ (main/electron/app-protocol.ts), never from file://.
const ours = APP_INDEX_URL;
// The same page spelled with an escape that needs none.
const respelled = ours.replace('index.html', '%69ndex.html');
const RENDERER = path.join(dir, '回头客 Regulars', 'resources', 'app.asar', 'dist', 'renderer');

describe('sender check', () => {
  it.each([
    ['our page', ours, true],
    ['our page at a route', `${ours}#/customers/12`, true],
    ['our page with a query', `${ours}?lang=en#/counter`, true],
    ['our page, respelled', respelled, true],
    ["our origin's root (index.html)", 'app://regulars/', true],
    ['our page as a file:// URL, as the app used to load it', pathToFileURL(path.join(RENDERER, 'index.html')).href, false],
    ['a sibling file', 'app://regulars/other.html', false],
    ['a look-alike name', `${ours}.html`, false],
    ['another host on our scheme', 'app://evil/index.html', false],
    ['credentials in the URL', 'app://x@regulars/index.html', false],
    ['an encoded slash', 'app://regulars/assets%2F..%2Findex.html', false],
    ['a backslash', 'app://regulars/assets\\index.html', false],
    ['loopback http', 'http://127.0.0.1:3000/index.html', false],
    ['a web page', 'https://evil.example/index.html', false],
    ['devtools', 'devtools://devtools/bundled/inspector.html', false],
    ['about:blank', 'about:blank', false],
    ['a data URL', 'data:text/html,<script>1</script>', false],
    ['javascript:', 'javascript:alert(1)', false],
    ['an empty URL', '', false],
    ['no URL', undefined, false],
    ['not a URL', 'not a url', false],
    ['a malformed escape', ours.replace('index.html', 'index%E0%A4%A.html'), false],
  ])('%s: %s', (_label, url, accepted) => {
    expect(isOurRenderer(url)).toBe(accepted);
  });
});

describe('requests the window may make', () => {
  it.each([
    [ours, true],
    ['app://regulars/assets/index-3f2a.js', true],
    ['file:///etc/passwd', false],
    [pathToFileURL(path.join(RENDERER, 'index.html')).href, false],
    ['app://elsewhere/x.js', false],
    ['https://cdn.example/app.js', false],
  ])('%s: %s', (url, allowed) => {
    expect(isAppUrl(url)).toBe(allowed);
  });
});

describe('guarded IPC call', () => {
  it('refuses foreign senders and unknown methods, validates input, and answers our page', async () => {
    const ctx = openApp({ dbPath: path.join(dir, 'guard.db') });
    const customers = () => (ctx.db.prepare('SELECT COUNT(*) AS n FROM customers').get() as { n: number }).n;
    try {
      for (const sender of ['https://evil.example/', 'about:blank', 'devtools://devtools/x', undefined]) {
        expect(await guardedCall(ctx, sender, 'customers.create', { name: 'Mallory' })).toEqual({
          ok: false,
          error: { code: 'FORBIDDEN' },
        });
      }
      // Prototype keys are not methods, and neither is anything that is not a string.
      for (const method of ['db.drop', '__proto__', 'constructor', 'toString', '', 42, null, { m: 'shop.status' }]) {
        expect(await guardedCall(ctx, ours, method, {})).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
      }
      for (const input of [{ name: '' }, 'Alice', [], { name: 'Alice', isAdmin: true }]) {
        expect(await guardedCall(ctx, ours, 'customers.create', input)).toMatchObject({
          ok: false,
          error: { code: 'VALIDATION' },
        });
      }
      expect(customers()).toBe(0);

      expect(await guardedCall(ctx, `${ours}#/counter`, 'shop.status', {})).toMatchObject({
        ok: true,
        data: { customers: 0 },
      });
      expect(await guardedCall(ctx, respelled, 'customers.create', { name: 'Alice' })).toMatchObject({
        ok: true,
        data: { name: 'Alice' },
      });
      expect(customers()).toBe(1);
    } finally {
      closeApp(ctx);
    }
  });
});

describe('content security policy', () => {
  const directives = (csp: string) =>
    new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v.join(' ')]),
    );

  it.each(['electron', 'browser'] as const)('%s: only our own files, no inline script, no remote origin, no framing', (mode) => {
    const d = directives(cspFor(mode));
    expect(d.get('default-src')).toBe("'none'");
    expect(d.get('script-src')).toBe("'self'");
    expect(d.get('style-src')).toBe("'self'");
    expect(d.get('img-src')).toBe("'self' data:");
    expect(d.get('object-src')).toBe("'none'");
    expect(d.get('base-uri')).toBe("'none'");
    expect(d.get('form-action')).toBe("'none'");
    expect(d.get('frame-ancestors')).toBe("'none'");
    expect(cspFor(mode)).not.toMatch(/unsafe-|https?:|ws:|\*/);
  });

  it('lets only browser mode reach its own origin (the HTTP API); Electron talks over IPC', () => {
    expect(directives(cspFor('browser')).get('connect-src')).toBe("'self'");
    expect(directives(cspFor('electron')).get('connect-src')).toBe("'none'");
    expect(CSP).toBe(cspFor('electron'));
  });

  it("is what renderer/index.html's meta tag carries (minus frame-ancestors, which meta ignores)", () => {
    const html = fs.readFileSync(path.join(ROOT, 'renderer/index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
    expect(meta?.[1]).toBeDefined();
    expect(directives(meta![1]!)).toEqual(directives(cspMeta()));
    expect(cspMeta()).not.toContain('frame-ancestors');
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP_INDEX_URL, APP_SCHEME_PRIVILEGES, resolveAppPath, serveAppUrl } from '../../main/electron/app-protocol';
import { CSP } from '../../main/security/csp';

/**
 * Issue 14 item 17: the Electron window loads the renderer from app://regulars/ (protocol.handle)
 * instead of file://. The handler's path resolution is plain Node, tested here: only files of the
 * built renderer, never a path outside it, with the strict CSP on every response.
 */
const ROOT = path.resolve(__dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-protocol-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
// An installed app's layout: a space and Chinese characters in the path.
const RENDERER = path.join(dir, '回头客 Regulars', 'resources', 'app.asar', 'dist', 'renderer');
fs.mkdirSync(path.join(RENDERER, 'assets'), { recursive: true });
fs.writeFileSync(path.join(RENDERER, 'index.html'), '<!doctype html><title>Regulars</title>');
fs.writeFileSync(path.join(RENDERER, 'assets', 'index-3f2a.js'), 'console.log(1)');
fs.writeFileSync(path.join(RENDERER, '.env'), 'SECRET=1');
fs.writeFileSync(path.join(dir, '回头客 Regulars', 'regulars.db'), 'the shop');
fs.writeFileSync(path.join(RENDERER, '..', 'renderer-evil.js'), 'evil');

describe('app:// path resolution', () => {
  it.each([
    [APP_INDEX_URL, 'index.html'],
    ['app://regulars/', 'index.html'],
    ['app://regulars', 'index.html'],
    [`${APP_INDEX_URL}?lang=zh-CN#/customers/12`, 'index.html'],
    ['app://regulars/assets/index-3f2a.js', 'assets/index-3f2a.js'],
    ['app://regulars/%61ssets/index-3f2a.js', 'assets/index-3f2a.js'],
  ])('%s is %s in the renderer folder', (url, rel) => {
    expect(resolveAppPath(url, RENDERER)).toBe(path.join(RENDERER, ...rel.split('/')));
  });

  it.each([
    ['parent folder', 'app://regulars/../regulars.db'],
    ['parent of the parent', 'app://regulars/../../../regulars.db'],
    ['parent inside a path', 'app://regulars/assets/../../regulars.db'],
    ['encoded dots', 'app://regulars/%2e%2e/%2e%2e/regulars.db'],
    ['encoded dots, upper case', 'app://regulars/%2E%2E/regulars.db'],
    ['encoded slash', 'app://regulars/..%2f..%2fregulars.db'],
    ['encoded backslash', 'app://regulars/..%5c..%5cregulars.db'],
    ['backslash', 'app://regulars/..\\..\\regulars.db'],
    ['NUL', 'app://regulars/index.html%00.js'],
    ['a sibling folder with the same prefix', 'app://regulars/../renderer-evil.js'],
    ['a dot-file', 'app://regulars/.env'],
    ['an absolute path', 'app://regulars//etc/passwd'],
    ['another host', 'app://evil/index.html'],
    ['credentials', 'app://user:pw@regulars/index.html'],
    ['file://', 'file:///etc/passwd'],
    ['http', 'http://regulars/index.html'],
    ['a malformed escape', 'app://regulars/index%E0%A4%A.html'],
    ['not a URL', 'regulars/index.html'],
  ])('%s is refused: %s', (_label, url) => {
    const p = resolveAppPath(url, RENDERER);
    // refused, or (where the URL parser already removed the dots, as it does for "..", "%2e%2e")
    // a name inside the folder: never the shop's database beside it
    expect(p === null || p.startsWith(RENDERER + path.sep)).toBe(true);
    expect(p).not.toBe(path.join(dir, '回头客 Regulars', 'regulars.db'));
  });

  it('never answers a file outside the renderer folder', async () => {
    for (const url of [
      'app://regulars/../regulars.db',
      'app://regulars/%2e%2e/regulars.db',
      'app://regulars/..%2fregulars.db',
      'app://regulars/.env',
      'app://regulars/../renderer-evil.js',
      'app://regulars/missing.js',
    ]) {
      const r = await serveAppUrl(url, RENDERER);
      expect(r.status, url).toBe(404);
      expect(String(r.body)).not.toMatch(/the shop|SECRET|evil/);
    }
  });

  it('serves the page and its assets with their type, nosniff and the strict CSP', async () => {
    const page = await serveAppUrl(`${APP_INDEX_URL}#/counter`, RENDERER);
    expect(page.status).toBe(200);
    expect(page.headers).toMatchObject({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
    });
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).not.toMatch(/unsafe-|https?:|\*/);
    const js = await serveAppUrl('app://regulars/assets/index-3f2a.js', RENDERER);
    expect(js).toMatchObject({ status: 200, headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
    expect(String(js.body)).toBe('console.log(1)');
  });

  it('is a standard, secure scheme of its own (registered before ready)', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true });
    const main = fs.readFileSync(path.join(ROOT, 'main/electron/main.ts'), 'utf8');
    expect(main).toContain('protocol.registerSchemesAsPrivileged');
    expect(main).toContain('protocol.handle(APP_SCHEME');
    expect(main).toContain('loadURL(APP_INDEX_URL)');
    expect(main).not.toContain('loadFile(');
  });
});

describe('the import worker outside app.asar', () => {
  it('is run only when it matches the SHA-256 built into the Electron bundle (the core workers too)', () => {
    const bundle = path.join(ROOT, 'dist/electron/main.cjs');
    const worker = path.join(ROOT, 'dist/workers/import-worker.mjs');
    if (!fs.existsSync(bundle) || !fs.existsSync(worker)) throw new Error('run `node scripts/build.mjs` first');
    const sha = createHash('sha256').update(fs.readFileSync(worker)).digest('hex');
    const core = createHash('sha256')
      .update(fs.readFileSync(path.join(ROOT, 'dist/workers/core-worker.mjs')))
      .digest('hex');
    const main = fs.readFileSync(bundle, 'utf8');
    // the pool is given both: the core workers' script and the import worker the writer starts
    expect(main).toContain(`workerSha256: "${sha}"`);
    expect(main).toContain(`scriptSha256: "${core}"`);
  });
});

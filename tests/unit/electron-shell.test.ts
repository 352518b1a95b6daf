import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { load as loadYaml } from 'js-yaml';
import { windowOptions } from '../../main/electron/window-options';
import { guardedCall, isOurRenderer } from '../../main/electron/ipc-guard';
import { APP_INDEX_URL } from '../../main/electron/app-protocol';
import { menuTemplate } from '../../main/electron/menu';
import { DEFAULT_STATE, readWindowState, writeWindowState } from '../../main/electron/window-state';
import { openApp, closeApp } from '../../main/app';
import { cspFor } from '../../main/security/csp';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-shell-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const INDEX = path.join(dir, 'app', 'dist', 'renderer', 'index.html');
const ours = APP_INDEX_URL;

describe('window options', () => {
  it('isolate, sandbox and strip Node from the renderer', () => {
    const o = windowOptions('/x/preload.cjs', { width: 1111, height: 777, x: 5, y: 6, maximized: false }, 'T');
    expect(o.webPreferences).toMatchObject({
      preload: '/x/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(o).toMatchObject({ width: 1111, height: 777, x: 5, y: 6 });
  });
});

describe('IPC guard', () => {
  it.each([
    [ours, true],
    [ours + '#/customers/12', true],
    ['http://127.0.0.1:3000/', false],
    ['https://evil.example/', false],
    [pathToFileURL(path.join(dir, 'other.html')).href, false],
    [pathToFileURL(INDEX).href, false],
    ['devtools://devtools/bundled/inspector.html', false],
    ['about:blank', false],
    [undefined, false],
    ['not a url', false],
  ])('sender %s accepted: %s', (url, accepted) => {
    expect(isOurRenderer(url)).toBe(accepted);
  });

  it('refuses foreign senders and unknown methods, validates input, and answers our renderer', async () => {
    const ctx = openApp({ dbPath: path.join(dir, 'guard.db') });
    try {
      const n = () => (ctx.db.prepare('SELECT COUNT(*) AS n FROM customers').get() as { n: number }).n;
      expect(await guardedCall(ctx, 'https://evil.example/', 'customers.create', { name: 'x' })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      expect(await guardedCall(ctx, ours, 'db.drop', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
      expect(await guardedCall(ctx, ours, 42, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
      expect(await guardedCall(ctx, ours, 'customers.create', { name: '' })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
      expect(n()).toBe(0);
      expect(await guardedCall(ctx, ours, 'shop.status', {})).toMatchObject({ ok: true });
    } finally {
      closeApp(ctx);
    }
  });
});

describe('menu', () => {
  it.each([
    ['en', 'File', 'Quit Regulars'],
    ['zh-CN', '文件', '退出回头客'],
  ] as const)('is in the UI language (%s)', (locale, file, quit) => {
    const t = menuTemplate(locale, { isMac: false, dev: false });
    expect(t[0]!.label).toBe(file);
    expect((t[0]!.submenu as { label?: string }[])[0]!.label).toBe(quit);
    expect(JSON.stringify(t)).not.toContain('reload');
    expect(JSON.stringify(menuTemplate(locale, { isMac: false, dev: true }))).toContain('reload');
  });
});

describe('window state', () => {
  it('falls back to defaults for a missing, corrupt or absurd file, and round-trips', () => {
    const f = path.join(dir, 'ws.json');
    expect(readWindowState(f)).toEqual(DEFAULT_STATE);
    fs.writeFileSync(f, '{not json');
    expect(readWindowState(f)).toEqual(DEFAULT_STATE);
    fs.writeFileSync(f, JSON.stringify({ width: 5, height: 99999 }));
    expect(readWindowState(f)).toEqual(DEFAULT_STATE);
    writeWindowState(f, { width: 1000, height: 700, x: 10, y: 20, maximized: true });
    expect(readWindowState(f)).toEqual({ width: 1000, height: 700, x: 10, y: 20, maximized: true });
  });
});

describe('content security policy', () => {
  it('allows no inline script, no remote origin and no framing', () => {
    for (const mode of ['electron', 'browser'] as const) {
      const csp = cspFor(mode);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    }
  });
});

describe('electron-builder.yml', () => {
  const cfg = loadYaml(fs.readFileSync(path.resolve(__dirname, '../../electron-builder.yml'), 'utf8')) as Record<string, unknown>;
  it('packages for Windows, macOS and Linux without rebuilding native modules', () => {
    expect(cfg).toMatchObject({ appId: 'com.regulars.app', productName: '回头客 Regulars', npmRebuild: false });
    expect(cfg.asarUnpack).toContain('**/*.node');
    expect(JSON.stringify(cfg.win)).toContain('nsis');
    expect(JSON.stringify(cfg.mac)).toContain('dmg');
    expect(JSON.stringify(cfg.linux)).toContain('AppImage');
    expect(JSON.stringify(cfg.linux)).toContain('deb');
  });
  it('has real icons under build/', () => {
    const png = fs.readFileSync(path.resolve(__dirname, '../../build/icon.png'));
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(fs.readFileSync(path.resolve(__dirname, '../../build/icon.icns')).subarray(0, 4).toString('ascii')).toBe('icns');
    expect(fs.readFileSync(path.resolve(__dirname, '../../build/icon.ico')).readUInt16LE(2)).toBe(1);
  });
});

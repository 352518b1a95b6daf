import { afterAll, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { Reply } from '../../shared/api/errors';
import { APP_INDEX_URL } from '../../main/electron/app-protocol';

/**
 * The Electron main process hosts sharing with the same module as `regulars serve` (issue 18):
 * main/electron/main.ts is loaded here under plain Node with the electron module stood in for and
 * the worker pool replaced by a recorder, so the window's IPC calls, `sharing.*` answered by the
 * real ShareHost (TLS on an address of this computer), and quitting stopping the listener are the
 * real wiring. The pool's side is not under test here (tests/integration/share-network.test.ts).
 */
const h = vi.hoisted(() => ({
  handlers: new Map<string, (...a: unknown[]) => unknown>(),
  appEvents: new Map<string, (...a: unknown[]) => void>(),
  calls: [] as string[],
  closed: 0,
  quit: 0,
  ready: null as null | Promise<void>,
  dir: '',
}));

vi.mock('electron', () => {
  const noop = () => undefined;
  const app = {
    setPath: noop,
    getPath: () => h.dir,
    setAppUserModelId: noop,
    enableSandbox: noop,
    requestSingleInstanceLock: () => true,
    on: (name: string, fn: (...a: unknown[]) => void) => h.appEvents.set(name, fn),
    whenReady: () => {
      h.ready = new Promise<void>((r) => setTimeout(r, 0));
      return h.ready;
    },
    quit: () => void h.quit++,
    exit: noop,
    getLocale: () => 'en',
    getVersion: () => '0.0.0',
    isPackaged: true,
    setAboutPanelOptions: noop,
  };
  class BrowserWindow {
    on = noop;
    once = noop;
    maximize = noop;
    getNormalBounds = () => ({ x: 0, y: 0, width: 800, height: 600 });
    isMaximized = () => false;
    loadURL = () => Promise.resolve();
  }
  const ses = {
    setPermissionRequestHandler: noop,
    setPermissionCheckHandler: noop,
    webRequest: { onHeadersReceived: noop, onBeforeRequest: noop },
  };
  return {
    app,
    BrowserWindow,
    dialog: { showErrorBox: (_t: string, m: string) => console.error(m) },
    ipcMain: { handle: (ch: string, fn: (...a: unknown[]) => unknown) => h.handlers.set(ch, fn) },
    Menu: { buildFromTemplate: () => ({}), setApplicationMenu: noop },
    protocol: { registerSchemesAsPrivileged: noop, handle: noop },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: { defaultSession: ses },
  };
});

vi.mock('../../main/core/pool', () => ({
  CORE_WORKER_FILE: 'core-worker.mjs',
  createPool: () =>
    Promise.resolve({
      dispatch: (method: string): Promise<Reply> => {
        h.calls.push(method);
        const data =
          method === 'settings.get'
            ? { language: 'en' }
            : method.endsWith('s.records') || method === 'staff.access'
              ? []
              : { method };
        return Promise.resolve({ ok: true, data });
      },
      startBackground: () => undefined,
      close: () => {
        h.closed++;
        return Promise.resolve();
      },
    }),
}));

h.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-electron-share-'));
afterAll(() => fs.rmSync(h.dir, { recursive: true, force: true }));

const ipc = (method: string, input: unknown = {}) =>
  h.handlers.get('regulars:call')!({ senderFrame: { parent: null, url: APP_INDEX_URL } }, method, input) as Promise<Reply>;

it('the window shares through the same host as `regulars serve`, and quitting stops the listener', async () => {
  vi.stubGlobal('IMPORT_WORKER_SHA256', '');
  vi.stubGlobal('CORE_WORKER_SHA256', '');
  vi.stubEnv('REGULARS_DB', path.join(h.dir, 'shop.db'));
  await import('../../main/electron/main');
  await h.ready;
  await vi.waitFor(() => expect(h.handlers.has('regulars:call')).toBe(true));
  // the host read the devices and staff from the pool at start (it keeps no database of its own)
  expect(h.calls).toEqual(expect.arrayContaining(['devices.records', 'staff.access']));

  expect(await ipc('sharing.status')).toMatchObject({ ok: true, data: { available: true, enabled: false } });
  expect(await ipc('sharing.interfaces')).toMatchObject({ ok: true });
  // the window is the main till (the owner's): a device's own methods are refused there
  expect(await ipc('device.me')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  // other calls are relayed to the pool as they came
  expect(await ipc('customers.search', { query: 'x' })).toMatchObject({ ok: true, data: { method: 'customers.search' } });

  const started = await ipc('sharing.start', { address: '127.0.0.1' });
  expect(started).toMatchObject({ ok: true, data: { enabled: true, address: '127.0.0.1' } });
  const { url, fingerprint } = (started as { data: { url: string; fingerprint: string } }).data;
  const reach = () =>
    new Promise<string>((resolve, reject) => {
      const req = https.get(`${url}/`, { rejectUnauthorized: false }, (res) => {
        const cert = (res.socket as import('node:tls').TLSSocket).getPeerCertificate();
        res.resume();
        resolve(cert.fingerprint256);
      });
      req.on('error', reject);
    });
  expect(await reach()).toBe(fingerprint);
  expect(fs.existsSync(path.join(h.dir, 'shop.db.share-key.pem'))).toBe(true);

  // the app quits: the listener stops first, then the pool closes, then the app quits for real
  const prevented = { n: 0 };
  h.appEvents.get('will-quit')!({ preventDefault: () => void prevented.n++ });
  expect(prevented.n).toBe(1);
  await vi.waitFor(() => expect(h.quit).toBe(1));
  expect(h.closed).toBe(1);
  await expect(reach()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
}, 30_000);

// The Electron shell: window, session lock-down and the one IPC channel. It holds no logic of its
// own; everything that can be tested without the Electron binary lives in the sibling modules.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session } from 'electron';
import path from 'node:path';
import { CORE_WORKER_FILE, createPool, type Pool } from '../core/pool';
import { consoleLogger } from '../ctx';
import { toFailure } from '../errors';
import { resolveDbPath, userDataDir } from '../paths';
import { CSP } from '../security/csp';
import type { ShareHost } from '../share/host';
import { openShareHost } from '../share/setup';
import { contract } from '../../shared/api/contract';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, isAppUrl, serveAppUrl } from './app-protocol';
import { forWindow, guardedCall } from './ipc-guard';
import { applyMenu, menuLocale } from './menu';
import { APP_TITLE, windowOptions } from './window-options';
import { fitToWorkAreas, readWindowState, stateSaver, type WindowState } from './window-state';

// Bundled to dist/electron/main.cjs; the renderer is built to dist/renderer.
const RENDERER_DIR = path.join(__dirname, '..', 'renderer');
const PRELOAD = path.join(__dirname, 'preload.cjs');
// Worker threads load their ES module from the real file system rather than through Electron's
// asar layer, so the packaged app runs the unpacked copy (electron-builder.yml asarUnpack). Its
// SHA-256 is built into this bundle (scripts/build.mjs), which sits in the integrity-checked
// app.asar: a worker file that does not match is not run (main/services/import/jobs.ts).
const WORKER_DIR = path.join(__dirname, '..', 'workers').replace(/app\.asar(?=[\\/])/, 'app.asar.unpacked');
declare const IMPORT_WORKER_SHA256: string;
declare const CORE_WORKER_SHA256: string;
const IS_MAC = process.platform === 'darwin';
// After these the saved UI language may have changed, and the menu follows it.
const LANGUAGE_MAY_CHANGE = new Set(['settings.update', 'backups.restore', 'shop.loadDemo', 'shop.startEmpty']);

// The core: worker threads that own the database (main/core/pool.ts); this process only relays.
let pool: Pool | null = null;
// Sharing with the shop's other devices (issue 18): the same host as `regulars serve`, in this
// process (TLS and relaying to the pool only); off until Settings → Other devices switches it on.
let host: ShareHost | null = null;
let win: BrowserWindow | null = null;

// One data folder for the desktop app, the CLI and browser mode, so all three open the same shop
// database; Electron would otherwise name it after productName. Set before the single-instance
// lock, which lives in this folder.
app.setPath('userData', userDataDir());
if (process.platform === 'win32') app.setAppUserModelId('com.regulars.app');
app.enableSandbox();
// The renderer is served from app://regulars/ (app-protocol.ts), never file://; the scheme must be
// privileged before the app is ready.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

// A second launch (the icon double-clicked again) focuses the open window instead of opening the
// database twice.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  app.whenReady().then(start).catch(startFailed);
}

// No page may navigate away, open windows or embed <webview>s: the app shows only its own files.
app.on('web-contents-created', (_e, contents) => {
  contents.on('will-navigate', (event) => {
    if (!event.isSameDocument && stripHash(event.url) !== stripHash(contents.getURL())) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

app.on('window-all-closed', () => app.quit());
// Listening on the shop's network stops, then the workers close their connections (WAL
// checkpointed), before the process ends.
app.on('will-quit', (event) => {
  const p = pool;
  const h = host;
  if (!p && !h) return;
  pool = null;
  host = null;
  event.preventDefault();
  void (h ? h.stop().catch((e: unknown) => console.error('sharing not stopped', e)) : Promise.resolve())
    .then(() => p?.close())
    .finally(() => app.quit());
});

function stripHash(url: string): string {
  const i = url.indexOf('#');
  return i < 0 ? url : url.slice(0, i);
}

function lockDownSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // Our app:// responses carry the CSP themselves (app-protocol.ts); this covers any other response
  // that might ever reach the window.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  // No remote content, ever, and no file:// at all: only our app:// origin, whose handler serves
  // files of the built renderer and nothing else.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const url = details.url;
    const allowed = isAppUrl(url) || url.startsWith('devtools:') || url.startsWith('blob:') || url.startsWith('data:');
    callback({ cancel: !allowed });
  });
  protocol.handle(APP_SCHEME, async (request) => {
    const r = await serveAppUrl(request.url, RENDERER_DIR);
    return new Response(typeof r.body === 'string' ? r.body : new Uint8Array(r.body), { status: r.status, headers: r.headers });
  });
}

async function start(): Promise<void> {
  lockDownSession();
  const p = await createPool({
    dbPath: resolveDbPath(undefined, process.env, app.getPath('userData')),
    script: path.join(WORKER_DIR, CORE_WORKER_FILE),
    scriptSha256: CORE_WORKER_SHA256,
    workerDir: WORKER_DIR,
    workerSha256: IMPORT_WORKER_SHA256,
    role: 'app',
  });
  pool = p;
  const dbPath = resolveDbPath(undefined, process.env, app.getPath('userData'));
  const h = await openShareHost({ dispatch: (m, i, meta) => p.dispatch(m, i, meta), dbPath, staticDir: RENDERER_DIR });
  host = h;
  // The window is the main till: its calls go through the host as the owner's (or, with a PIN on
  // the main till, as whoever signed in there), the sharing methods answered by the host itself.
  const call = (method: string, input: unknown) => h.local(method, input);

  ipcMain.handle('regulars:call', async (event, method: unknown, input: unknown) => {
    // Only a top-level frame counts: a sub-frame would be someone else's content.
    const frame = event.senderFrame;
    const url = frame && frame.parent === null ? frame.url : undefined;
    const reply = await guardedCall(call, url, method, input);
    if (reply.ok && typeof method === 'string' && LANGUAGE_MAY_CHANGE.has(method)) {
      refreshMenu(p).catch((e: unknown) => console.error('menu not updated', e));
    }
    return forWindow(reply);
  });

  app.setAboutPanelOptions({ applicationName: APP_TITLE, applicationVersion: app.getVersion() });
  await refreshMenu(p);
  createWindow();
  // After the window is up, in the heavy reader (a slow integrity check of a big database never
  // delays the window or the counter), and again each new day while the app stays open.
  setTimeout(() => pool?.startBackground(), 2000);
}

async function refreshMenu(p: Pool): Promise<void> {
  const reply = await p.dispatch('settings.get', {});
  const settings = reply.ok ? contract['settings.get'].output.safeParse(reply.data) : null;
  const saved = settings?.success ? settings.data.language : null;
  applyMenu(Menu, menuLocale(saved, app.getLocale()), { isMac: IS_MAC, dev: !app.isPackaged });
}

function createWindow(): void {
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const areas = screen.getAllDisplays().map((d) => d.workArea);
  const state = fitToWorkAreas(readWindowState(stateFile), areas);
  const w = new BrowserWindow(windowOptions(PRELOAD, state));
  win = w;
  if (state.maximized) w.maximize();
  w.once('ready-to-show', () => w.show());

  const saver = stateSaver(stateFile, 500, undefined, (e) => console.error('window state not saved', e));
  // Normal bounds, so a maximized window restores to the size it had before.
  const snapshot = (): WindowState => ({ ...w.getNormalBounds(), maximized: w.isMaximized() });
  const later = () => saver.schedule(snapshot());
  w.on('resize', later);
  w.on('move', later);
  w.on('maximize', later);
  w.on('unmaximize', later);
  // At once: a debounced write would run after the window, and its bounds, are gone.
  w.on('close', () => {
    saver.schedule(snapshot());
    saver.flush();
  });
  w.on('closed', () => {
    win = null;
  });

  w.loadURL(APP_INDEX_URL).catch(startFailed);
}

// Start-up can fail before the owner sees anything (a database from a newer version, a locked or
// unreadable file, a missing build): say so in a native box in the system's language rather than
// leave a silent, windowless app. Details go to the log under the incident id the box shows.
function startFailed(e: unknown): void {
  const failure = toFailure(e, { log: consoleLogger, where: 'start-up', locale: menuLocale(null, app.getLocale()) });
  if (failure.error.code !== 'INTERNAL') console.error('Regulars could not start', e);
  dialog.showErrorBox(APP_TITLE, failure.error.message ?? failure.error.code);
  void pool?.close();
  pool = null;
  app.exit(1);
}

import { app, BrowserWindow, ipcMain, Menu, session, shell } from 'electron';
import path from 'node:path';
import { openApp, closeApp } from '../app';
import { resolveDbPath } from '../paths';
import { resolveLocale } from '../../shared/i18n';
import { getSettings } from '../services/settings';
import { startupChecks } from '../services/startup';
import { CSP } from '../security/csp';
import type { Ctx } from '../ctx';
import { windowOptions } from './window-options';
import { guardedCall } from './ipc-guard';
import { menuTemplate } from './menu';
import { readWindowState, writeWindowState } from './window-state';

// dist/electron/main.cjs -> dist/renderer/index.html
const INDEX_HTML = path.join(__dirname, '..', 'renderer', 'index.html');
const PRELOAD = path.join(__dirname, 'preload.cjs');

let ctx: Ctx | null = null;
let win: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.enableSandbox();
  app.whenReady().then(start, (e) => {
    console.error(e);
    app.quit();
  });
}

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (url.split('#')[0] !== contents.getURL().split('#')[0]) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

function start(): void {
  ctx = openApp({ dbPath: resolveDbPath(undefined, process.env, app.getPath('userData')) });
  ctx.workerDir = path.join(__dirname, '..', 'workers');
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  // No remote content, ever: anything that is not our own files is cancelled.
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({
      cancel: !(
        details.url.startsWith('file://') ||
        details.url.startsWith('devtools://') ||
        details.url.startsWith('blob:') ||
        details.url.startsWith('data:')
      ),
    });
  });

  ipcMain.handle('regulars:call', (event, method: unknown, input: unknown) =>
    guardedCall(ctx!, INDEX_HTML, event.senderFrame?.url, method, input),
  );

  const language = resolveLocale(getSettings(ctx.db).language, [app.getLocale()]);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(menuTemplate(language, { isMac: process.platform === 'darwin', dev: !app.isPackaged })),
  );

  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const state = readWindowState(stateFile);
  win = new BrowserWindow(windowOptions(PRELOAD, state, '回头客 Regulars'));
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win?.show());
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!win || win.isDestroyed()) return;
      const b = win.getNormalBounds();
      writeWindowState(stateFile, { width: b.width, height: b.height, x: b.x, y: b.y, maximized: win.isMaximized() });
    }, 500);
  };
  win.on('resize', save);
  win.on('move', save);
  win.on('close', save);
  void win.loadFile(INDEX_HTML, { hash: '/counter' });
  // Links to the outside world (none are expected) open in the system browser, never in the app.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  setTimeout(() => {
    if (ctx) startupChecks(ctx);
  }, 2000);
}

app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => {
  if (ctx) closeApp(ctx);
});

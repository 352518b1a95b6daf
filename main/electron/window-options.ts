// Types only: this module is unit-tested without the Electron binary.
import type { BrowserWindowConstructorOptions } from 'electron';
import type { WindowState } from './window-state';

export const APP_TITLE = '回头客 Regulars';
/** Fits an old 1024x768 counter PC; the stylesheet stacks its two-column screens below 900px. */
export const MIN_WIDTH = 900;
export const MIN_HEIGHT = 600;

/**
 * The one place the window's security options are set: the renderer is isolated, sandboxed, has no
 * Node, cannot host <webview>s and sees only the preload's `call(method, input)`. Shown only once
 * painted (`ready-to-show`) so the owner never sees a white flash.
 */
export function windowOptions(
  preloadPath: string,
  state: WindowState,
  title: string = APP_TITLE,
): BrowserWindowConstructorOptions {
  return {
    title,
    width: state.width,
    height: state.height,
    // Without a saved position Electron centres the window on the primary display.
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false,
    // The page's --bg, so the window is not white while the first frame paints.
    backgroundColor: '#f6f5f2',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // A file dropped on the window must not replace the app with the file's contents.
      navigateOnDragDrop: false,
      // Names and notes are mostly Chinese; the spell checker would underline nearly everything.
      spellcheck: false,
      // A page stuck in an alert() loop could otherwise lock the owner out of the window.
      safeDialogs: true,
      // A middle click must not open links in new windows (Electron's security checklist).
      disableBlinkFeatures: 'Auxclick',
    },
  };
}

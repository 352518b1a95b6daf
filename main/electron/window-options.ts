import type { BrowserWindowConstructorOptions } from 'electron';
import type { WindowState } from './window-state';

/**
 * The one place the window's security options are set (unit-tested): the renderer is isolated,
 * sandboxed, has no Node, and sees only the preload's `call(method, input)`.
 */
export function windowOptions(preloadPath: string, state: WindowState, title: string): BrowserWindowConstructorOptions {
  return {
    title,
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: 900,
    minHeight: 600,
    show: false,
    backgroundColor: '#f6f5f2',
    autoHideMenuBar: false,
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
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  };
}

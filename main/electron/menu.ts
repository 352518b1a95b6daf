// Types only from electron, so the template is unit-tested without the Electron binary; main.ts
// passes the real `Menu` to applyMenu.
import type { MenuItemConstructorOptions } from 'electron';
import { resolveLocale } from '../../shared/i18n';
import type { Locale } from '../../shared/schemas/common';

// Kept here rather than in shared/i18n: only the main process shows these. Every item gets an
// explicit label because Electron's own role labels are English on Windows and Linux.
const en = {
  app: 'Regulars',
  file: 'File',
  quit: 'Quit Regulars',
  closeWindow: 'Close Window',
  edit: 'Edit',
  undo: 'Undo',
  redo: 'Redo',
  cut: 'Cut',
  copy: 'Copy',
  paste: 'Paste',
  pasteAndMatchStyle: 'Paste and Match Style',
  selectAll: 'Select All',
  view: 'View',
  reload: 'Reload',
  forceReload: 'Force Reload',
  toggleDevTools: 'Developer Tools',
  resetZoom: 'Actual Size',
  zoomIn: 'Zoom In',
  zoomOut: 'Zoom Out',
  fullscreen: 'Toggle Full Screen',
  window: 'Window',
  minimize: 'Minimize',
  zoom: 'Zoom',
  front: 'Bring All to Front',
  help: 'Help',
  about: 'About Regulars',
  services: 'Services',
  hide: 'Hide Regulars',
  hideOthers: 'Hide Others',
  unhide: 'Show All',
};
export type MenuLabel = keyof typeof en;

const zhCN: Record<MenuLabel, string> = {
  app: '回头客',
  file: '文件',
  quit: '退出回头客',
  closeWindow: '关闭窗口',
  edit: '编辑',
  undo: '撤销',
  redo: '重做',
  cut: '剪切',
  copy: '复制',
  paste: '粘贴',
  pasteAndMatchStyle: '粘贴并匹配样式',
  selectAll: '全选',
  view: '视图',
  reload: '重新加载',
  forceReload: '强制重新加载',
  toggleDevTools: '开发者工具',
  resetZoom: '实际大小',
  zoomIn: '放大',
  zoomOut: '缩小',
  fullscreen: '切换全屏',
  window: '窗口',
  minimize: '最小化',
  zoom: '缩放',
  front: '前置全部窗口',
  help: '帮助',
  about: '关于回头客',
  services: '服务',
  hide: '隐藏回头客',
  hideOthers: '隐藏其他',
  unhide: '全部显示',
};

export const MENU_LABELS: Record<Locale, Record<MenuLabel, string>> = { en, 'zh-CN': zhCN };

export interface MenuOptions {
  /** macOS puts About and Quit in an app menu named after the app. */
  isMac: boolean;
  /** Reload and developer tools only while developing: a reload mid-sale would lose the form. */
  dev: boolean;
}

type Item = MenuItemConstructorOptions;
const sep: Item = { type: 'separator' };

/** The application menu in the UI language. Pure, so both languages and platforms are unit-tested. */
export function menuTemplate(locale: Locale, opts: MenuOptions): Item[] {
  const l = MENU_LABELS[locale];
  const appMenu: Item = {
    label: l.app,
    submenu: [
      { role: 'about', label: l.about },
      sep,
      { role: 'services', label: l.services },
      sep,
      { role: 'hide', label: l.hide },
      { role: 'hideOthers', label: l.hideOthers },
      { role: 'unhide', label: l.unhide },
      sep,
      { role: 'quit', label: l.quit },
    ],
  };
  const file: Item = {
    label: l.file,
    submenu: [opts.isMac ? { role: 'close', label: l.closeWindow } : { role: 'quit', label: l.quit }],
  };
  const macPaste: Item[] = opts.isMac ? [{ role: 'pasteAndMatchStyle', label: l.pasteAndMatchStyle }] : [];
  const edit: Item = {
    label: l.edit,
    submenu: [
      { role: 'undo', label: l.undo },
      { role: 'redo', label: l.redo },
      sep,
      { role: 'cut', label: l.cut },
      { role: 'copy', label: l.copy },
      { role: 'paste', label: l.paste },
      ...macPaste,
      { role: 'selectAll', label: l.selectAll },
    ],
  };
  const devItems: Item[] = opts.dev
    ? [
        { role: 'reload', label: l.reload },
        { role: 'forceReload', label: l.forceReload },
        { role: 'toggleDevTools', label: l.toggleDevTools },
        sep,
      ]
    : [];
  const view: Item = {
    label: l.view,
    submenu: [
      ...devItems,
      { role: 'resetZoom', label: l.resetZoom },
      { role: 'zoomIn', label: l.zoomIn },
      // Ctrl+= as well as Ctrl+Plus, because "+" needs Shift on most keyboards.
      { role: 'zoomIn', label: l.zoomIn, accelerator: 'CommandOrControl+=', visible: false, acceleratorWorksWhenHidden: true },
      { role: 'zoomOut', label: l.zoomOut },
      sep,
      { role: 'togglefullscreen', label: l.fullscreen },
    ],
  };
  const windowMenu: Item = opts.isMac
    ? {
        label: l.window,
        // role 'window' lets macOS append its list of open windows.
        role: 'window',
        submenu: [
          { role: 'minimize', label: l.minimize },
          { role: 'zoom', label: l.zoom },
          sep,
          { role: 'front', label: l.front },
        ],
      }
    : {
        label: l.window,
        submenu: [
          { role: 'minimize', label: l.minimize },
          { role: 'close', label: l.closeWindow },
        ],
      };
  const help: Item = { label: l.help, role: 'help', submenu: [{ role: 'about', label: l.about }] };
  // On macOS About sits in the app menu, where Mac users look for it, so Help would be empty.
  return opts.isMac ? [appMenu, file, edit, view, windowMenu] : [file, edit, view, windowMenu, help];
}

/** The menu's language: the owner's choice in Settings, else Chinese on a Chinese system (as the renderer picks). */
export function menuLocale(saved: Locale | null | undefined, systemLocale: string): Locale {
  return resolveLocale(saved, [systemLocale]);
}

/** The slice of Electron's `Menu` that applyMenu needs, passed in so this file never loads Electron. */
export interface MenuApi<M> {
  buildFromTemplate(template: Item[]): M;
  setApplicationMenu(menu: M | null): void;
}

export function applyMenu<M>(api: MenuApi<M>, locale: Locale, opts: MenuOptions): void {
  api.setApplicationMenu(api.buildFromTemplate(menuTemplate(locale, opts)));
}

import type { MenuItemConstructorOptions } from 'electron';
import type { Locale } from '../../shared/schemas/common';

const LABELS = {
  en: {
    file: 'File',
    quit: 'Quit Regulars',
    edit: 'Edit',
    view: 'View',
    window: 'Window',
    help: 'Help',
    about: 'About Regulars',
    fullscreen: 'Full Screen',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    resetZoom: 'Actual Size',
    reload: 'Reload',
  },
  'zh-CN': {
    file: '文件',
    quit: '退出回头客',
    edit: '编辑',
    view: '视图',
    window: '窗口',
    help: '帮助',
    about: '关于回头客',
    fullscreen: '全屏',
    zoomIn: '放大',
    zoomOut: '缩小',
    resetZoom: '实际大小',
    reload: '重新加载',
  },
} as const satisfies Record<Locale, Record<string, string>>;

/** The application menu in the UI language (pure, so it is unit-tested without Electron). */
export function menuTemplate(locale: Locale, opts: { isMac: boolean; dev: boolean }): MenuItemConstructorOptions[] {
  const l = LABELS[locale];
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom', label: l.resetZoom },
    { role: 'zoomIn', label: l.zoomIn },
    { role: 'zoomOut', label: l.zoomOut },
    { type: 'separator' },
    { role: 'togglefullscreen', label: l.fullscreen },
  ];
  if (opts.dev) view.unshift({ role: 'reload', label: l.reload }, { type: 'separator' });
  return [
    { label: l.file, submenu: [{ role: 'quit', label: l.quit }] },
    { label: l.edit, role: 'editMenu' },
    { label: l.view, submenu: view },
    { label: l.window, role: 'windowMenu' },
    { label: l.help, role: 'help', submenu: [{ role: 'about', label: l.about }] },
  ];
}

import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { applyMenu, MENU_LABELS, menuLocale, menuTemplate } from '../../main/electron/menu';

type Item = MenuItemConstructorOptions;
const items = (menu: Item[]): Item[] => menu.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? items(i.submenu as Item[]) : [])]);
const roles = (menu: Item | undefined) => ((menu?.submenu ?? []) as Item[]).filter((i) => i.role).map((i) => i.role);
const byLabel = (menu: Item[], label: string) => menu.find((m) => m.label === label);
const platforms = [
  { isMac: false, dev: false },
  { isMac: false, dev: true },
  { isMac: true, dev: false },
  { isMac: true, dev: true },
];

describe('application menu', () => {
  it.each([
    ['en', ['File', 'Edit', 'View', 'Window', 'Help'], 'Quit Regulars', 'About Regulars'],
    ['zh-CN', ['文件', '编辑', '视图', '窗口', '帮助'], '退出回头客', '关于回头客'],
  ] as const)('is in the UI language on Windows and Linux (%s)', (locale, top, quit, about) => {
    const t = menuTemplate(locale, { isMac: false, dev: false });
    expect(t.map((m) => m.label)).toEqual(top);
    expect((t[0]!.submenu as Item[]).map((i) => [i.role, i.label])).toEqual([['quit', quit]]);
    expect((t[4]!.submenu as Item[]).map((i) => [i.role, i.label])).toEqual([['about', about]]);
  });

  it.each([
    ['en', ['Regulars', 'File', 'Edit', 'View', 'Window']],
    ['zh-CN', ['回头客', '文件', '编辑', '视图', '窗口']],
  ] as const)('follows macOS conventions: About and Quit in the app menu (%s)', (locale, top) => {
    const t = menuTemplate(locale, { isMac: true, dev: false });
    expect(t.map((m) => m.label)).toEqual(top);
    expect(roles(t[0])).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(roles(t[1])).toEqual(['close']);
    expect(t[4]!.role).toBe('window');
  });

  it.each(platforms)('labels every item in both languages, Chinese in Chinese (%o)', (opts) => {
    const en = items(menuTemplate('en', opts)).filter((i) => i.type !== 'separator');
    const zh = items(menuTemplate('zh-CN', opts)).filter((i) => i.type !== 'separator');
    expect(zh.map((i) => i.role)).toEqual(en.map((i) => i.role));
    for (const i of [...en, ...zh]) expect(i.label, JSON.stringify(i)).toMatch(/\S/);
    for (const i of zh) expect(i.label).toMatch(/\p{Script=Han}/u);
  });

  it.each(platforms)('offers the standard editing roles, so copy and paste work in every field (%o)', (opts) => {
    const edit = menuTemplate('en', opts).find((m) => m.label === 'Edit');
    expect(roles(edit)).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
  });

  it('offers reload and developer tools only while developing', () => {
    const devOnly = ['reload', 'forceReload', 'toggleDevTools'];
    for (const isMac of [false, true]) {
      expect(roles(byLabel(menuTemplate('en', { isMac, dev: false }), 'View'))).not.toEqual(expect.arrayContaining(['reload']));
      for (const r of devOnly) {
        expect(items(menuTemplate('en', { isMac, dev: false })).some((i) => i.role === r)).toBe(false);
        expect(roles(byLabel(menuTemplate('en', { isMac, dev: true }), 'View'))).toContain(r);
      }
    }
  });

  it('has zoom and full screen, with Ctrl+= for zooming in as well as Ctrl+Plus', () => {
    const view = (menuTemplate('zh-CN', { isMac: false, dev: false })[2]!.submenu ?? []) as Item[];
    expect(view.map((i) => i.role).filter(Boolean)).toEqual(['resetZoom', 'zoomIn', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    expect(view.find((i) => i.accelerator === 'CommandOrControl+=')).toMatchObject({ role: 'zoomIn', visible: false });
  });

  it('has the same label keys in both dictionaries', () => {
    expect(Object.keys(MENU_LABELS['zh-CN']).sort()).toEqual(Object.keys(MENU_LABELS.en).sort());
  });
});

describe('menu language', () => {
  it.each([
    [null, 'zh-CN', 'zh-CN'],
    [null, 'zh-TW', 'zh-CN'],
    [null, 'zh', 'zh-CN'],
    [null, 'en-US', 'en'],
    [null, 'fr', 'en'],
    [undefined, 'zh-CN', 'zh-CN'],
    ['en', 'zh-CN', 'en'],
    ['zh-CN', 'en-GB', 'zh-CN'],
  ] as const)('saved %s, system %s: %s', (saved, system, expected) => {
    expect(menuLocale(saved, system)).toBe(expected);
  });

  it('applies the built menu through the Menu API it is given', () => {
    const api = { buildFromTemplate: vi.fn((t: Item[]) => ({ t })), setApplicationMenu: vi.fn() };
    applyMenu(api, 'zh-CN', { isMac: false, dev: false });
    expect(api.buildFromTemplate).toHaveBeenCalledWith(menuTemplate('zh-CN', { isMac: false, dev: false }));
    expect(api.setApplicationMenu).toHaveBeenCalledWith({ t: menuTemplate('zh-CN', { isMac: false, dev: false }) });
  });
});

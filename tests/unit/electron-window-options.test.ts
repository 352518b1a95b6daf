import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP_TITLE, MIN_HEIGHT, MIN_WIDTH, windowOptions } from '../../main/electron/window-options';
import {
  DEFAULT_STATE,
  fitToWorkAreas,
  readWindowState,
  stateSaver,
  writeWindowState,
  type WindowState,
} from '../../main/electron/window-state';

const ROOT = path.resolve(__dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-window-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('window options', () => {
  const o = windowOptions('/app/dist/electron/preload.cjs', DEFAULT_STATE);

  it('isolate and sandbox the renderer, with no Node, webviews or insecure content', () => {
    expect(o.webPreferences).toEqual({
      preload: '/app/dist/electron/preload.cjs',
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
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('are titled, bounded below, and hidden until painted', () => {
    expect(o).toMatchObject({ title: '回头客 Regulars', minWidth: MIN_WIDTH, minHeight: MIN_HEIGHT, show: false });
    expect(APP_TITLE).toBe('回头客 Regulars');
    expect(windowOptions('/p', DEFAULT_STATE, 'Other').title).toBe('Other');
  });

  it('take size and position from the saved state, and let Electron centre a window without one', () => {
    expect(o).toMatchObject({ width: DEFAULT_STATE.width, height: DEFAULT_STATE.height });
    expect(o).not.toHaveProperty('x');
    expect(o).not.toHaveProperty('y');
    const placed = windowOptions('/p', { width: 1111, height: 777, x: -5, y: 6, maximized: true });
    expect(placed).toMatchObject({ width: 1111, height: 777, x: -5, y: 6 });
    expect(windowOptions('/p', { width: 1000, height: 700, x: 5, maximized: false })).not.toHaveProperty('x');
  });
});

describe('window state file', () => {
  const file = path.join(dir, 'nested', 'window-state.json');

  it.each([
    ['missing', null],
    ['not JSON', '{not json'],
    ['too small', JSON.stringify({ width: 5, height: 99999 })],
    ['wrong types', JSON.stringify({ width: '1000', height: 700 })],
    ['fractional', JSON.stringify({ width: 1000.5, height: 700 })],
    ['an array', '[]'],
    ['null', 'null'],
  ])('falls back to the defaults when %s', (_label, content) => {
    fs.rmSync(file, { force: true });
    if (content !== null) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
    expect(readWindowState(file)).toEqual(DEFAULT_STATE);
  });

  it('round-trips, creating its folder and leaving no temp file behind', () => {
    const f = path.join(dir, 'a', 'b', 'ws.json');
    const s: WindowState = { width: 1000, height: 700, x: -1200, y: 20, maximized: true };
    writeWindowState(f, s);
    expect(readWindowState(f)).toEqual(s);
    expect(fs.readdirSync(path.dirname(f))).toEqual(['ws.json']);
  });

  it('defaults maximized to false for files written without it', () => {
    const f = path.join(dir, 'old.json');
    fs.writeFileSync(f, JSON.stringify({ width: 1000, height: 700 }));
    expect(readWindowState(f)).toEqual({ width: 1000, height: 700, maximized: false });
  });
});

describe('fitting the saved state to the displays', () => {
  const primary = { x: 0, y: 0, width: 1920, height: 1040 };
  const left = { x: -1280, y: 0, width: 1280, height: 984 };
  const base = { width: 1200, height: 800, maximized: false };

  it.each([
    ['on the primary display', { ...base, x: 100, y: 50 }, [primary], { x: 100, y: 50 }],
    ['on a display left of the primary', { ...base, x: -1200, y: 40 }, [primary, left], { x: -1200, y: 40 }],
    ['on a display since unplugged', { ...base, x: -1200, y: 40 }, [primary], {}],
    ['far below every display', { ...base, x: 100, y: 5000 }, [primary], {}],
    ['title bar above the top edge', { ...base, x: 100, y: -200 }, [primary], {}],
    ['a few pixels off, as Windows reports snapped windows', { ...base, x: -8, y: -8 }, [primary], { x: -8, y: -8 }],
  ])('keeps or drops a position %s', (_label, state, areas, position) => {
    const fitted = fitToWorkAreas(state, areas);
    expect({ x: fitted.x, y: fitted.y }).toEqual({ x: undefined, y: undefined, ...position });
  });

  it('shrinks a window larger than every display, and changes nothing when no display is known', () => {
    expect(fitToWorkAreas({ width: 3000, height: 2000, maximized: true }, [primary])).toEqual({
      width: 1920,
      height: 1040,
      maximized: true,
    });
    const s = { ...base, x: 99999, y: 99999 };
    expect(fitToWorkAreas(s, [])).toEqual(s);
  });
});

describe('debounced saving', () => {
  afterEach(() => vi.useRealTimers());
  const s = (width: number): WindowState => ({ width, height: 700, maximized: false });

  it('writes once, the last state, after the window has been still', () => {
    vi.useFakeTimers();
    const write = vi.fn();
    const saver = stateSaver('f.json', 500, write);
    saver.schedule(s(1000));
    vi.advanceTimersByTime(300);
    saver.schedule(s(1001));
    vi.advanceTimersByTime(300);
    saver.schedule(s(1002));
    expect(write).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(write).toHaveBeenCalledTimes(1);
    expect(write).toHaveBeenCalledWith('f.json', s(1002));
  });

  it('flushes a pending state at once (on close), and then has nothing left to write', () => {
    vi.useFakeTimers();
    const write = vi.fn();
    const saver = stateSaver('f.json', 500, write);
    saver.flush();
    expect(write).not.toHaveBeenCalled();
    saver.schedule(s(1234));
    saver.flush();
    expect(write).toHaveBeenCalledWith('f.json', s(1234));
    vi.advanceTimersByTime(1000);
    expect(write).toHaveBeenCalledTimes(1);
  });

  it('reports a failed write instead of throwing into the event loop', () => {
    const onError = vi.fn();
    const saver = stateSaver(
      'f.json',
      500,
      () => {
        throw new Error('EROFS');
      },
      onError,
    );
    saver.schedule(s(1000));
    expect(() => saver.flush()).not.toThrow();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'EROFS' }));
  });

  it('writes real files through the default writer', () => {
    const f = path.join(dir, 'saver.json');
    const saver = stateSaver(f);
    saver.schedule(s(1111));
    saver.flush();
    expect(readWindowState(f)).toEqual(s(1111));
  });
});

describe('process boundary', () => {
  // Only main.ts and preload.ts may load Electron at run time, so everything else in the shell is
  // testable here, without the Electron binary.
  const runtimeElectron = /^\s*import\s+(?!type\b)[^;]*from\s+['"]electron['"]|require\(\s*['"]electron['"]\s*\)/m;

  it.each(fs.readdirSync(path.join(ROOT, 'main/electron')).filter((f) => f.endsWith('.ts')))('%s', (file) => {
    const src = fs.readFileSync(path.join(ROOT, 'main/electron', file), 'utf8');
    expect(runtimeElectron.test(src)).toBe(file === 'main.ts' || file === 'preload.ts');
  });
});

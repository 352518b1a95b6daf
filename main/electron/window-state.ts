import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Size, position and maximized flag of the main window, kept in userData between launches. */
export const WindowState = z.object({
  width: z.number().int().min(600).max(10000),
  height: z.number().int().min(400).max(10000),
  x: z.number().int().min(-100000).max(100000).optional(),
  y: z.number().int().min(-100000).max(100000).optional(),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof WindowState>;

export const DEFAULT_STATE: WindowState = { width: 1280, height: 860, maximized: false };

/**
 * The saved state, or the defaults when the file is missing, unreadable, not JSON or out of range:
 * a bad file must never stop the shop's app from opening.
 */
export function readWindowState(file: string): WindowState {
  try {
    const parsed = WindowState.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : DEFAULT_STATE;
  } catch {
    return DEFAULT_STATE;
  }
}

/** Written through a temp file and a rename so a crash mid-write leaves the old file, not half a new one. */
export function writeWindowState(file: string, state: WindowState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state));
  fs.renameSync(tmp, file);
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Drops a saved position whose title bar would land on no current display (a second monitor was
 * unplugged, a laptop left its dock), so the window never opens out of reach; Electron then
 * centres it. Also shrinks a size larger than every display.
 */
export function fitToWorkAreas(state: WindowState, areas: readonly Rect[]): WindowState {
  if (areas.length === 0) return state;
  const width = Math.max(600, Math.min(state.width, Math.max(...areas.map((a) => a.width))));
  const height = Math.max(400, Math.min(state.height, Math.max(...areas.map((a) => a.height))));
  const { x, y, ...rest } = state;
  const sized = { ...rest, width, height };
  if (x === undefined || y === undefined) return sized;
  // Reachable when the middle of the title bar (100 px wide, 20 px down) is on some display. Not
  // the exact top-left corner: Windows reports snapped windows a few pixels off-screen.
  const gx = x + width / 2 - 50;
  const gy = y + 20;
  const reachable = areas.some((a) => gx < a.x + a.width && gx + 100 > a.x && gy >= a.y && gy < a.y + a.height);
  return reachable ? { ...sized, x, y } : sized;
}

export interface StateSaver {
  /** Remembers the latest state and writes it once the window has been still for the delay. */
  schedule(state: WindowState): void;
  /** Writes a pending state now (on close, before the window's bounds are gone). */
  flush(): void;
}

/**
 * Debounces writes: a drag or resize fires dozens of events a second, and each would otherwise
 * touch the disk. A failed write (read-only or full disk) is reported, never thrown into Electron's
 * event loop: losing the window size is not worth a crash.
 */
export function stateSaver(
  file: string,
  delayMs = 500,
  write: (file: string, state: WindowState) => void = writeWindowState,
  onError: (e: unknown) => void = () => {},
): StateSaver {
  let pending: WindowState | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    const s = pending;
    pending = null;
    try {
      write(file, s);
    } catch (e) {
      onError(e);
    }
  };
  return {
    schedule(state) {
      pending = state;
      clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    },
    flush,
  };
}

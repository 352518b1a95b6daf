import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const WindowState = z.object({
  width: z.number().int().min(600).max(10000),
  height: z.number().int().min(400).max(10000),
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof WindowState>;

export const DEFAULT_STATE: WindowState = { width: 1280, height: 860, maximized: false };

/** The last window size and position, read from a JSON file; a missing or bad file gives the defaults. */
export function readWindowState(file: string): WindowState {
  try {
    const parsed = WindowState.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : DEFAULT_STATE;
  } catch {
    return DEFAULT_STATE;
  }
}

export function writeWindowState(file: string, state: WindowState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state));
  fs.renameSync(tmp, file);
}

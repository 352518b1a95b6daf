import { afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The built command line (npm test builds it before the tests). */
export const CLI = path.resolve(__dirname, '../../dist/cli/index.mjs');
/** The fixed "now" of command-line tests: 2026-03-10 10:00 in Shanghai. */
export const CLI_NOW = '2026-03-10T10:00:00+08:00';

/**
 * A temporary folder for one test file (removed after its tests) and `run(...args)`, which runs the
 * built command line on the fixed clock with English messages.
 */
export function cliSandbox(prefix: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args], {
      encoding: 'utf8',
      env: { ...process.env, REGULARS_NOW: CLI_NOW, LANG: 'en_US.UTF-8' },
    });
  return { dir, run };
}

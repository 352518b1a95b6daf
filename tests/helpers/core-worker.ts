import { afterAll, afterEach, beforeAll } from 'vitest';
import { build, type BuildOptions } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import type { Pool } from '../../main/core/pool';

/**
 * The core worker (and the import worker beside it) built for a test run, as scripts/build.mjs builds it, into a folder of its own
 * under node_modules/.cache (so `better-sqlite3` resolves, and a parallel `npm run build` wiping
 * dist/ cannot pull it away mid-test).
 */
export async function buildCoreWorker(): Promise<string> {
  const cache = path.resolve(__dirname, '../../node_modules/.cache');
  fs.mkdirSync(cache, { recursive: true });
  const dir = fs.mkdtempSync(path.join(cache, 'core-worker-'));
  const outfile = path.join(dir, 'core-worker.mjs');
  const common: BuildOptions = {
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    external: ['better-sqlite3', 'electron'],
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  };
  // the import worker beside it: the writer starts it for import.start
  await Promise.all([
    build({ ...common, entryPoints: [path.resolve(__dirname, '../../main/core/worker.ts')], outfile }),
    build({
      ...common,
      entryPoints: [path.resolve(__dirname, '../../main/services/import/worker.ts')],
      outfile: path.join(dir, 'import-worker.mjs'),
    }),
  ]);
  return outfile;
}

export function removeCoreWorker(file: string): void {
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

/**
 * A test file's pools on one built core worker: `script` is built before the file's tests, each
 * pool pushed on `pools` is closed and each folder pushed on `dirs` removed after its test.
 */
export function poolHarness(): { script: string; dirs: string[]; pools: Pool[] } {
  const h = { script: '', dirs: [] as string[], pools: [] as Pool[] };
  beforeAll(async () => {
    h.script = await buildCoreWorker();
  });
  afterAll(() => removeCoreWorker(h.script));
  afterEach(async () => {
    await Promise.all(h.pools.splice(0).map((p) => p.close()));
    h.dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  });
  return h;
}

import { build, type BuildOptions } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

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

// Builds everything `npx regulars`, `npm start` and the tests need: the CLI/server bundle, the
// Electron main and preload bundles, the benchmark, and the renderer (Vite). Runs in `prepare`.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { rmSync } from 'node:fs';

const only = process.argv[2];
if (only === undefined) rmSync('dist', { recursive: true, force: true });

const external = ['better-sqlite3', 'electron'];
const esm = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  external,
  sourcemap: true,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
};

const jobs = [];
if (!only || only === 'node') {
  jobs.push(
    build({ ...esm, entryPoints: ['main/cli/index.ts'], outfile: 'dist/cli/index.mjs' }),
    build({ ...esm, entryPoints: ['bench/bench.ts'], outfile: 'dist/bench/bench.mjs' }),
    build({ ...esm, entryPoints: ['main/services/import/worker.ts'], outfile: 'dist/workers/import-worker.mjs' }),
    build({
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'cjs',
      external,
      sourcemap: true,
      logLevel: 'warning',
      entryPoints: { main: 'main/electron/main.ts', preload: 'main/electron/preload.ts' },
      outdir: 'dist/electron',
      outExtension: { '.js': '.cjs' },
    }),
  );
}
if (!only || only === 'renderer') {
  jobs.push(viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' }));
}
await Promise.all(jobs);

// Builds everything `npx regulars`, `npm start` and the tests need: the CLI/server bundle, the
// Electron main and preload bundles, the benchmark, and the renderer (Vite). Runs in `prepare`.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';

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

const worker = { minify: true, keepNames: true };

const jobs = [];
if (!only || only === 'node') {
  jobs.push(
    build({ ...esm, entryPoints: ['main/cli/index.ts'], outfile: 'dist/cli/index.mjs' }),
    build({ ...esm, entryPoints: ['bench/bench.ts'], outfile: 'dist/bench/bench.mjs' }),
    // The Electron main bundle carries the workers' SHA-256 and refuses a worker file that differs
    // (the workers run from outside the integrity-checked app.asar), so the workers are built first.
    Promise.all([
      // Workers are minified (names kept for stack traces; source maps beside them): each of the
      // pool's three threads and every import parses its bundle at start, so ~45% fewer bytes is a
      // quicker start-up and a quicker restart after a crash.
      build({ ...esm, ...worker, entryPoints: ['main/services/import/worker.ts'], outfile: 'dist/workers/import-worker.mjs' }),
      // the core's worker threads (main/core/pool.ts): the database lives there, never in main
      build({ ...esm, ...worker, entryPoints: ['main/core/worker.ts'], outfile: 'dist/workers/core-worker.mjs' }),
    ]).then(() =>
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
        define: {
          IMPORT_WORKER_SHA256: JSON.stringify(
            createHash('sha256').update(readFileSync('dist/workers/import-worker.mjs')).digest('hex'),
          ),
          CORE_WORKER_SHA256: JSON.stringify(
            createHash('sha256').update(readFileSync('dist/workers/core-worker.mjs')).digest('hex'),
          ),
        },
      }),
    ),
  );
}
if (!only || only === 'renderer') {
  jobs.push(viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' }));
}
await Promise.all(jobs);

#!/usr/bin/env node
// The CLI is built by `npm ci` (prepare); this shim only loads it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const cli = fileURLToPath(new URL('../dist/cli/index.mjs', import.meta.url));
if (!existsSync(cli)) {
  console.error('Regulars is not built yet: run `npm run build` in the Regulars folder.');
  process.exit(1);
}
await import(cli);

import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CORE_WORKER_FILE, createPool } from '../core/pool';
import { resolveDbPath } from '../paths';
import { startServer } from '../server/server';
import { intFlag, parseFlags } from './common';

const Flags = z.object({
  db: z.string().min(1).optional(),
  port: intFlag(0, 65535).default(0),
  open: z.boolean().default(false),
});

export function rendererDir(): string {
  // dist/cli/index.mjs -> dist/renderer
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
}

function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(`Could not open a browser; open the address above yourself.\n`));
  child.unref();
}

export async function serveCommand(args: string[]): Promise<number> {
  const flags = parseFlags(args, { db: { type: 'string' }, port: { type: 'string' }, open: { type: 'boolean' } }, Flags);
  // The database lives in the pool's worker threads; this thread only serves HTTP and relays calls.
  const workerDir = path.resolve(rendererDir(), '..', 'workers');
  const pool = await createPool({
    dbPath: resolveDbPath(flags.db),
    script: path.join(workerDir, CORE_WORKER_FILE),
    workerDir,
    role: 'serve',
  });
  const server = await startServer({
    call: (method, input) => pool.dispatch(method, input),
    staticDir: rendererDir(),
    port: flags.port,
  });
  process.stdout.write(`Regulars is running at ${server.url}\n`);
  if (flags.open) openBrowser(server.url);
  // Start-up work that may take a while on a big shop runs after the address is printed, in the
  // heavy reader, and again each new day while the app stays open.
  pool.startBackground();
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await pool.close();
  return 0;
}

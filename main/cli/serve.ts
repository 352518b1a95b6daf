import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CORE_WORKER_FILE, createPool } from '../core/pool';
import { resolveDbPath } from '../paths';
import { startServer } from '../server/server';
import { clockFromEnv, consoleLogger } from '../ctx';
import { ShareHost } from '../share/host';
import { checkShareAddress } from '../share/address';
import { CliError, intFlag, parseFlags } from './common';

const Flags = z.object({
  db: z.string().min(1).optional(),
  port: intFlag(0, 65535).default(0),
  open: z.boolean().default(false),
  share: z.string().min(1).max(80).optional(),
});

/** ADDRESS, ADDRESS:PORT, [IPv6] or [IPv6]:PORT; a bare IPv6 address has no port. */
export function parseShare(v: string): { address: string; port: number } {
  const m = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(v) ?? /^([^:]+)(?::(\d{1,5}))?$/.exec(v);
  const [address, port] = m ? [m[1]!, m[2]] : [v, undefined];
  const n = port === undefined ? 0 : Number(port);
  if (!Number.isInteger(n) || n > 65535) throw new CliError(`--share: the port must be 0 to 65535 (got ${port})`);
  return { address, port: n };
}

const ADDRESS_PROBLEMS: Record<string, string> = {
  address_invalid: 'is not an IP address of this computer (give one like 192.168.1.20; host names are not accepted)',
  address_wildcard: 'would listen on every network (0.0.0.0 / ::); give the one address other devices should use',
  address_not_here: 'is not an address of this computer (see `ip addr` / `ipconfig`)',
  port_in_use: 'cannot be used: the port is taken or not allowed',
};

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
  const flags = parseFlags(
    args,
    { db: { type: 'string' }, port: { type: 'string' }, open: { type: 'boolean' }, share: { type: 'string' } },
    Flags,
  );
  const share = flags.share === undefined ? null : parseShare(flags.share);
  // a wrong address is said at once, before the shop is opened
  const checked = share && checkShareAddress(share.address);
  if (checked && 'problem' in checked) throw new CliError(`--share ${flags.share}: ${ADDRESS_PROBLEMS[checked.problem]}`);
  // The database lives in the pool's worker threads; this thread only serves HTTP and relays calls.
  const workerDir = path.resolve(rendererDir(), '..', 'workers');
  const dbPath = resolveDbPath(flags.db);
  const pool = await createPool({ dbPath, script: path.join(workerDir, CORE_WORKER_FILE), workerDir, role: 'serve' });
  // Sharing with other devices (issue 18): off unless --share or Settings → Other devices switches it on.
  const host = new ShareHost({
    dispatch: (method, input, meta) => pool.dispatch(method, input, meta),
    dbPath,
    staticDir: rendererDir(),
    clock: clockFromEnv(),
    log: consoleLogger,
  });
  await host.init();
  const server = await startServer({
    call: (method, input) => host.local(method, input),
    staticDir: rendererDir(),
    port: flags.port,
  });
  const started = !share
    ? null
    : await host.start(share.address, share.port).catch(async (e: unknown) => {
        await server.close();
        await pool.close();
        const issue = (e as { issues?: { message: string }[] }).issues?.[0]?.message;
        throw new CliError(`--share ${flags.share}: ${issue ? (ADDRESS_PROBLEMS[issue] ?? issue) : String(e)}`);
      });
  process.stdout.write(`Regulars is running at ${server.url}\n`);
  if (started) {
    process.stdout.write(`Shared at ${started.url}\nCertificate SHA-256 fingerprint: ${started.fingerprint}\n`);
    process.stdout.write(
      `Only ${started.address}${started.cidr ? ` (devices on ${started.cidr}${started.interfaceName ? `, ${started.interfaceName}` : ''})` : ''} can reach it; pair a device in Settings → Other devices.\n`,
    );
  }
  if (flags.open) openBrowser(server.url);
  // Start-up work that may take a while on a big shop runs after the address is printed, in the
  // heavy reader, and again each new day while the app stays open.
  pool.startBackground();
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.stop();
  await server.close();
  await pool.close();
  return 0;
}

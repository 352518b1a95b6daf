import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CORE_WORKER_FILE, createPool } from '../core/pool';
import { resolveDbPath } from '../paths';
import { startServer } from '../server/server';
import { openShareHost } from '../share/setup';
import { checkShareAddress } from '../share/address';
import type { MessageKey } from '../../shared/i18n';
import { CliError, intFlag, parseFlags } from './common';
import { t } from './session';

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
  if (!Number.isInteger(n) || n > 65535) throw new CliError(t('cli.serve.port', { port: String(port) }));
  return { address, port: n };
}

const ADDRESS_PROBLEMS = new Set(['address_invalid', 'address_wildcard', 'address_not_here', 'port_in_use']);
/** Why --share's address cannot be used, in the command line's words (the code itself when unknown). */
const addressProblem = (p: string) => (ADDRESS_PROBLEMS.has(p) ? t(`cli.serve.${p}` as MessageKey) : p);

export function rendererDir(): string {
  // dist/cli/index.mjs -> dist/renderer
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
}

function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(t('cli.serve.noBrowser') + '\n'));
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
  if (checked && 'problem' in checked) throw new CliError(`--share ${flags.share}: ${addressProblem(checked.problem)}`);
  // The database lives in the pool's worker threads; this thread only serves HTTP and relays calls.
  const workerDir = path.resolve(rendererDir(), '..', 'workers');
  const dbPath = resolveDbPath(flags.db);
  const pool = await createPool({ dbPath, script: path.join(workerDir, CORE_WORKER_FILE), workerDir, role: 'serve' });
  // Sharing with other devices (issue 18): off unless --share or Settings → Other devices switches it on.
  const host = await openShareHost({
    dispatch: (method, input, meta) => pool.dispatch(method, input, meta),
    dbPath,
    staticDir: rendererDir(),
  });
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
        throw new CliError(`--share ${flags.share}: ${issue ? addressProblem(issue) : String(e)}`);
      });
  process.stdout.write(t('cli.serve.running', { url: server.url }) + '\n');
  if (started) {
    process.stdout.write(t('cli.serve.shared', { url: started.url ?? '' }) + '\n');
    process.stdout.write(t('cli.serve.fingerprint', { fingerprint: started.fingerprint ?? '' }) + '\n');
    const where = !started.cidr
      ? ''
      : started.interfaceName
        ? t('cli.serve.networkOn', { cidr: started.cidr, iface: started.interfaceName })
        : t('cli.serve.network', { cidr: started.cidr });
    process.stdout.write(t('cli.serve.reach', { address: started.address ?? '', where }) + '\n');
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

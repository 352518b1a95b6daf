import type { Reply } from '../../shared/api/errors';
import { clockFromEnv, consoleLogger, type Clock, type Logger } from '../ctx';
import type { CallMeta } from '../core/pool';
import { ShareHost } from './host';

export interface ShareSetup {
  /** the worker pool (or anything answering like it): the host runs no SQL itself */
  dispatch: (method: string, input: unknown, meta?: CallMeta) => Promise<Reply>;
  /** the shop's database file: the certificate and its key are kept beside it */
  dbPath: string;
  /** the built renderer, served to other devices on the shared address */
  staticDir: string;
  clock?: Clock;
  log?: Logger;
}

/**
 * The one way a process that owns the shop's window hosts sharing (issue 18): `regulars serve`
 * (main/cli/serve.ts) and the Electron main process (main/electron/main.ts) both call this, so the
 * listener, pairing, PIN sign-in and role checks are the same code in both. The host only does TLS
 * and relays calls to the pool. Sharing stays off until `sharing.start` (or `--share`).
 */
export async function openShareHost(o: ShareSetup): Promise<ShareHost> {
  const host = new ShareHost({
    dispatch: o.dispatch,
    dbPath: o.dbPath,
    staticDir: o.staticDir,
    clock: o.clock ?? clockFromEnv(),
    log: o.log ?? consoleLogger,
  });
  await host.init();
  return host;
}

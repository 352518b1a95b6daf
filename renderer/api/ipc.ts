import type { Reply } from '../../shared/api/errors';
import type { Transport } from './client';

interface Bridge {
  /** a reply, or a worker's reply as its JSON text (main/core/encoded-reply.ts) */
  call(method: string, input: unknown): Promise<Reply | string>;
}

/** The preload's bridge, present only inside the Electron window. */
export function ipcBridge(): Bridge | undefined {
  return (window as unknown as { regulars?: Bridge }).regulars;
}

export function ipcTransport(bridge: Bridge): Transport {
  return async (method, input) => {
    const r = await bridge.call(method, input);
    return typeof r === 'string' ? (JSON.parse(r) as Reply) : r;
  };
}

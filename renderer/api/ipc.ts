import type { Reply } from '../../shared/api/errors';
import type { Transport } from './client';

interface Bridge {
  call(method: string, input: unknown): Promise<Reply>;
}

/** The preload's bridge, present only inside the Electron window. */
export function ipcBridge(): Bridge | undefined {
  return (window as unknown as { regulars?: Bridge }).regulars;
}

export function ipcTransport(bridge: Bridge): Transport {
  return (method, input) => bridge.call(method, input);
}

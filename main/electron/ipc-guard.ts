import { fail, type Reply } from '../../shared/api/errors';
import { isMethod } from '../../shared/api/contract';
import { dispatch } from '../api';
import type { Ctx } from '../ctx';
import type { Caller } from '../server/server';
import { isOurRenderer } from './app-protocol';
import { encodedText } from '../core/encoded-reply';

export { isOurRenderer };

/**
 * What goes back over IPC: a reply the worker encoded as its JSON text goes as that text (a big
 * list is never cloned on the main process, which every counter call passes through); the page
 * parses it (renderer/api/ipc.ts). Any other reply as it is.
 */
export function forWindow(reply: Reply): Reply | string {
  return encodedText(reply) ?? reply;
}

/**
 * Every IPC message is checked before it reaches the core: it must come from our own renderer page
 * (app://regulars/index.html, main/electron/app-protocol.ts) and name a contract method; `dispatch`
 * then checks the input against the method's schema. Never throws, because Electron's invoke would
 * keep only an error's message.
 */
export async function guardedCall(
  core: Caller | Ctx,
  senderUrl: string | undefined,
  method: unknown,
  input: unknown,
): Promise<Reply> {
  if (!isOurRenderer(senderUrl)) return fail('FORBIDDEN');
  if (typeof method !== 'string' || !isMethod(method)) return fail('UNKNOWN_METHOD');
  // the worker pool's dispatch in the app; an in-process context in tests
  return typeof core === 'function' ? core(method, input) : dispatch(method, input, core);
}

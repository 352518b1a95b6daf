import { pathToFileURL } from 'node:url';
import { fail, type Reply } from '../../shared/api/errors';
import { isMethod } from '../../shared/api/contract';
import { dispatch } from '../api';
import type { Ctx } from '../ctx';

/**
 * Every IPC message is checked before it reaches the core: it must come from our own renderer
 * page (the packaged index.html, any #route) and name a contract method; `dispatch` then checks the
 * input against the method's schema.
 */
export function isOurRenderer(senderUrl: string | undefined, indexHtml: string): boolean {
  if (!senderUrl) return false;
  let u: URL;
  try {
    u = new URL(senderUrl);
  } catch {
    return false;
  }
  const ours = pathToFileURL(indexHtml);
  return u.protocol === 'file:' && u.pathname === ours.pathname && u.host === ours.host;
}

export async function guardedCall(
  ctx: Ctx,
  indexHtml: string,
  senderUrl: string | undefined,
  method: unknown,
  input: unknown,
): Promise<Reply> {
  if (!isOurRenderer(senderUrl, indexHtml)) return fail('FORBIDDEN');
  if (typeof method !== 'string' || !isMethod(method)) return fail('UNKNOWN_METHOD');
  return dispatch(method, input, ctx);
}

import { pathToFileURL } from 'node:url';
import { fail, type Reply } from '../../shared/api/errors';
import { isMethod } from '../../shared/api/contract';
import { dispatch } from '../api';
import type { Ctx } from '../ctx';

/**
 * The file path a file:// URL names, as a plain string, or null for anything else. Both sides of
 * every comparison go through here: Chromium and Node percent-encode paths differently (spaces,
 * Chinese folder names such as "回头客 Regulars"), so encoded URLs cannot be compared as text.
 */
function filePathOf(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  // A host means a UNC share (file://server/...): never where the packaged app runs from.
  if (u.protocol !== 'file:' || u.host !== '') return null;
  // An encoded separator or NUL could make a different file decode to our path.
  if (/%(2f|5c|00)/i.test(u.pathname)) return null;
  try {
    return decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
}

function fold(p: string, platform: NodeJS.Platform): string {
  // Windows paths are case-insensitive, and drive letters come back in either case.
  return platform === 'win32' ? p.toLowerCase() : p;
}

/**
 * True only for our own renderer page: the packaged index.html over file://, with any #route or
 * ?query (neither changes which file runs). http(s), other files, devtools://, about:blank and
 * missing URLs are all refused.
 */
export function isOurRenderer(
  senderUrl: string | undefined,
  indexHtml: string,
  platform: NodeJS.Platform = process.platform,
): boolean {
  if (!senderUrl) return false;
  const sender = filePathOf(senderUrl);
  const ours = filePathOf(pathToFileURL(indexHtml).href);
  return sender !== null && ours !== null && fold(sender, platform) === fold(ours, platform);
}

/**
 * True for file:// URLs inside `dir` (the built renderer): the only local files the window may
 * load, so a compromised page cannot pull other files of the shop's computer in as images.
 */
export function isInsideDir(url: string, dir: string, platform: NodeJS.Platform = process.platform): boolean {
  const p = filePathOf(url);
  const root = filePathOf(pathToFileURL(dir).href);
  if (p === null || root === null) return false;
  const prefix = fold(root.endsWith('/') ? root : root + '/', platform);
  // The URL parser has already resolved "..", so the second test is only belt and braces.
  return fold(p, platform).startsWith(prefix) && !p.split('/').includes('..');
}

/**
 * Every IPC message is checked before it reaches the core: it must come from our own renderer page
 * and name a contract method; `dispatch` then checks the input against the method's schema. Never
 * throws, because Electron's invoke would keep only an error's message.
 */
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

import fs from 'node:fs/promises';
import path from 'node:path';
import { CSP } from '../security/csp';
import { contentTypeOf } from '../security/content-types';

/**
 * The Electron window loads the renderer from app://regulars/, a privileged standard scheme served by
 * our own handler (protocol.handle in main.ts), not from file://. A file:// page may read any file of
 * the computer that the OS lets it (and Electron's GrantFileProtocolExtraPrivileges fuse, now off,
 * gave file:// pages more); an app:// page gets exactly the files below, from the built renderer,
 * with the CSP header on each. This module is plain Node, so the path resolution is unit-tested.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'regulars';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * Registered before `ready` (protocol.registerSchemesAsPrivileged): standard (an origin of its own,
 * so 'self' in the CSP and web storage work) and secure. corsEnabled stays off: Electron then refuses
 * cross-origin requests to the scheme, while the page's own same-origin module scripts still load.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false } as const;

/** The URL's pathname, decoded once, or null for anything not ours or not a plain path. */
function appPath(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST || u.username || u.password) return null;
  // An encoded separator, dot or NUL could make a name decode to a path outside the folder.
  if (/%(2f|5c|00|2e)/i.test(u.pathname) || u.pathname.includes('\\')) return null;
  try {
    return decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
}

/**
 * The file an app:// URL names inside the built renderer, or null: another scheme or host, "..",
 * encoded separators, backslashes, NUL, dot-files, or anything resolving outside `rendererDir`.
 * "/" is index.html; the query and #route do not change the file.
 */
export function resolveAppPath(url: string, rendererDir: string): string | null {
  let p = appPath(url);
  if (p === null || p.includes('\0')) return null;
  if (p === '/' || p === '') p = '/index.html';
  const parts = p.split('/').filter((s) => s !== '');
  if (parts.some((s) => s === '..' || s === '.' || s.startsWith('.'))) return null;
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, ...parts);
  return file.startsWith(root + path.sep) ? file : null;
}

/** True only for our own page (index.html on app://regulars), at any #route or ?query. */
export function isOurRenderer(senderUrl: string | undefined): boolean {
  if (!senderUrl) return false;
  const p = appPath(senderUrl);
  return p === '/index.html' || p === '/';
}

/** True for any URL on our app:// origin (the handler then decides which file, if any). */
export function isAppUrl(url: string): boolean {
  return appPath(url) !== null;
}

export interface AppResponse {
  status: number;
  body: Buffer | string;
  headers: Record<string, string>;
}

/** What the protocol handler answers for a URL: the file with its type and the CSP, or 404. */
export async function serveAppUrl(url: string, rendererDir: string): Promise<AppResponse> {
  const base = { 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': CSP };
  const notFound: AppResponse = { status: 404, body: 'Not found', headers: { ...base, 'Content-Type': 'text/plain' } };
  const file = resolveAppPath(url, rendererDir);
  if (file === null) return notFound;
  try {
    const body = await fs.readFile(file);
    return { status: 200, body, headers: { ...base, 'Content-Type': contentTypeOf(file) } };
  } catch {
    return notFound;
  }
}

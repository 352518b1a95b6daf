import type { Reply } from '../../shared/api/errors';
import type { Transport } from './client';

const TOKEN_KEY = 'regulars.token';

/**
 * Browser mode: the per-launch token comes in the address Regulars prints (?token=…). It is moved
 * into this tab's sessionStorage at once and taken out of the address (history.replaceState), so it
 * is not left in the address bar, the history entry, a bookmark or a shared screenshot. ?lang= and
 * the #route stay; a reload or another screen of this tab uses the stored token.
 */
export function readToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (!fromUrl) return sessionStorage.getItem(TOKEN_KEY) ?? '';
  sessionStorage.setItem(TOKEN_KEY, fromUrl);
  window.history.replaceState(window.history.state, '', withoutToken(url));
  return fromUrl;
}

/** The address without its token: ?lang= and the #route kept. */
export function withoutToken(url: URL): string {
  const u = new URL(url.href);
  u.searchParams.delete('token');
  return u.pathname + u.search + u.hash;
}

export function httpTransport(token: string): Transport {
  return async (method, input) => {
    const res = await fetch(`/api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(input),
    });
    return (await res.json()) as Reply;
  };
}

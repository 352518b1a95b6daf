import type { Reply } from '../../shared/api/errors';
import type { Transport } from './client';

/** Browser mode: the per-launch token comes in the page address (?token=…) and is kept for the tab. */
export function readToken(): string {
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) {
    sessionStorage.setItem('regulars.token', fromUrl);
    return fromUrl;
  }
  return sessionStorage.getItem('regulars.token') ?? '';
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

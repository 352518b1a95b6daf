import type { Reply } from '../../shared/api/errors';
import type { Transport } from './client';

/**
 * Another device on the shop's network (issue 18): the page came from the shared HTTPS address, so
 * there is no per-launch token. The device is known by its HttpOnly cookie, which `fetch` sends to
 * its own origin; the server ignores any Authorization header there.
 */
export type SessionLoss = 'unpaired' | 'signedOut';

const listeners = new Set<(why: SessionLoss) => void>();

/** Tells the device gate when a call shows that the device was revoked or its staff signed out. */
export function onSessionLoss(fn: (why: SessionLoss) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Pairing and signing in answer 401 for a wrong code or PIN: that is not a lost session. */
const ASKING = new Set(['device.pair', 'device.signIn']);

export function deviceTransport(): Transport {
  return async (method, input) => {
    const res = await fetch(`/api/${encodeURIComponent(method)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    const reply = (await res.json()) as Reply;
    if (!reply.ok && !ASKING.has(method)) {
      if (reply.error.code === 'UNAUTHORIZED') for (const l of listeners) l('unpaired');
      else if (reply.error.code === 'FORBIDDEN' && reply.error.detail?.reason === 'sign_in')
        for (const l of listeners) l('signedOut');
    }
    return reply;
  };
}

/**
 * The main till's own transport (loopback token or the Electron bridge), watched for the answer
 * that its signed-in person is gone (when the owner asks for a PIN on the main till too).
 */
export function watchedTransport(inner: Transport): Transport {
  return async (method, input) => {
    const reply = await inner(method, input);
    if (!reply.ok && reply.error.code === 'FORBIDDEN' && reply.error.detail?.reason === 'sign_in')
      for (const l of listeners) l('signedOut');
    return reply;
  };
}

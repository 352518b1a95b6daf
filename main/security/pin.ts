import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * Staff PINs (issue 18) are stored as `scrypt$N$r$p$salt$hash` (base64url), each with its own
 * random salt; the PIN itself is never stored or logged. A PIN is short, so what really protects it
 * is the lockout after repeated wrong attempts (main/server/share-limits.ts); scrypt keeps a copied
 * database from giving the PINs away in a moment.
 */
const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;

export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, KEYLEN, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** Checks a PIN against its stored hash off the calling thread (libuv's pool), in constant time. */
export function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return Promise.resolve(false);
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  return new Promise((resolve) => {
    scrypt(pin, salt, expected.length, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (err, got) => {
      resolve(!err && got.length === expected.length && timingSafeEqual(got, expected));
    });
  });
}

/**
 * Lockout after repeated failures (issue 18): pairing codes and PINs. Each key (an address, a staff
 * member, a device) may fail `maxFailures` times; then it is locked for `lockMs`, doubling with each
 * further lockout up to `maxLockMs`. A success clears the failures (not the lockout history).
 * Kept in the listening process's memory: restarting the app is the owner's to do anyway.
 */
export interface LimitOptions {
  maxFailures: number;
  lockMs: number;
  maxLockMs: number;
}

interface Entry {
  failures: number;
  lockedUntil: number;
  locks: number;
}

export class Lockout {
  private entries = new Map<string, Entry>();
  constructor(private readonly opts: LimitOptions) {}

  /** seconds until the key may try again, 0 when it may now */
  retryAfter(key: string, now: number): number {
    const e = this.entries.get(key);
    return e && e.lockedUntil > now ? Math.ceil((e.lockedUntil - now) / 1000) : 0;
  }

  /** counts a failure; returns the seconds locked out if this one locked it */
  fail(key: string, now: number): number {
    const e = this.entries.get(key) ?? { failures: 0, lockedUntil: 0, locks: 0 };
    e.failures++;
    if (e.failures >= this.opts.maxFailures) {
      const ms = Math.min(this.opts.maxLockMs, this.opts.lockMs * 2 ** e.locks);
      e.lockedUntil = now + ms;
      e.locks++;
      e.failures = 0;
    }
    this.entries.set(key, e);
    return this.retryAfter(key, now);
  }

  succeed(key: string): void {
    const e = this.entries.get(key);
    if (e) e.failures = 0;
  }
}

/**
 * Lockout after repeated failures (issue 18): pairing codes and PINs. Each key (an address, a staff
 * member, a device) may fail `maxFailures` times; then it is locked for `lockMs`, doubling with each
 * further lockout up to `maxLockMs`. A success clears the failures (not the lockout history).
 * Checked in the listening process's memory and written through to the database (`share_lockouts`,
 * one short transaction each): quitting and reopening the app gives a guesser no fresh tries.
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

/** Where a lockout's entries are kept (the core's `lockouts.put`), under `prefix:key`. */
export interface LockoutStore {
  prefix: string;
  save(r: { key: string } & Entry): Promise<void>;
}

export class Lockout {
  private entries = new Map<string, Entry>();
  private writes: Promise<void>[] = [];
  constructor(
    private readonly opts: LimitOptions,
    private readonly store?: LockoutStore,
  ) {}

  /** Takes this lockout's entries from those kept (others' prefixes left out). */
  load(records: readonly ({ key: string } & Entry)[]): void {
    const p = this.store ? `${this.store.prefix}:` : null;
    if (!p) return;
    this.entries = new Map(
      records
        .filter((r) => r.key.startsWith(p))
        .map((r) => [r.key.slice(p.length), { failures: r.failures, lockedUntil: r.lockedUntil, locks: r.locks }]),
    );
  }

  /** Waits until every change so far is written. */
  async saved(): Promise<void> {
    const w = this.writes;
    this.writes = [];
    await Promise.all(w);
  }

  private keep(key: string, e: Entry): void {
    if (this.store) this.writes.push(this.store.save({ key: `${this.store.prefix}:${key}`, ...e }));
  }

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
    this.keep(key, e);
    return this.retryAfter(key, now);
  }

  succeed(key: string): void {
    const e = this.entries.get(key);
    if (e && e.failures) {
      e.failures = 0;
      this.keep(key, e);
    }
  }
}

import { createHash } from 'node:crypto';
import type { Method } from '../../shared/api/contract';
import type { Reply } from '../../shared/api/errors';
import type { DeviceMe, DeviceRecord, LockoutRecord, PinRecord, StaffAccess } from '../../shared/schemas/sharing';
import type { Clock, Logger } from '../ctx';
import type { CallMeta } from '../core/pool';
import { verifyPin } from '../security/pin';
import { Lockout, type LockoutStore } from './limits';

export const sha256 = (s: string): Buffer => createHash('sha256').update(s).digest();

/** A device unused this long is expired (pairing again is needed). */
export const DEVICE_IDLE_MS = 30 * 24 * 3600_000;
/** Staff signed in on a device unused this long are signed out. */
export const SESSION_IDLE_MS = 12 * 3600_000;
/** last seen is written to the database at most this often per device */
const SEEN_EVERY_MS = 30_000;
/** after these succeed, the devices and staff are read again (who may sign in, who was revoked) */
const RELOAD_AFTER = new Set<Method>([
  'staff.setAccess',
  'staff.update',
  'staff.create',
  'devices.revoke',
  'backups.restore',
  'shop.loadDemo',
  'shop.startEmpty',
]);

type Dispatch = (method: string, input: unknown, meta?: CallMeta) => Promise<Reply>;

/**
 * The paired devices and staff access as the listening process knows them (issue 18): read from
 * the core at start and after every change that touches them, so each call from another device is
 * checked in memory — token (only its SHA-256 is kept), revoked or idle, who is signed in, role —
 * without a round trip. Every change itself is written through the core first.
 */
export class DeviceAuth {
  readonly pairLock = new Lockout({ maxFailures: 5, lockMs: 5 * 60_000, maxLockMs: 60 * 60_000 }, this.store('pair'));
  readonly pinStaffLock = new Lockout({ maxFailures: 5, lockMs: 5 * 60_000, maxLockMs: 60 * 60_000 }, this.store('pin'));
  readonly pinDeviceLock = new Lockout(
    { maxFailures: 10, lockMs: 15 * 60_000, maxLockMs: 60 * 60_000 },
    this.store('pin-device'),
  );
  private byHash = new Map<string, DeviceRecord>();
  private staff: StaffAccess[] = [];
  private flushed = new Map<number, number>();
  private timer: NodeJS.Timeout | null = null;
  private reloading: Promise<void> = Promise.resolve();
  /** counts the changes made here to the devices in memory (see readAll) */
  private changes = 0;

  constructor(
    private readonly dispatch: Dispatch,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** lockouts written through to the core (share_lockouts), so a restart keeps them */
  private store(prefix: string): LockoutStore {
    return {
      prefix,
      save: async (r) => {
        try {
          await this.core('lockouts.put', r);
        } catch (e) {
          this.log.error('sharing: lockout not saved', e);
        }
      },
    };
  }

  /** Waits until every lockout change so far is in the database. */
  async locksSaved(): Promise<void> {
    await Promise.all([this.pairLock.saved(), this.pinStaffLock.saved(), this.pinDeviceLock.saved()]);
  }

  private async core<T>(method: string, input: unknown, meta: CallMeta = {}): Promise<T> {
    const r = await this.dispatch(method, input, { trusted: true, ...meta });
    if (!r.ok) throw new Error(`sharing: ${method} failed (${r.error.code})`);
    return r.data as T;
  }

  /**
   * Reads devices, staff and lockouts again. Reloads run one after another, and one that overlapped
   * a change made here (a device paired, signed in, expired) reads again: an older read finishing
   * last never puts back a list from before a PIN was set or a device was paired.
   */
  reload(): Promise<void> {
    const next = this.reloading.catch(() => undefined).then(() => this.readAll());
    this.reloading = next;
    return next;
  }

  private async readAll(): Promise<void> {
    for (;;) {
      await this.flush();
      const seen = this.changes;
      const [devices, staff, locks] = await Promise.all([
        this.core<DeviceRecord[]>('devices.records', {}),
        this.core<StaffAccess[]>('staff.access', {}),
        this.core<LockoutRecord[]>('lockouts.records', {}),
      ]);
      if (seen !== this.changes) continue;
      for (const l of [this.pairLock, this.pinStaffLock, this.pinDeviceLock]) l.load(locks);
      this.byHash = new Map(devices.filter((d) => d.revokedAt === null).map((d) => [d.tokenHash, d]));
      this.flushed = new Map(devices.map((d) => [d.id, d.lastSeenAt]));
      this.staff = staff;
      return;
    }
  }

  async after(method: Method): Promise<void> {
    if (RELOAD_AFTER.has(method)) await this.reload();
  }

  /** The device behind a token, as known now (no idle check): for refusing a stranger before the body is read. */
  device(token: string): DeviceRecord | null {
    return this.byHash.get(sha256(token).toString('hex')) ?? null;
  }

  /** The device behind a token, expired when idle too long; marks it seen (and signs out idle staff). */
  async authenticate(token: string): Promise<DeviceRecord | null> {
    const dev = this.device(token);
    if (!dev) return null;
    const now = this.clock.now();
    const idle = now - dev.lastSeenAt;
    if (idle > DEVICE_IDLE_MS) {
      this.byHash.delete(dev.tokenHash);
      this.changes++;
      await this.core('devices.updateRecord', { id: dev.id, revoke: 'idle' }, { actor: { device: dev.name, staff: null } });
      return null;
    }
    dev.lastSeenAt = Math.max(dev.lastSeenAt, now);
    if (dev.staffId !== null && idle > SESSION_IDLE_MS) return this.setStaff(dev, null);
    return dev;
  }

  /** Who is signed in on a device and may still be (active, with a PIN); null: nobody. */
  async session(dev: DeviceRecord): Promise<StaffAccess | null> {
    if (dev.staffId === null) return null;
    const s = this.staff.find((x) => x.staffId === dev.staffId);
    if (s && s.isActive && s.hasPin) return s;
    await this.setStaff(dev, null);
    return null;
  }

  me(dev: DeviceRecord, staff: StaffAccess | null): DeviceMe {
    return {
      device: { id: dev.id, name: dev.name },
      staff: staff ? { id: staff.staffId, name: staff.name, role: staff.role } : null,
    };
  }

  signInChoices(): { id: number; name: string }[] {
    return this.staff.filter((s) => s.isActive && s.hasPin).map((s) => ({ id: s.staffId, name: s.name }));
  }

  async add(name: string, token: string): Promise<DeviceRecord | null> {
    try {
      const tokenHash = sha256(token).toString('hex');
      const dev = await this.core<DeviceRecord>(
        'devices.addRecord',
        { name, tokenHash },
        { actor: { device: name, staff: null } },
      );
      this.byHash.set(dev.tokenHash, dev);
      this.flushed.set(dev.id, dev.lastSeenAt);
      this.changes++;
      return dev;
    } catch (e) {
      this.log.error('sharing: pairing could not be saved', e);
      return null;
    }
  }

  async setStaff(dev: DeviceRecord, staffId: number | null): Promise<DeviceRecord> {
    const name = this.staff.find((s) => s.staffId === (staffId ?? dev.staffId))?.name ?? null;
    const next = await this.core<DeviceRecord>(
      'devices.updateRecord',
      { id: dev.id, staffId },
      { actor: { device: dev.name, staff: name } },
    );
    const kept = { ...next, lastSeenAt: Math.max(next.lastSeenAt, dev.lastSeenAt) };
    this.byHash.set(kept.tokenHash, kept);
    this.changes++;
    return kept;
  }

  /** Checks a PIN (locked out after repeated failures, per staff member and per device). */
  async signIn(
    dev: DeviceRecord,
    staffId: number,
    pin: string,
    _ip: string,
  ): Promise<{ retryAfter: number } | { device: DeviceRecord; staff: StaffAccess | null }> {
    const r = await this.checkPin(`device:${dev.id}`, staffId, pin);
    if ('retryAfter' in r) return r;
    if (!r.staff) return { device: dev, staff: null };
    return { device: await this.setStaff(dev, staffId), staff: r.staff };
  }

  /** A PIN for one staff member at one place (a device, or the main till): locks counted for both. */
  async checkPin(place: string, staffId: number, pin: string): Promise<{ retryAfter: number } | { staff: StaffAccess | null }> {
    const now = this.clock.now();
    const sKey = `staff:${staffId}`;
    const wait = Math.max(this.pinDeviceLock.retryAfter(place, now), this.pinStaffLock.retryAfter(sKey, now));
    if (wait) return { retryAfter: wait };
    const r = await this.dispatch('staff.pinRecord', { id: staffId }, { trusted: true });
    const rec = r.ok ? (r.data as PinRecord) : null;
    const good = rec !== null && rec.isActive && rec.pinHash !== null && (await verifyPin(pin, rec.pinHash));
    if (!good) {
      const locked = Math.max(this.pinDeviceLock.fail(place, now), this.pinStaffLock.fail(sKey, now));
      await this.locksSaved();
      return locked ? { retryAfter: locked } : { staff: null };
    }
    this.pinDeviceLock.succeed(place);
    this.pinStaffLock.succeed(sKey);
    await this.locksSaved();
    return { staff: this.staff.find((s) => s.staffId === staffId) ?? null };
  }

  /** Staff access as last read (who may sign in, with which role). */
  staffAccess(staffId: number): StaffAccess | null {
    return this.staff.find((s) => s.staffId === staffId && s.isActive && s.hasPin) ?? null;
  }

  /** Writes when each device was last seen (at most every 30 s each). */
  async flush(): Promise<void> {
    for (const dev of this.byHash.values()) {
      if (dev.lastSeenAt - (this.flushed.get(dev.id) ?? 0) < SEEN_EVERY_MS) continue;
      this.flushed.set(dev.id, dev.lastSeenAt);
      try {
        await this.core('devices.updateRecord', { id: dev.id, lastSeenAt: dev.lastSeenAt });
      } catch (e) {
        this.log.error('sharing: last seen not saved', e);
      }
    }
  }

  startFlushing(): void {
    this.timer ??= setInterval(() => void this.flush(), SEEN_EVERY_MS);
    this.timer.unref();
  }

  async stopFlushing(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }
}

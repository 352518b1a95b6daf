import type { Method } from '../../shared/api/contract';
import { fail, type Reply } from '../../shared/api/errors';
import type { DeviceMe, StaffAccess } from '../../shared/schemas/sharing';
import type { Clock } from '../ctx';
import type { Actor } from '../db/queries/audit';
import { ACCESS, roleAllows } from '../core/roles';
import { SESSION_IDLE_MS, type DeviceAuth } from './devices';

/** The main till as a "device" in device.me answers (id 0 never names a paired device). */
const MAIN_TILL = { id: 0, name: 'main till' };
const PLACE = 'main-till';

/**
 * The main till's own window (loopback browser mode or the Electron window, issue 18): the owner's,
 * unless the owner asked for a PIN on it too (Settings → Other devices, `mainTill.set`). Then it
 * works like another device — the PIN page, the signed-in person's role, sign out back to the PIN
 * page — without pairing (it is this computer). Who signed in is kept only while the app runs.
 */
export class MainTill {
  private requirePin = false;
  private staffId: number | null = null;
  private lastCall = 0;

  constructor(
    private readonly auth: DeviceAuth,
    private readonly clock: Clock,
  ) {}

  setRequirePin(on: boolean): void {
    this.requirePin = on;
    if (!on) this.staffId = null;
  }

  /** The person signed in, signed out after 12 hours unused or when they may no longer sign in. */
  private who(): StaffAccess | null {
    if (this.staffId === null) return null;
    const s = this.auth.staffAccess(this.staffId);
    if (!s || this.clock.now() - this.lastCall > SESSION_IDLE_MS) this.staffId = null;
    return this.staffId === null ? null : s;
  }

  private me(staff: StaffAccess | null): DeviceMe {
    return { device: MAIN_TILL, staff: staff ? { id: staff.staffId, name: staff.name, role: staff.role } : null };
  }

  /**
   * A call from the main till's window: `null` when no PIN is asked (the owner; call on as such),
   * else the answer to a device method or a refusal, or the actor to call on with.
   */
  async gate(method: Method, input: unknown): Promise<{ reply: Reply } | { actor: Actor | null } | null> {
    if (!this.requirePin) return null;
    const access = ACCESS[method];
    if (access === 'device') return { reply: await this.deviceCall(method, input) };
    const staff = this.who();
    if (!staff) return { reply: fail('FORBIDDEN', undefined, { reason: 'sign_in' }) };
    if (!roleAllows(staff.role, access ?? 'owner')) return { reply: fail('FORBIDDEN', undefined, { reason: 'role' }) };
    this.lastCall = this.clock.now();
    return { actor: { device: null, staff: staff.name } };
  }

  private async deviceCall(method: Method, input: unknown): Promise<Reply> {
    if (method === 'device.me') return { ok: true, data: this.me(this.who()) };
    if (method === 'device.staff') return { ok: true, data: this.auth.signInChoices() };
    if (method === 'device.signOut') {
      this.staffId = null;
      return { ok: true, data: this.me(null) };
    }
    const { staffId, pin } = input as { staffId: number; pin: string };
    const r = await this.auth.checkPin(PLACE, staffId, pin);
    if ('retryAfter' in r) return fail('FORBIDDEN', undefined, { reason: 'locked', retryAfterSeconds: r.retryAfter });
    if (!r.staff) return fail('UNAUTHORIZED', [{ path: ['pin'], message: 'pin_wrong' }]);
    this.staffId = r.staff.staffId;
    this.lastCall = this.clock.now();
    return { ok: true, data: this.me(r.staff) };
  }
}

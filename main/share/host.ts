import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import QRCode from 'qrcode';
import { contract, isMethod, type Method } from '../../shared/api/contract';
import { AppError, fail, type Reply } from '../../shared/api/errors';
import type { DeviceMe, DeviceRecord, Pairing, ShareInterface, ShareStatus } from '../../shared/schemas/sharing';
import type { Clock, Logger } from '../ctx';
import { toFailure, toFieldIssues } from '../errors';
import type { Actor } from '../db/queries/audit';
import { ACCESS, roleAllows } from '../core/roles';
import type { CallMeta } from '../core/pool';
import type { ApiAnswer } from '../server/handler';
import { checkShareAddress, hostPart, shareInterfaces } from './address';
import { shopCertificate } from './cert';
import { listenShared, type ShareListener } from './listener';
import { DeviceAuth, sha256 } from './devices';
import { MainTill } from './main-till';

export type Dispatch = (method: string, input: unknown, meta?: CallMeta) => Promise<Reply>;

const PAIRING_MS = 5 * 60_000;
/** wrong codes that burn the current code (the owner makes a new one) */
const PAIRING_WRONG_MAX = 5;
/** methods answered here, by the process that owns the listener */
const HOST_METHODS = new Set<Method>([
  'sharing.status',
  'sharing.interfaces',
  'sharing.start',
  'sharing.stop',
  'sharing.pairingCode',
  'devices.list',
]);

export interface HostOptions {
  dispatch: Dispatch;
  dbPath: string;
  staticDir: string;
  clock: Clock;
  log: Logger;
}

const COOKIE = 'regulars_device';
const tokenOf = (req: IncomingMessage): string | null => {
  const m = /(?:^|;\s*)regulars_device=([A-Za-z0-9_-]{20,100})(?:;|$)/.exec(req.headers.cookie ?? '');
  return m ? m[1]! : null;
};
const unauthorized = (issues?: { path: (string | number)[]; message: string }[]): ApiAnswer => ({
  status: 401,
  reply: fail('UNAUTHORIZED', issues),
});
const forbidden = (reason: string, extra: Record<string, unknown> = {}): ApiAnswer => ({
  status: 403,
  reply: fail('FORBIDDEN', undefined, { reason, ...extra }),
});
const locked = (retryAfterSeconds: number): ApiAnswer => ({
  status: 429,
  reply: fail('FORBIDDEN', undefined, { reason: 'locked', retryAfterSeconds }),
  headers: { 'Retry-After': String(retryAfterSeconds) },
});

/**
 * Sharing the shop on its own network (issue 18, docs/security.md): the HTTPS listener on the
 * address the owner picked, the one-time pairing code, and every call from another device —
 * pairing, PIN sign-in and the role check (main/core/roles.ts) — before it reaches the core. The
 * main till (loopback browser mode) calls through `local`, as the owner.
 */
export class ShareHost {
  private listener: { l: ShareListener; address: string; fingerprint: string; iface: ShareInterface | null } | null = null;
  private pairing: { codeHash: Buffer; code: string; expiresAt: number; wrong: number; qr: string } | null = null;
  readonly auth: DeviceAuth;
  private readonly mainTill: MainTill;

  constructor(private readonly opts: HostOptions) {
    this.auth = new DeviceAuth(opts.dispatch, opts.clock, opts.log);
    this.mainTill = new MainTill(this.auth, opts.clock);
  }

  async init(): Promise<void> {
    await this.auth.reload();
    const r = await this.opts.dispatch('mainTill.get', {});
    this.mainTill.setRequirePin(r.ok && (r.data as { requirePin: boolean }).requirePin);
  }

  private now(): number {
    return this.opts.clock.now();
  }

  url(): string | null {
    return this.listener ? `https://${hostPart(this.listener.address)}:${this.listener.l.port}` : null;
  }

  status(): ShareStatus {
    const l = this.listener;
    const p = this.pairing && this.pairing.expiresAt > this.now() ? this.pairing : null;
    return {
      enabled: l !== null,
      address: l?.address ?? null,
      port: l?.l.port ?? null,
      url: this.url(),
      fingerprint: l?.fingerprint ?? null,
      interfaceName: l?.iface?.name ?? null,
      cidr: l?.iface?.cidr ?? null,
      pairing: p ? { code: p.code, expiresAt: p.expiresAt, url: this.pairUrl(p.code), qrDataUrl: p.qr } : null,
      available: true,
    };
  }

  private pairUrl(code: string): string {
    return `${this.url()}/#/pair?code=${code}`;
  }

  /** Starts listening on one of this computer's addresses (a wildcard or a stranger's refused). */
  async start(rawAddress: string, port = 0): Promise<ShareStatus> {
    const checked = checkShareAddress(rawAddress);
    if ('problem' in checked) throw new AppError('VALIDATION', undefined, [{ path: ['address'], message: checked.problem }]);
    if (this.listener?.address === checked.address && (port === 0 || port === this.listener.l.port)) return this.status();
    await this.stop();
    // The certificate's validity is checked by the devices against their own clocks, never the
    // shop's business clock (REGULARS_NOW): it is dated by this computer's wall clock.
    const cert = await shopCertificate(this.opts.dbPath, checked.address);
    try {
      const l = await listenShared(checked.address, port, cert, {
        staticDir: this.opts.staticDir,
        gate: (method, req) => this.gate(method, req),
        api: (method, input, req) => this.remote(method, input, req),
      });
      this.listener = { l, address: checked.address, fingerprint: cert.fingerprint, iface: checked.iface };
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'EADDRINUSE' || code === 'EACCES')
        throw new AppError('VALIDATION', { code }, [{ path: ['port'], message: 'port_in_use' }]);
      throw e;
    }
    this.auth.startFlushing();
    return this.status();
  }

  /** Stops listening: every open connection is closed, every device's next call cannot connect. */
  async stop(): Promise<ShareStatus> {
    const l = this.listener;
    this.listener = null;
    this.pairing = null;
    if (l) await l.l.close();
    await this.auth.stopFlushing();
    return this.status();
  }

  async newPairing(): Promise<Pairing> {
    if (!this.listener) throw new AppError('CONFLICT', { reason: 'sharing_off' });
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = this.now() + PAIRING_MS;
    const qr = `data:image/svg+xml;base64,${Buffer.from(await QRCode.toString(this.pairUrl(code), { type: 'svg', margin: 2 })).toString('base64')}`;
    this.pairing = { codeHash: sha256(code), code, expiresAt, wrong: 0, qr };
    return { code, expiresAt, url: this.pairUrl(code), qrDataUrl: qr };
  }

  /** Before the body is read: a call from a device that has not paired goes no further. */
  private gate(method: string, req: IncomingMessage): ApiAnswer | null {
    if (isMethod(method) && ACCESS[method] === 'open') return null;
    const token = tokenOf(req);
    return token && this.auth.device(token) ? null : unauthorized();
  }

  /** A call from another device on the shared address. */
  async remote(method: string, input: unknown, req: IncomingMessage): Promise<ApiAnswer> {
    const ip = req.socket.remoteAddress ?? '?';
    if (isMethod(method) && ACCESS[method] === 'open') return this.pair(input, ip);
    const token = tokenOf(req);
    const dev = token ? await this.auth.authenticate(token) : null;
    if (!dev) return unauthorized();
    if (!isMethod(method)) return { status: 404, reply: fail('UNKNOWN_METHOD') };
    const access = ACCESS[method];
    if (access === 'internal') return forbidden('internal');
    if (access === 'device') return this.deviceCall(method, input, dev, ip);
    const staff = await this.auth.session(dev);
    if (!staff) return forbidden('sign_in');
    if (!roleAllows(staff.role, access)) return forbidden('role');
    let given = input;
    // a sale saved on a till names who is signed in there, unless the sale says otherwise
    if (method === 'sales.record' && typeof input === 'object' && input !== null && !('staffId' in input))
      given = { ...input, staffId: staff.staffId };
    return { status: 200, reply: await this.call(method, given, { device: dev.name, staff: staff.name }) };
  }

  /** The main till (loopback browser mode, the Electron window): the owner, unless a PIN is asked there. */
  async local(method: string, input: unknown): Promise<Reply> {
    if (!isMethod(method)) return this.call(method, input, null);
    const access = ACCESS[method];
    if (access === 'internal' || access === 'open') return fail('FORBIDDEN', undefined, { reason: 'not_a_device' });
    if (access === 'device') {
      const parsed = contract[method].input.safeParse(input ?? {});
      if (!parsed.success) return fail('VALIDATION', toFieldIssues(parsed.error));
      input = parsed.data;
    }
    const gated = await this.mainTill.gate(method, input);
    if (gated && 'reply' in gated) return gated.reply;
    if (!gated && access === 'device') return fail('FORBIDDEN', undefined, { reason: 'not_a_device' });
    return this.call(method, input, gated?.actor ?? null);
  }

  private async call(method: string, input: unknown, actor: Actor | null): Promise<Reply> {
    if (isMethod(method) && HOST_METHODS.has(method)) return this.hostMethod(method, input);
    const reply = await this.opts.dispatch(method, input, { actor });
    if (reply.ok && isMethod(method)) await this.auth.after(method);
    if (reply.ok && method === 'mainTill.set') this.mainTill.setRequirePin((reply.data as { requirePin: boolean }).requirePin);
    return reply;
  }

  private async hostMethod(method: Method, raw: unknown): Promise<Reply> {
    const parsed = contract[method].input.safeParse(raw ?? {});
    if (!parsed.success) return fail('VALIDATION', toFieldIssues(parsed.error));
    const input = parsed.data as { address?: string; port?: number };
    try {
      switch (method) {
        case 'sharing.status':
          return { ok: true, data: this.status() };
        case 'sharing.interfaces':
          return { ok: true, data: shareInterfaces() };
        case 'sharing.start':
          return { ok: true, data: await this.start(input.address!, input.port) };
        case 'sharing.stop':
          return { ok: true, data: await this.stop() };
        case 'sharing.pairingCode':
          return { ok: true, data: await this.newPairing() };
        default:
          await this.auth.flush();
          return await this.opts.dispatch(method, raw);
      }
    } catch (e) {
      return toFailure(e, { log: this.opts.log, where: `sharing: ${method}` });
    }
  }

  private async pair(raw: unknown, ip: string): Promise<ApiAnswer> {
    const now = this.now();
    const wait = this.auth.pairLock.retryAfter(ip, now);
    if (wait) return locked(wait);
    const parsed = contract['device.pair'].input.safeParse(raw ?? {});
    if (!parsed.success) return { status: 401, reply: fail('UNAUTHORIZED', toFieldIssues(parsed.error)) };
    const p = this.pairing;
    const given = sha256(parsed.data.code);
    if (!p || p.expiresAt <= now || !timingSafeEqual(given, p.codeHash)) {
      if (p && ++p.wrong >= PAIRING_WRONG_MAX) this.pairing = null;
      const lockedFor = this.auth.pairLock.fail(ip, now);
      await this.auth.locksSaved();
      if (lockedFor) return locked(lockedFor);
      return unauthorized([{ path: ['code'], message: 'pairing_code_wrong' }]);
    }
    this.pairing = null;
    this.auth.pairLock.succeed(ip);
    await this.auth.locksSaved();
    const token = randomBytes(32).toString('base64url');
    const dev = await this.auth.add(parsed.data.name, token);
    if (!dev) return { status: 200, reply: fail('INTERNAL') };
    return {
      status: 200,
      reply: { ok: true, data: this.auth.me(dev, null) },
      headers: { 'Set-Cookie': `${COOKIE}=${token}; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=${400 * 24 * 3600}` },
    };
  }

  private async deviceCall(method: Method, raw: unknown, dev: DeviceRecord, ip: string): Promise<ApiAnswer> {
    const parsed = contract[method].input.safeParse(raw ?? {});
    if (!parsed.success) return { status: 200, reply: fail('VALIDATION', toFieldIssues(parsed.error)) };
    const ok = (data: DeviceMe | { id: number; name: string }[]): ApiAnswer => ({ status: 200, reply: { ok: true, data } });
    if (method === 'device.me') return ok(this.auth.me(dev, await this.auth.session(dev)));
    if (method === 'device.staff') return ok(this.auth.signInChoices());
    if (method === 'device.signOut') return ok(this.auth.me(await this.auth.setStaff(dev, null), null));
    const { staffId, pin } = parsed.data as { staffId: number; pin: string };
    const result = await this.auth.signIn(dev, staffId, pin, ip);
    if ('retryAfter' in result) return locked(result.retryAfter);
    if (!result.staff) return unauthorized([{ path: ['pin'], message: 'pin_wrong' }]);
    return ok(this.auth.me(result.device, result.staff));
  }
}

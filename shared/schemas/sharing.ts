import { z } from 'zod';
import { Id, Text } from './common';

/**
 * Sharing the shop on its own network (issue 18, docs/security.md): the main till serves other
 * devices over HTTPS on one address the owner picks; a device pairs once with a one-time code,
 * staff sign in on it with their PIN, and what they may do follows their role.
 */

/** cashier: Counter, Today, customers (look up, create, edit contact details, complaints); owner: everything */
export const StaffRole = z.enum(['cashier', 'owner']);
export type StaffRole = z.infer<typeof StaffRole>;

/** A PIN: 4 to 8 digits (set by the owner in Settings → staff). */
export const Pin = z.string({ error: 'pin_invalid' }).regex(/^\d{4,8}$/, 'pin_invalid');
/** The one-time pairing code the main till shows: 6 digits, valid a few minutes. */
export const PairingCode = z.string({ error: 'pairing_code_invalid' }).regex(/^\d{6}$/, 'pairing_code_invalid');

/** An IP address of this computer (IPv4 dotted or IPv6), never a wildcard; checked against its interfaces. */
export const ShareAddress = z
  .string({ error: 'address_invalid' })
  .trim()
  .min(2, 'address_invalid')
  .max(64, 'address_invalid')
  // the characters of an IPv4/IPv6 address (with an IPv6 zone such as %eth0); anything else is refused here
  .regex(/^[0-9A-Za-z:.%_-]+$/, 'address_invalid');

export const ShareStart = z.strictObject({
  address: ShareAddress,
  /** 0 or left out: a free port is chosen */
  port: z.number().int().min(0).max(65535).default(0),
});

/** One network interface address the owner may share on (Settings → Other devices). */
export const ShareInterface = z.object({
  name: z.string(),
  address: z.string(),
  family: z.enum(['IPv4', 'IPv6']),
  /** the network whose devices can reach it, e.g. 192.168.1.0/24 */
  cidr: z.string().nullable(),
});
export type ShareInterface = z.infer<typeof ShareInterface>;

export const Pairing = z.object({
  code: z.string(),
  /** UTC ms */
  expiresAt: z.number(),
  /** what the QR code holds: https://ADDRESS:PORT/#/pair?code=CODE */
  url: z.string(),
  /** the QR code as an SVG data URL (img-src data: is allowed by the CSP) */
  qrDataUrl: z.string(),
});
export type Pairing = z.infer<typeof Pairing>;

export const ShareStatus = z.object({
  enabled: z.boolean(),
  /** null while sharing is off */
  address: z.string().nullable(),
  port: z.number().nullable(),
  /** https://ADDRESS:PORT (IPv6 in brackets) */
  url: z.string().nullable(),
  /** SHA-256 of the certificate served, AA:BB:… (64 hex pairs) */
  fingerprint: z.string().nullable(),
  /** the interface and network that can reach it (the clear line the owner reads) */
  interfaceName: z.string().nullable(),
  cidr: z.string().nullable(),
  /** the current pairing code, or null (none made, used, expired or burned by wrong attempts) */
  pairing: Pairing.nullable(),
  /** false where this process cannot share (the Electron window for now; browser mode can) */
  available: z.boolean(),
});
export type ShareStatus = z.infer<typeof ShareStatus>;

export const DeviceStatus = z.enum(['active', 'revoked', 'expired']);
export const Device = z.object({
  id: z.number(),
  name: z.string(),
  pairedAt: z.number(),
  lastSeenAt: z.number(),
  status: DeviceStatus,
  revokedAt: z.number().nullable(),
  /** who is signed in on it now */
  staff: z.object({ id: z.number(), name: z.string(), role: StaffRole }).nullable(),
});
export type Device = z.infer<typeof Device>;

/** A paired device asking who it is (device.me, and the answer of pair / signIn / signOut). */
export const DeviceMe = z.object({
  device: z.object({ id: z.number(), name: z.string() }),
  staff: z.object({ id: z.number(), name: z.string(), role: StaffRole }).nullable(),
});
export type DeviceMe = z.infer<typeof DeviceMe>;

export const PairInput = z.strictObject({ code: PairingCode, name: Text(40, 'device_name_required') });
export const SignInInput = z.strictObject({ staffId: Id, pin: Pin });

/** Staff and how they sign in on other devices (Settings → staff). */
export const StaffAccess = z.object({
  staffId: z.number(),
  name: z.string(),
  isActive: z.boolean(),
  role: StaffRole,
  hasPin: z.boolean(),
});
export type StaffAccess = z.infer<typeof StaffAccess>;
export const StaffAccessPatch = z.strictObject({
  id: Id,
  role: StaffRole.optional(),
  /** a new PIN, or null to remove it (that person can then no longer sign in on another device) */
  pin: Pin.nullable().optional(),
});

/** Whom the sign-in screen offers: active staff with a PIN. */
export const SignInChoice = z.object({ id: z.number(), name: z.string() });

/** Internal (never over HTTP): the host process's view of the devices, token hashes included. */
export const DeviceRecord = z.object({
  id: z.number(),
  name: z.string(),
  tokenHash: z.string(),
  pairedAt: z.number(),
  lastSeenAt: z.number(),
  revokedAt: z.number().nullable(),
  revokedReason: z.string().nullable(),
  staffId: z.number().nullable(),
  signedInAt: z.number().nullable(),
});
export type DeviceRecord = z.infer<typeof DeviceRecord>;
export const DeviceRecordPatch = z.strictObject({
  id: Id,
  revoke: z.enum(['owner', 'idle']).optional(),
  /** sign in (a staff id) or out (null) */
  staffId: Id.nullable().optional(),
  lastSeenAt: z.number().int().optional(),
});
export const DeviceAdd = z.strictObject({
  name: Text(40, 'device_name_required'),
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
});
/** Internal: the PIN hash of one staff member, for the host to verify (scrypt, off the core's threads). */
export const PinRecord = z.object({
  staffId: z.number(),
  name: z.string(),
  role: StaffRole,
  isActive: z.boolean(),
  pinHash: z.string().nullable(),
});
export type PinRecord = z.infer<typeof PinRecord>;

/** Internal: a pairing or PIN lockout as kept in the database (survives a restart). */
export const LockoutRecord = z.strictObject({
  key: Text(120),
  failures: z.number().int().min(0),
  lockedUntil: z.number().int().min(0),
  locks: z.number().int().min(0),
});
export type LockoutRecord = z.infer<typeof LockoutRecord>;
/** Whether the main till's own window asks for a PIN too (Settings → Other devices). */
export const MainTill = z.strictObject({ requirePin: z.boolean() });
export type MainTill = z.infer<typeof MainTill>;

import net from 'node:net';
import os from 'node:os';
import type { ShareInterface } from '../../shared/schemas/sharing';

/** This computer's addresses another device could reach (loopback and link-local IPv6 left out). */
export function shareInterfaces(): ShareInterface[] {
  const out: ShareInterface[] = [];
  for (const [name, addrs] of Object.entries(os.networkInterfaces())) {
    for (const a of addrs ?? []) {
      if (a.internal || (a.family === 'IPv6' && a.scopeid)) continue;
      out.push({ name, address: a.address, family: a.family, cidr: networkOf(a.address, a.cidr) });
    }
  }
  return out;
}

/** 192.168.1.23/24 → 192.168.1.0/24 (IPv4); IPv6 as the system gives it. */
function networkOf(address: string, cidr: string | null): string | null {
  if (!cidr) return null;
  const bits = Number(cidr.split('/')[1]);
  if (!net.isIPv4(address) || !Number.isInteger(bits)) return cidr;
  const n = address.split('.').reduce((v, p) => (v << 8) | Number(p), 0) >>> 0;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  const base = (n & mask) >>> 0;
  return `${[24, 16, 8, 0].map((s) => (base >>> s) & 255).join('.')}/${bits}`;
}

export type AddressProblem = 'address_invalid' | 'address_wildcard' | 'address_not_here';

/**
 * Checks an address the owner picked: an IP literal (no host names: they could resolve to anything),
 * not a wildcard (0.0.0.0 or :: would listen on every network), and one of this computer's own.
 */
export function checkShareAddress(raw: string): { address: string; iface: ShareInterface | null } | { problem: AddressProblem } {
  const address = raw
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .toLowerCase();
  if (!net.isIP(address)) return { problem: 'address_invalid' };
  if (/^0+(\.0+){3}$/.test(address) || /^[0:]+$/.test(address) || address === '::ffff:0.0.0.0')
    return { problem: 'address_wildcard' };
  const all = Object.entries(os.networkInterfaces()).flatMap(([name, addrs]) =>
    (addrs ?? []).map((a) => ({ name, address: a.address.toLowerCase(), family: a.family, cidr: networkOf(a.address, a.cidr) })),
  );
  const found = all.find((a) => a.address === address);
  if (!found) return { problem: 'address_not_here' };
  return { address, iface: found };
}

/** How the address appears in a URL and a Host header: IPv6 in brackets. */
export const hostPart = (address: string): string => (net.isIPv6(address) ? `[${address}]` : address);

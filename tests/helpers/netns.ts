import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import { X509Certificate } from 'node:crypto';

/**
 * A network the test makes for itself (issue 18): a network namespace and a veth pair with addresses
 * from the documentation range 192.0.2.0/24 — this computer's end (`hostAddress`, where
 * `regulars serve --share` listens) and the namespace's end (`peerAddress`, "another device" on the
 * shop's Wi-Fi). Needs root and `ip`; `netnsUnavailable()` says why not, for `describe.skipIf`.
 * Traffic goes only to addresses made here.
 */
export interface TestNet {
  ns: string;
  hostIf: string;
  hostAddress: string;
  peerAddress: string;
  /** runs a command inside the namespace (as the other device) */
  inNs(cmd: string, args: string[]): string;
  remove(): void;
}

const IP = ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip', '/bin/ip'].find((p) => fs.existsSync(p));

export function netnsUnavailable(): string | null {
  if (process.platform !== 'linux') return 'network namespaces need Linux';
  if (process.getuid?.() !== 0) return 'creating a network namespace needs root (run the tests as root to cover sharing)';
  if (!IP) return 'the `ip` command (iproute2) is not installed';
  try {
    const probe = `regprobe${randomBytes(3).toString('hex')}`;
    execFileSync(IP, ['netns', 'add', probe], { stdio: 'pipe' });
    execFileSync(IP, ['netns', 'del', probe], { stdio: 'pipe' });
  } catch (e) {
    return `cannot create a network namespace here: ${String((e as Error).message).split('\n')[0]}`;
  }
  return null;
}

/**
 * Addresses of 192.0.2.0/24 something here already uses: this computer's own, the gateways its
 * routes go through, the neighbours it has talked to, its name servers and proxies. Some machines (this project's CI among
 * them) put their own network in the documentation range too; a /30 over their gateway would cut
 * the machine off, and one over their own address would send the phone's replies to itself.
 */
function reserved(ip: (...args: string[]) => string): Set<string> {
  const taken = new Set<string>();
  for (const a of Object.values(os.networkInterfaces()).flat()) if (a) taken.add(a.address);
  const text = [
    ['route', 'show', 'table', 'all'],
    ['neigh', 'show'],
  ]
    .map((args) => {
      try {
        return ip(...args);
      } catch {
        return '';
      }
    })
    .join('\n');
  // and the name servers and proxies this computer uses, even if not talked to lately
  let resolv = '';
  try {
    resolv = fs.readFileSync('/etc/resolv.conf', 'utf8');
  } catch {
    // no resolver file
  }
  const proxies = ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'ALL_PROXY'].map((k) => process.env[k] ?? '');
  for (const m of [text, resolv, ...proxies].join('\n').matchAll(/\b192\.0\.2\.\d+\b/g)) taken.add(m[0]);
  return taken;
}

/**
 * Makes the namespace and veth pair on a /30 of 192.0.2.0/24 that nothing here uses. Two test runs
 * side by side (`npm test` runs the moved-clock run beside the other) can pick the same /30 at the
 * same moment: whichever finds its address twice on this computer after adding it gives it back
 * and picks again.
 */
export function createTestNet(): TestNet {
  for (let attempt = 0; ; attempt++) {
    const net = tryCreateTestNet();
    if (net.sole || attempt >= 8) return net.testNet;
    net.testNet.remove();
  }
}

function tryCreateTestNet(): { testNet: TestNet; sole: boolean } {
  const ip = (...args: string[]) => execFileSync(IP!, args, { stdio: 'pipe', encoding: 'utf8' });
  const id = randomBytes(3).toString('hex');
  const ns = `regulars-${id}`;
  const hostIf = `rgh${id}`;
  const peerIf = `rgp${id}`;
  const taken = reserved(ip);
  const free = Array.from({ length: 64 }, (_, i) => 4 * i).filter(
    (b) => b > 0 && b < 252 && [0, 1, 2, 3].every((k) => !taken.has(`192.0.2.${b + k}`)),
  );
  if (free.length === 0) throw new Error('no free /30 left in 192.0.2.0/24 on this computer');
  const base = free[Math.floor(Math.random() * free.length)]!;
  const hostAddress = `192.0.2.${base + 1}`;
  const peerAddress = `192.0.2.${base + 2}`;
  const remove = () => {
    for (const args of [
      ['netns', 'del', ns],
      ['link', 'del', hostIf],
    ]) {
      try {
        ip(...args);
      } catch {
        // already gone (deleting the namespace takes its end of the pair, and with it ours)
      }
    }
  };
  try {
    ip('netns', 'add', ns);
    ip('link', 'add', hostIf, 'type', 'veth', 'peer', 'name', peerIf);
    ip('link', 'set', peerIf, 'netns', ns);
    ip('addr', 'add', `${hostAddress}/30`, 'dev', hostIf);
    ip('link', 'set', hostIf, 'up');
    ip('-n', ns, 'addr', 'add', `${peerAddress}/30`, 'dev', peerIf);
    ip('-n', ns, 'link', 'set', peerIf, 'up');
    ip('-n', ns, 'link', 'set', 'lo', 'up');
  } catch (e) {
    remove();
    throw e;
  }
  const holders = ip('-o', '-4', 'addr', 'show')
    .split('\n')
    .filter((line) => line.includes(`inet ${hostAddress}/`)).length;
  return {
    testNet: {
      ns,
      hostIf,
      hostAddress,
      peerAddress,
      inNs: (cmd, args) => execFileSync(IP!, ['netns', 'exec', ns, cmd, ...args], { stdio: 'pipe', encoding: 'utf8' }),
      remove,
    },
    sole: holders === 1,
  };
}

export interface SharedServer {
  proc: ChildProcess;
  /** loopback browser mode (the main till, the owner) */
  localUrl: string;
  token: string;
  /** https://ADDRESS:PORT */
  shareUrl: string;
  port: number;
  fingerprint: string;
  /** everything the process printed so far */
  output(): string;
  stop(): Promise<void>;
}

// import.meta, not __dirname: Playwright loads this helper as an ES module (Vitest shims both).
const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/cli/index.mjs');

/** Starts `regulars serve --db DB --share ADDRESS[:PORT]` (the built CLI) and reads the lines it prints. */
export function startShared(opts: {
  db: string;
  share: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}): Promise<SharedServer> {
  const proc = spawn(process.execPath, [CLI, 'serve', '--db', opts.db, '--share', opts.share], {
    env: { LANG: 'en_US.UTF-8', ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
      setTimeout(() => proc.kill('SIGKILL'), 10_000).unref();
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`serve --share did not start in time:\n${out}\n${err}`));
    }, opts.timeoutMs ?? 60_000);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve --share exited (${code}):\n${out}\n${err}`));
    });
    const check = () => {
      const local = /Regulars is running at (\S+)/.exec(out);
      const shared = /^Shared at (https:\/\/\S+)$/m.exec(out);
      const fp = /^Certificate SHA-256 fingerprint: ([0-9A-F:]{95})$/m.exec(out);
      if (!local || !shared || !fp) return;
      clearTimeout(timer);
      proc.stdout!.off('data', check);
      proc.removeAllListeners('exit');
      const u = new URL(local[1]!);
      resolve({
        proc,
        localUrl: u.origin,
        token: u.searchParams.get('token')!,
        shareUrl: shared[1]!,
        port: Number(new URL(shared[1]!).port),
        fingerprint: fp[1]!,
        output: () => out + err,
        stop,
      });
    };
    proc.stdout!.on('data', check);
  });
}

/**
 * An HTTPS agent that trusts the shop's certificate once its SHA-256 matches the fingerprint the
 * main till printed (what the owner checks on a phone), and nothing else.
 */
export async function pinnedAgent(shareUrl: string, fingerprint: string): Promise<https.Agent> {
  const u = new URL(shareUrl);
  const pem = await new Promise<string>((resolve, reject) => {
    const s = tls.connect({ host: u.hostname, port: Number(u.port), rejectUnauthorized: false }, () => {
      const raw = s.getPeerCertificate().raw;
      s.destroy();
      resolve(`-----BEGIN CERTIFICATE-----\n${raw.toString('base64')}\n-----END CERTIFICATE-----\n`);
    });
    s.once('error', reject);
  });
  if (new X509Certificate(pem).fingerprint256 !== fingerprint)
    throw new Error('the certificate is not the one the main till printed');
  return new https.Agent({ ca: pem, keepAlive: true, maxSockets: 8 });
}

export interface ShareReply {
  status: number;
  body: { ok: boolean; data?: unknown; error?: { code: string; issues?: unknown[]; detail?: Record<string, unknown> } };
  setCookie: string | null;
}

/** One API call on the shared address, as a device would make it (its cookie, our Origin). */
export function shareCall(
  agent: https.Agent,
  shareUrl: string,
  method: string,
  input: unknown,
  cookie?: string | null,
): Promise<ShareReply> {
  const body = JSON.stringify(input ?? {});
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${shareUrl}/api/${encodeURIComponent(method)}`,
      {
        method: 'POST',
        agent,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          Origin: shareUrl,
          ...(cookie ? { Cookie: cookie } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          const sc = res.headers['set-cookie']?.[0] ?? null;
          resolve({
            status: res.statusCode!,
            body: JSON.parse(text) as ShareReply['body'],
            setCookie: sc ? sc.split(';')[0]! : null,
          });
        });
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

/** A call on the loopback browser mode (the main till, as the owner). */
export async function ownerCall(server: SharedServer, method: string, input: unknown = {}) {
  const res = await fetch(`${server.localUrl}/api/${encodeURIComponent(method)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
    body: JSON.stringify(input),
  });
  return (await res.json()) as ShareReply['body'];
}

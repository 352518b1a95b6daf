import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import https from 'node:https';
import {
  createTestNet,
  netnsUnavailable,
  ownerCall,
  pinnedAgent,
  shareCall,
  startShared,
  type SharedServer,
  type TestNet,
} from '../helpers/netns';

/**
 * Sharing the shop on its own network (issue 18), over real HTTPS on an address the test makes: a
 * network namespace and veth pair from 192.0.2.0/24 (tests/helpers/netns.ts). The other device is
 * this process (its own address on the pair) and, where it matters, a process inside the namespace.
 */
const CLI = path.resolve(__dirname, '../../dist/cli/index.mjs');
const why = netnsUnavailable();
const NOW = '2026-03-10T10:00:00+08:00';

it('refuses a wildcard, a host name or an address that is not this computer’s, saying why', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-share-refuse-'));
  try {
    const db = path.join(dir, 'shop.db');
    for (const [share, words] of [
      ['0.0.0.0', /every network/],
      ['[::]:8443', /every network/],
      ['shop.local', /not an IP address/],
      ['192.0.2.253', /not an address of this computer/],
    ] as const) {
      const r = spawnSync(process.execPath, [CLI, 'serve', '--db', db, '--share', share], {
        encoding: 'utf8',
        env: { ...process.env, LANG: 'en_US.UTF-8' },
        timeout: 60_000,
      });
      expect(r.status, `${share}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(words);
      expect(r.stdout).not.toMatch(/Shared at/);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 180_000);

describe.skipIf(why !== null)(`sharing over HTTPS on a test network${why ? ` (skipped: ${why})` : ''}`, () => {
  let tn: TestNet;
  let dir: string;
  let db: string;
  let server: SharedServer;
  let agent: https.Agent;
  const staff: Record<string, number> = {};
  let till1 = '';
  let till2 = '';
  let till2Id = 0;

  const call = (method: string, input: unknown = {}, cookie?: string | null) =>
    shareCall(agent, server.shareUrl, method, input, cookie);
  const salesCount = () => {
    const d = new Database(db, { readonly: true });
    try {
      return (d.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n;
    } finally {
      d.close();
    }
  };
  const pairingCode = async () => {
    const r = await ownerCall(server, 'sharing.pairingCode');
    expect(r.ok).toBe(true);
    return (r.data as { code: string }).code;
  };
  const pair = async (name: string) => {
    const r = await call('device.pair', { code: await pairingCode(), name });
    expect(r.status).toBe(200);
    expect(r.setCookie).toMatch(/^regulars_device=/);
    return { cookie: r.setCookie!, id: (r.body.data as { device: { id: number } }).device.id };
  };
  /** a process inside the namespace: another device on the shop's network */
  const fromOtherDevice = (script: string): unknown =>
    JSON.parse(tn.inNs(process.execPath, ['--input-type=module', '-e', script]).trim().split('\n').pop()!);

  beforeAll(async () => {
    tn = createTestNet();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-share-'));
    db = path.join(dir, 'shop.db');
    server = await startShared({ db, share: tn.hostAddress, env: { REGULARS_NOW: NOW } });
    agent = await pinnedAgent(server.shareUrl, server.fingerprint);
    for (const [name, role, pin] of [
      ['Ana', 'cashier', '1234'],
      ['Bo', 'owner', '908172'],
      ['Cy', 'cashier', '4321'],
    ] as const) {
      const s = await ownerCall(server, 'staff.create', { name });
      staff[name] = (s.data as { id: number }).id;
      const a = await ownerCall(server, 'staff.setAccess', { id: staff[name], role, pin });
      expect(a).toMatchObject({ ok: true, data: { role, hasPin: true } });
    }
  }, 120_000);

  afterAll(async () => {
    agent?.destroy();
    await server?.stop();
    tn?.remove();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints the address and the fingerprint of the certificate it serves, kept 0600 beside the shop', () => {
    expect(server.shareUrl).toBe(`https://${tn.hostAddress}:${server.port}`);
    const cert = new X509Certificate(fs.readFileSync(`${db}.share-cert.pem`));
    expect(cert.fingerprint256).toBe(server.fingerprint);
    expect(cert.subjectAltName).toBe(`IP Address:${tn.hostAddress}`);
    expect(fs.statSync(`${db}.share-key.pem`).mode & 0o777).toBe(0o600);
  });

  it('binds only the chosen address: not loopback, not the wildcard', async () => {
    const listening = execFileSync('ss', ['-Hltn', `sport = :${server.port}`], { encoding: 'utf8' })
      .trim()
      .split('\n');
    expect(listening).toHaveLength(1);
    expect(listening[0]).toContain(`${tn.hostAddress}:${server.port}`);
    const refused = await new Promise<string>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port: server.port }, () => resolve('connected'));
      s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
  });

  it('answers plain HTTP on that port only with a redirect to HTTPS', async () => {
    const res = await new Promise<http.IncomingMessage & { text: string }>((resolve, reject) => {
      const req = http.request(`http://${tn.hostAddress}:${server.port}/api/customers.search`, { method: 'POST' }, (r) => {
        let text = '';
        r.on('data', (c: Buffer) => (text += c.toString()));
        r.on('end', () => resolve(Object.assign(r, { text })));
      });
      req.once('error', reject);
      req.end('{"query":"a"}');
    });
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe(`${server.shareUrl}/`);
    expect(res.text).not.toContain('"ok"');
  });

  it('refuses every API call from a device that has not paired, and changes nothing', async () => {
    const before = salesCount();
    for (const [method, input] of [
      ['sales.record', { amountMinor: 1000 }],
      ['customers.search', { query: 'a' }],
      ['customers.create', { name: 'Mallory', phone: '13800000000' }],
      ['sharing.status', {}],
      ['sharing.pairingCode', {}],
      ['devices.list', {}],
      ['device.me', {}],
      ['device.signIn', { staffId: staff.Ana, pin: '1234' }],
      ['devices.records', {}],
      ['no.such', {}],
    ] as const) {
      const r = await call(method, input, 'regulars_device=' + 'x'.repeat(43));
      expect(r.status, method).toBe(401);
      expect(r.body.ok).toBe(false);
    }
    expect(salesCount()).toBe(before);
    // from inside the namespace too: a stranger on the shop's Wi-Fi
    const status = fromOtherDevice(`
      import https from 'node:https';
      const r = await new Promise((ok) => https.request('${server.shareUrl}/api/sales.record', { method: 'POST', rejectUnauthorized: false,
        headers: { 'Content-Type': 'application/json' } }, (res) => { res.resume(); ok(res.statusCode); }).end('{"amountMinor":100}'));
      console.log(JSON.stringify(r));`);
    expect(status).toBe(401);
    expect(salesCount()).toBe(before);
  });

  it('locks out a device guessing pairing codes, and burns the code', async () => {
    const code = await pairingCode();
    const wrong = code === '000000' ? '000001' : '000000';
    const statuses = fromOtherDevice(`
      import https from 'node:https';
      const post = (body) => new Promise((ok) => https.request('${server.shareUrl}/api/device.pair', { method: 'POST', rejectUnauthorized: false,
        headers: { 'Content-Type': 'application/json' } }, (res) => { res.resume(); ok(res.statusCode); }).end(JSON.stringify(body)));
      const out = [];
      for (let i = 0; i < 6; i++) out.push(await post({ code: '${wrong}', name: 'guess' }));
      out.push(await post({ code: '${code}', name: 'guess' }));
      console.log(JSON.stringify(out));`);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429, 429]);
    // five wrong codes burned it: not even this (unlocked) address can use it now
    const late = await call('device.pair', { code, name: 'Till 1' });
    expect(late.status).toBe(401);
    expect(late.setCookie).toBeNull();
    const devices = await ownerCall(server, 'devices.list');
    expect(devices.data).toEqual([]);
  });

  it('pairs a device with a fresh code once; the code cannot be used twice', async () => {
    const code = await pairingCode();
    const status = await ownerCall(server, 'sharing.status');
    expect(status.data).toMatchObject({
      enabled: true,
      url: server.shareUrl,
      fingerprint: server.fingerprint,
      pairing: { code, url: `${server.shareUrl}/#/pair?code=${code}` },
    });
    expect((status.data as { pairing: { qrDataUrl: string } }).pairing.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    const r = await call('device.pair', { code, name: 'Till 1' });
    expect(r.status).toBe(200);
    till1 = r.setCookie!;
    expect(r.body.data).toMatchObject({ device: { name: 'Till 1' }, staff: null });
    const again = await call('device.pair', { code, name: 'Till 1 again' });
    expect(again.status).toBe(401);
  });

  it('asks a paired device for a PIN before anything else; wrong PINs lock the person out', async () => {
    expect((await call('customers.search', { query: 'a' }, till1)).body.error?.detail).toMatchObject({ reason: 'sign_in' });
    const choices = await call('device.staff', {}, till1);
    expect(choices.body.data).toEqual(expect.arrayContaining([{ id: staff.Ana, name: 'Ana' }]));
    const tries = [];
    for (let i = 0; i < 6; i++) tries.push((await call('device.signIn', { staffId: staff.Cy, pin: '0000' }, till1)).status);
    expect(tries).toEqual([401, 401, 401, 401, 429, 429]);
    // the right PIN does not help while locked
    expect((await call('device.signIn', { staffId: staff.Cy, pin: '4321' }, till1)).status).toBe(429);
    const ok = await call('device.signIn', { staffId: staff.Ana, pin: '1234' }, till1);
    expect(ok.body).toMatchObject({ ok: true, data: { staff: { id: staff.Ana, role: 'cashier' } } });
  });

  it('lets a cashier work the counter and refuses the owner’s methods, server-side', async () => {
    const customer = await call('customers.create', { name: '王芳', phone: '13912345678' }, till1);
    expect(customer.body.ok).toBe(true);
    const id = (customer.body.data as { id: number }).id;
    expect((await call('customers.search', { query: '王' }, till1)).body.ok).toBe(true);
    const sale = await call('sales.record', { customerId: id, amountMinor: 2500 }, till1);
    expect(sale.body).toMatchObject({ ok: true, data: { staffId: staff.Ana } });
    const before = salesCount();
    for (const [method, input] of [
      ['customers.erase', { id, confirm: true }],
      ['exports.contacts', { format: 'csv' }],
      ['backups.create', {}],
      ['settings.update', { shopName: 'Mine now' }],
      ['sales.void', { id: (sale.body.data as { id: number }).id, reason: 'x' }],
      ['devices.list', {}],
      ['sharing.stop', {}],
      ['staff.setAccess', { id: staff.Ana, role: 'owner' }],
    ] as const) {
      const r = await call(method, input, till1);
      expect(r.status, method).toBe(403);
      expect(r.body.error).toMatchObject({ code: 'FORBIDDEN', detail: { reason: 'role' } });
    }
    expect(salesCount()).toBe(before);
    expect((await ownerCall(server, 'customers.get', { id })).ok).toBe(true);
  });

  it('checks Host and Origin on the shop address: a paired device’s cookie is no use to another site', async () => {
    const before = salesCount();
    const send = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = https.request(
          `${server.shareUrl}/api/sales.record`,
          {
            method: 'POST',
            agent,
            // the certificate is still checked against the pinned one; only the name check follows the Host sent
            checkServerIdentity: () => undefined,
            headers: { 'Content-Type': 'application/json', Cookie: till1, ...headers },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode!);
          },
        );
        req.once('error', reject);
        req.end('{"amountMinor":700}');
      });
    expect(await send({ Origin: 'https://evil.example' })).toBe(403);
    expect(await send({ Origin: `http://${tn.hostAddress}:${server.port}` })).toBe(403);
    expect(await send({ Host: `evil.example:${server.port}` })).toBe(403);
    expect(await send({ Host: `127.0.0.1:${server.port}` })).toBe(403);
    expect(salesCount()).toBe(before);
    expect(await send({ Origin: server.shareUrl })).toBe(200);
    expect(salesCount()).toBe(before + 1);
  });

  it('names the device and the staff member in the activity log', async () => {
    const found = await call('customers.search', { query: '王' }, till1);
    const id = (found.body.data as { id: number }[])[0]!.id;
    const r = await call('customers.setConsent', { customerId: id, channel: 'sms', granted: true, source: 'in_store' }, till1);
    expect(r.body.ok, JSON.stringify(r.body)).toBe(true);
    const log = await ownerCall(server, 'audit.list', {});
    const entries = log.data as { action: string; device: string | null; staff: string | null }[];
    expect(entries.find((e) => e.action === 'consent.change')).toMatchObject({ device: 'Till 1', staff: 'Ana' });
    expect(entries.find((e) => e.action === 'device.pair')).toMatchObject({ device: 'Till 1' });
  });

  it('saves a retried sale with the same idempotency key once, even when the retries race', async () => {
    const before = salesCount();
    const key = 'till1-retry-0001';
    const first = await call('sales.record', { amountMinor: 1234, idempotencyKey: key }, till1);
    const retries = await Promise.all(
      [1, 2, 3, 4].map(() => call('sales.record', { amountMinor: 1234, idempotencyKey: key }, till1)),
    );
    for (const r of retries) expect((r.body.data as { id: number }).id).toBe((first.body.data as { id: number }).id);
    expect(salesCount()).toBe(before + 1);
  });

  it('two tills saving at the same moment lose and duplicate nothing', async () => {
    const p = await pair('Till 2');
    till2 = p.cookie;
    till2Id = p.id;
    expect((await call('device.signIn', { staffId: staff.Bo, pin: '908172' }, till2)).body.ok).toBe(true);
    const before = salesCount();
    const save = (cookie: string, tag: string, i: number) =>
      call('sales.record', { amountMinor: 100 + i, note: `${tag}-${i}`, idempotencyKey: `${tag}-key-${i}` }, cookie);
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) => [save(till1, 'one', i), save(till2, 'two', i), save(till2, 'two', i)]).flat(),
    );
    expect(replies.every((r) => r.body.ok)).toBe(true);
    const ids = new Set(replies.map((r) => (r.body.data as { id: number }).id));
    expect(ids.size).toBe(80);
    expect(salesCount()).toBe(before + 80);
    const d = new Database(db, { readonly: true });
    const notes = d.prepare("SELECT note FROM sales WHERE note LIKE 'one-%' OR note LIKE 'two-%'").all() as { note: string }[];
    d.close();
    expect(new Set(notes.map((n) => n.note)).size).toBe(80);
    expect(notes).toHaveLength(80);
  });

  it('an owner on a device may do owner things; revoking a device ends its session at once', async () => {
    expect((await call('devices.list', {}, till2)).status).toBe(200);
    const revoked = await ownerCall(server, 'devices.revoke', { id: till2Id });
    expect(revoked).toMatchObject({ ok: true, data: { status: 'revoked' } });
    const next = await call('sales.record', { amountMinor: 100 }, till2);
    expect(next.status).toBe(401);
    expect((await call('device.me', {}, till2)).status).toBe(401);
    expect((await call('device.me', {}, till1)).status).toBe(200);
    const list = (await ownerCall(server, 'devices.list')).data as { name: string; status: string; lastSeenAt: number }[];
    expect(list.map((d) => [d.name, d.status])).toEqual([
      ['Till 2', 'revoked'],
      ['Till 1', 'active'],
    ]);
  });

  it('stops listening when sharing is switched off, and serves the same certificate when switched on again', async () => {
    expect((await ownerCall(server, 'sharing.stop')).data).toMatchObject({ enabled: false, url: null });
    const refused = await new Promise<string>((resolve) => {
      const s = net.connect({ host: tn.hostAddress, port: server.port }, () => resolve('connected'));
      s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
    const on = await ownerCall(server, 'sharing.start', { address: tn.hostAddress, port: server.port });
    expect(on.data).toMatchObject({ enabled: true, fingerprint: server.fingerprint, url: server.shareUrl });
    expect((await ownerCall(server, 'sharing.start', { address: '0.0.0.0' })).error).toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: ['address'], message: 'address_wildcard' }],
    });
    agent.destroy();
    agent = await pinnedAgent(server.shareUrl, server.fingerprint);
    expect((await call('device.me', {}, till1)).body).toMatchObject({ ok: true, data: { staff: { name: 'Ana' } } });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dispatch } from '../../main/api';
import { closeApp, openApp } from '../../main/app';
import { otherHolders, processStart, type Holder } from '../../main/db/in-use';
import { messages } from '../../shared/i18n';

/**
 * Issue 14 with real processes: a shop open in `regulars serve` is not replaced, imported into or
 * erased from by another process (the command line, or a second app on the same file); a killed
 * server's leftover registration locks nobody out; command-line copies are the owner's only and
 * logged with where they went.
 */
const CLI = path.resolve(__dirname, '../../dist/cli/index.mjs');
const quiet = { error: () => {}, info: () => {} };
const dirs: string[] = [];
const children: { kill(signal: NodeJS.Signals): boolean; exitCode: number | null }[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-cli-safety-'));
  dirs.push(d);
  return d;
}
function cli(args: string[], lang = 'en_US.UTF-8') {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, LANG: lang }, timeout: 60_000 });
}
const amounts = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT amount_minor FROM sales ORDER BY id').pluck().all();
  } finally {
    db.close();
  }
};

/** A shop with one customer and one sale, and a manual backup of it. */
async function shopWithBackup(): Promise<{ dir: string; file: string; backup: string }> {
  const dir = tmp();
  const file = path.join(dir, 'shop.db');
  const ctx = openApp({ dbPath: file, log: quiet });
  await dispatch('customers.create', { name: '张三', phone: '13912345678' }, ctx);
  await dispatch('sales.record', { customerId: null, amountMinor: 1000 }, ctx);
  closeApp(ctx);
  const backup = path.join(dir, 'kept.db');
  expect(cli(['backup', '--db', file, '--out', backup]).status).toBe(0);
  return { dir, file, backup };
}

function serve(file: string): Promise<{ url: URL; stop(signal: NodeJS.Signals): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', '--db', file, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LANG: 'en_US.UTF-8' },
    });
    children.push(child);
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Regulars is running at (\S+)/.exec(out);
      if (m)
        resolve({
          url: new URL(m[1]!),
          stop: (signal) =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill(signal);
            }),
        });
    });
    child.stderr.resume();
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
}

const call = (url: URL, method: string, input: unknown) =>
  fetch(`${url.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${url.searchParams.get('token')}` },
    body: JSON.stringify(input),
  }).then((r) => r.json() as Promise<{ ok: boolean; data?: unknown; error?: { code: string } }>);

describe('a shop another process has open', () => {
  it('regulars restore, erase and import refuse (translated) while regulars serve runs; its acknowledged sales stay in the file', async () => {
    const { dir, file, backup } = await shopWithBackup();
    const app = await serve(file);
    expect(fs.readdirSync(`${file}.lock`)).toHaveLength(1);

    const restore = cli(['restore', '--db', file, '--from', backup]);
    expect(restore.status).toBe(5);
    expect(restore.stderr).toContain(messages.en['error.DB_IN_USE']);
    expect(restore.stderr).toMatch(/serve pid \d+/);
    const zh = cli(['restore', '--db', file, '--from', backup], 'zh_CN.UTF-8');
    expect(zh.status).toBe(5);
    expect(zh.stderr).toContain(messages['zh-CN']['error.DB_IN_USE']);
    const erase = cli(['customer', 'erase', '13912345678', '--db', file, '--yes']);
    expect(erase.status).toBe(5);
    expect(erase.stderr).toContain(messages.en['error.DB_IN_USE']);
    const csv = path.join(dir, 'sales.csv');
    fs.writeFileSync(csv, 'phone,date,amount\n13912345678,2026-03-01,50\n');
    const imp = cli(['import', 'sales', csv, '--db', file]);
    expect(imp.status).toBe(5);
    expect(imp.stderr).toContain(messages.en['error.DB_IN_USE']);

    // A second app on the same file (this test process) is refused the same way, through the API.
    const other = openApp({ dbPath: file, log: quiet });
    try {
      const name = (await dispatch('backups.create', {}, other)) as { ok: true; data: { file: string } };
      const r = await dispatch('backups.restore', { name: path.basename(name.data.file) }, other);
      expect(r).toMatchObject({ ok: false, error: { code: 'DB_IN_USE' } });
      expect(await dispatch('customers.erase', { id: 1, confirm: true }, other)).toMatchObject({
        ok: false,
        error: { code: 'DB_IN_USE' },
      });
    } finally {
      closeApp(other);
    }

    // The server still saves, and what it acknowledged is in the file.
    const sale = await call(app.url, 'sales.record', { customerId: null, amountMinor: 4242 });
    expect(sale.ok).toBe(true);
    await app.stop('SIGTERM');
    expect(amounts(file)).toEqual([1000, 4242]);
    // closed cleanly: nothing left registered
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });

  it('a killed server’s leftover registration locks nobody out', async () => {
    const { file, backup } = await shopWithBackup();
    const app = await serve(file);
    await call(app.url, 'sales.record', { customerId: null, amountMinor: 77 });
    await app.stop('SIGKILL');
    expect(fs.readdirSync(`${file}.lock`)).toHaveLength(1);
    const r = cli(['restore', '--db', file, '--from', backup]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(amounts(file)).toEqual([1000]);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });
});

describe('registrations of processes that are gone', () => {
  it('a dead pid, or a live pid started at another time (reused), is stale and removed; another host counts', () => {
    const file = path.join(tmp(), 'shop.db');
    const lock = `${file}.lock`;
    fs.mkdirSync(lock);
    const write = (name: string, h: Holder) => fs.writeFileSync(path.join(lock, name), JSON.stringify(h));
    const host = os.hostname();
    write('dead.json', { pid: 2 ** 22 + 4321, startedAt: Date.now(), host, role: 'serve' });
    // a live pid (this very test's parent) registered before the last boot: a power cut, the pid reused since
    write('before-boot.json', { pid: process.ppid, startedAt: Date.now() - os.uptime() * 1000 - 3_600_000, host, role: 'app' });
    // a live pid that started at another time than the one registered (after the last boot): reused
    if (process.platform === 'linux')
      write('reused.json', { pid: process.ppid, startedAt: processStart(process.ppid)! + 60_000, host, role: 'serve' });
    expect(otherHolders(file)).toEqual([]);
    expect(fs.readdirSync(lock)).toEqual([]);
    write('elsewhere.json', { pid: 1, startedAt: 0, host: `${host}-other-pc`, role: 'app' });
    expect(otherHolders(file)).toMatchObject([{ role: 'app' }]);
  });
});

describe('restore from the command line', () => {
  it('a backup that cannot be migrated is refused and the shop still serves', async () => {
    const { dir, file } = await shopWithBackup();
    const bad = path.join(dir, 'bad.db');
    const db = new Database(bad);
    db.exec(
      'CREATE TABLE customers (id INTEGER PRIMARY KEY, merged_into_id INTEGER); CREATE TABLE sales (id INTEGER PRIMARY KEY)',
    );
    db.close();
    const r = cli(['restore', '--db', file, '--from', bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('nothing was changed');
    expect(fs.readdirSync(dir).filter((f) => f.includes('.restoring'))).toEqual([]);
    const app = await serve(file);
    expect(await call(app.url, 'sales.record', { customerId: null, amountMinor: 5 })).toMatchObject({ ok: true });
    await app.stop('SIGTERM');
    expect(amounts(file)).toEqual([1000, 5]);
  });
});

describe('copies made on the command line', () => {
  it.skipIf(process.platform === 'win32')(
    'are the owner’s only (0600 files, 0700 folders) and logged with where they went',
    async () => {
      const old = process.umask(0o022);
      try {
        const { dir, file, backup } = await shopWithBackup();
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
        expect(fs.statSync(backup).mode & 0o777).toBe(0o600);
        const out = path.join(dir, 'out', 'contacts.csv');
        const e = cli([
          'export',
          'contacts',
          '--db',
          file,
          '--segment',
          'all',
          '--channel',
          'sms',
          '--format',
          'csv',
          '--out',
          out,
        ]);
        expect(e.status).toBe(0);
        expect(fs.statSync(out).mode & 0o777).toBe(0o600);
        const folder = path.join(dir, 'zhang-san');
        expect(cli(['customer', 'export', '13912345678', '--db', file, '--out', folder]).status).toBe(0);
        expect(fs.statSync(folder).mode & 0o777).toBe(0o700);
        for (const f of fs.readdirSync(folder)) expect(fs.statSync(path.join(folder, f)).mode & 0o777, f).toBe(0o600);

        const db = new Database(file, { readonly: true });
        try {
          const log = db.prepare('SELECT action, detail FROM audit_log ORDER BY id').all() as {
            action: string;
            detail: string;
          }[];
          const to = (action: string) =>
            log.filter((l) => l.action === action).map((l) => (JSON.parse(l.detail) as { to: string }).to);
          expect(to('backup')).toContain(backup);
          expect(to('export.contacts')).toEqual([out]);
          expect(to('customer.export')).toEqual([folder]);
        } finally {
          db.close();
        }
      } finally {
        process.umask(old);
      }
    },
  );
});

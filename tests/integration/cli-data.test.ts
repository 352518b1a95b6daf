import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';

/** The built CLI (`npm ci` builds it in prepare; `npm test` rebuilds before the tests). */
const CLI = path.resolve(__dirname, '../../dist/cli/index.mjs');
const CDNOW = path.resolve(__dirname, '../fixtures/cdnow/cdnow_sample_sales.csv');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const env = { ...process.env, REGULARS_NOW: '2026-03-10T10:00:00+08:00' };
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env });
const count = (db: string, sql: string) => {
  const d = new Database(db, { readonly: true });
  try {
    return (d.prepare(sql).get() as { n: number }).n;
  } finally {
    d.close();
  }
};

describe('regulars import / export / backup / restore / customer', () => {
  const db = path.join(dir, 'shop.db');

  it('imports the CDNOW sample with --create-customers and prints a one-line summary', () => {
    const r = run('import', 'sales', CDNOW, '--db', db, '--create-customers');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toMatch(/Imported 6919 sales rows .*2357 customers created/);
    expect(count(db, 'SELECT COUNT(*) AS n FROM sales')).toBe(6919);
    const again = run('import', 'sales', CDNOW, '--db', db, '--create-customers');
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain('already imported');
    expect(count(db, 'SELECT COUNT(*) AS n FROM sales')).toBe(6919);
  });

  it('bad rows go to stderr, the exit code is non-zero and nothing is written', () => {
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'customer_id,date,amount\n0001,2024-01-01,10\n0002,yesterday,10\n0003,2024-01-03,-4\n');
    const r = run('import', 'sales', bad, '--db', db);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('row 3, column "date"');
    expect(r.stderr).toContain('row 4, column "amount"');
    expect(count(db, 'SELECT COUNT(*) AS n FROM sales')).toBe(6919);
    const dry = run('import', 'sales', bad, '--db', db, '--dry-run', '--map', 'customer_id=customer_id,date=date,amount=amount');
    expect(dry.stdout).toContain('Dry run');
    expect(count(db, 'SELECT COUNT(*) AS n FROM sales')).toBe(6919);
  });

  it('exports contacts with consent only, as CSV readable by a real parser', () => {
    const d2 = path.join(dir, 'contacts.db');
    const f = path.join(dir, 'people.csv');
    fs.writeFileSync(f, '姓名,手机,短信,标签\n张三,13912345678,是,VIP\n李四,13800138000,否,VIP\n=cmd,13700137000,yes,VIP\n');
    expect(run('import', 'customers', f, '--db', d2).status).toBe(0);
    const out = path.join(dir, 'out.csv');
    const r = run(
      'export',
      'contacts',
      '--db',
      d2,
      '--segment',
      'tag',
      '--tag',
      'VIP',
      '--channel',
      'sms',
      '--format',
      'csv',
      '--out',
      out,
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Exported 2 of 3');
    const text = fs.readFileSync(out);
    expect([...text.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = Papa.parse<string[]>(text.subarray(3).toString('utf8'), { skipEmptyLines: true }).data;
    expect(
      rows
        .slice(1)
        .map((x) => x[0])
        .sort(),
    ).toEqual(["'=cmd", '张三']);
    const noReason = run(
      'export',
      'contacts',
      '--db',
      d2,
      '--segment',
      'all',
      '--channel',
      'sms',
      '--format',
      'vcf',
      '--out',
      out,
      '--include-without-consent',
    );
    expect(noReason.status).not.toBe(0);
    expect(noReason.stderr).toContain('--reason');
  });

  it('backup, then restore from it (the current database is backed up first)', () => {
    const out = path.join(dir, 'copy.db');
    const b = run('backup', '--db', db, '--out', out);
    expect(b.status, b.stderr).toBe(0);
    fs.writeFileSync(path.join(dir, 'more.csv'), 'customer_id,date,amount\n0001,2024-01-01,10\n');
    expect(run('import', 'sales', path.join(dir, 'more.csv'), '--db', db).status).toBe(0);
    expect(count(db, 'SELECT COUNT(*) AS n FROM sales')).toBe(6920);
    const r = run('restore', '--db', db, '--from', out);
    expect(r.status, r.stderr).toBe(0);
    expect(count(db, 'SELECT COUNT(*) AS n FROM sales')).toBe(6919);
    expect(fs.readdirSync(path.join(dir, 'backups')).some((n) => n.includes('before-restore'))).toBe(true);
  });

  it('customer export writes JSON and CSV; erase needs --yes and leaves the sales anonymous', () => {
    const outDir = path.join(dir, 'person');
    const e = run('customer', 'export', '0001', '--db', db, '--out', outDir);
    expect(e.status, e.stderr).toBe(0);
    const json = JSON.parse(fs.readFileSync(path.join(outDir, 'customer.json'), 'utf8')) as {
      customer: { name: string };
      sales: unknown[];
    };
    expect(json.customer.name).toBe('0001');
    expect(json.sales.length).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(outDir, 'sales.csv'))).toBe(true);
    expect(run('customer', 'erase', '0001', '--db', db).status).not.toBe(0);
    const before = count(db, 'SELECT COUNT(*) AS n FROM sales');
    const r = run('customer', 'erase', '0001', '--db', db, '--yes');
    expect(r.status, r.stderr).toBe(0);
    expect(count(db, 'SELECT COUNT(*) AS n FROM sales')).toBe(before);
    expect(count(db, "SELECT COUNT(*) AS n FROM customers WHERE external_id = '0001'")).toBe(0);
  });

  it('a killed import leaves all or none of the file, and the database passes integrity_check', async () => {
    const big = path.join(dir, 'big.csv');
    const lines = ['customer_id,date,amount,items'];
    for (let i = 0; i < 400_000; i++) lines.push(`K${i % 20000},2025-0${1 + (i % 9)}-1${i % 10},${(i % 500) + 1}.50,1`);
    fs.writeFileSync(big, lines.join('\n') + '\n');
    const target = path.join(dir, 'kill.db');
    run('backup', '--db', target, '--out', path.join(dir, 'init-copy.db'));
    const child = spawn(process.execPath, [CLI, 'import', 'sales', big, '--db', target, '--create-customers'], {
      env,
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // Kill it once the import transaction is writing (the WAL has grown well past a few pages).
    const timer = setInterval(() => {
      const wal = `${target}-wal`;
      if (fs.existsSync(wal) && fs.statSync(wal).size > 2_000_000) child.kill('SIGKILL');
    }, 5);
    const signal = await exited;
    clearInterval(timer);
    expect(signal).toBe('SIGKILL');
    const d = new Database(target);
    expect((d.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check).toBe('ok');
    // Killed inside its one transaction: none of the file is there (and no half of it).
    expect(d.prepare('SELECT COUNT(*) AS n FROM sales').get()).toEqual({ n: 0 });
    expect(d.prepare('SELECT COUNT(*) AS n FROM customers').get()).toEqual({ n: 0 });
    expect(d.prepare('SELECT COUNT(*) AS n FROM imports').get()).toEqual({ n: 0 });
    d.close();
  }, 120_000);
});

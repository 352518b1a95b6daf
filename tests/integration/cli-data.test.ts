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

  it('an import killed at any moment of its chunks or its flip leaves the shop as before; the next start removes what it staged', async () => {
    const big = path.join(dir, 'big.csv');
    const lines = ['customer_id,date,amount,items,payment'];
    // half for the CDNOW customers the shop has, half for 20,000 new ones; a payment method it has not
    for (let i = 0; i < 200_000; i++)
      lines.push(
        `${i % 2 ? String(1 + (i % 2357)).padStart(4, '0') : `K${i % 20000}`},2025-0${1 + (i % 9)}-1${i % 10},${(i % 500) + 1}.50,1,${i % 3 ? 'cash' : 'coupon'}`,
      );
    fs.writeFileSync(big, lines.join('\n') + '\n');
    const seeded = path.join(dir, 'seeded.db');
    expect(run('import', 'sales', CDNOW, '--db', seeded, '--create-customers').status).toBe(0);
    const shopState = (file: string) => {
      const d = new Database(file, { readonly: true });
      try {
        return d
          .prepare(
            `SELECT (SELECT COUNT(*) FROM sales) AS sales, (SELECT SUM(amount_minor) FROM sales) AS amount,
               (SELECT COUNT(*) FROM customers) AS customers, (SELECT SUM(total_minor) FROM customers) AS totals,
               (SELECT SUM(visits) FROM customers) AS visits, (SELECT COUNT(*) FROM visit_days) AS visitDays,
               (SELECT SUM(amount_minor) FROM shop_days) AS shopDays, (SELECT SUM(spend_minor) FROM visit_totals) AS visitTotals,
               (SELECT COUNT(*) FROM payment_methods) AS payments, (SELECT COUNT(*) FROM imports WHERE state = 'done') AS imports,
               (SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'import_stage_%') AS staging`,
          )
          .get() as Record<string, number>;
      } finally {
        d.close();
      }
    };
    const before = shopState(seeded);
    const importInto = (file: string) =>
      spawn(process.execPath, [CLI, 'import', 'sales', big, '--db', file, '--create-customers'], { env, stdio: 'ignore' });
    const exit = (child: ReturnType<typeof spawn>) =>
      new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('exit', (code, signal) => resolve({ code, signal })),
      );

    // One whole import, to know the state after it and how long one takes (only to pick moments).
    const whole = path.join(dir, 'whole.db');
    fs.copyFileSync(seeded, whole);
    const t = Date.now();
    expect((await exit(importInto(whole))).code).toBe(0);
    const span = Date.now() - t;
    const after = shopState(whole);
    expect(after.sales).toBe(before.sales! + 200_000);

    let seed = 20261206;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let killed = 0;
    for (let round = 0; round < 6; round++) {
      const target = path.join(dir, `kill-${round}.db`);
      fs.copyFileSync(seeded, target);
      const child = importInto(target);
      const exited = exit(child);
      // a random moment of the run: reading the file, a chunk, between two, the flip, its clean-up
      const timer = setTimeout(() => child.kill('SIGKILL'), Math.floor(random() * span * 1.1));
      const { signal } = await exited;
      clearTimeout(timer);
      // The next start (any command) removes a dead import's staging and marks it failed.
      expect(run('price-changes', '--db', target, '--json').status).toBe(0);
      const d = new Database(target, { readonly: true });
      expect((d.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check).toBe('ok');
      const left = d.prepare("SELECT COUNT(*) AS n FROM imports WHERE state = 'pending'").get();
      d.close();
      expect(left).toEqual({ n: 0 });
      const now = shopState(target);
      // killed before the flip's commit: as before; after it: all of the file (and nothing staged left either way)
      expect(now).toEqual(now.sales === before.sales ? before : after);
      if (signal === 'SIGKILL') killed++;
    }
    expect(killed).toBeGreaterThan(0);
  }, 600_000);
});

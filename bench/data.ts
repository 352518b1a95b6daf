import fs from 'node:fs';
import path from 'node:path';
import { closeApp, openApp } from '../main/app';
import { runImport } from '../main/services/import/run';
import { exportContacts } from '../main/services/export/contacts';
import { writeCopy } from '../main/services/backup';
import { ImportOptions } from '../shared/schemas/import';
import { ExportInput } from '../shared/schemas/export';
import { BENCH_DIR, BENCH_NOW, picker, workCopy, type Row } from './lib';

/** A 1,000,000-row sales CSV for 50,000 source customers, written once and cached. */
export function salesCsv(): string {
  const file = path.join(BENCH_DIR, 'sales-1m.csv');
  if (fs.existsSync(file)) return file;
  const pick = picker(7);
  const lines = ['customer_id,date,amount,items,promotion'];
  const start = Date.UTC(2023, 0, 1);
  for (let i = 0; i < 1_000_000; i++) {
    const day = new Date(start + pick(1000) * 86_400_000).toISOString().slice(0, 10);
    lines.push(
      `C${String(pick(50_000)).padStart(5, '0')},${day},${(pick(50_000) / 100 + 5).toFixed(2)},${1 + pick(4)},${pick(5) === 0 ? 'yes' : 'no'}`,
    );
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** Data in and out: a million-row import, contact exports of 100,000 customers, a backup of the big shop. */
export async function dataSection(): Promise<Row[]> {
  const rows: Row[] = [];
  const csv = salesCsv();
  const target = path.join(BENCH_DIR, 'import-bench.db');
  for (const f of [target, target + '-wal', target + '-shm']) fs.rmSync(f, { force: true });
  const ctx = openApp({ dbPath: target, clock: { now: () => BENCH_NOW } });
  const bytes = fs.readFileSync(csv);
  let t = performance.now();
  const r = await runImport(ctx, bytes, 'sales-1m.csv', ImportOptions.parse({ kind: 'sales', createCustomers: true }));
  const secs = (performance.now() - t) / 1000;
  closeApp(ctx);
  if (!r.committed) throw new Error('benchmark import failed');
  rows.push({
    section: 'data',
    name: `import 1,000,000 sales rows (${r.customersCreated.toLocaleString('en')} customers created)`,
    value: `${secs.toFixed(1)} s, ${Math.round(r.imported / secs).toLocaleString('en')} rows/s`,
    target: '≤ 30 s',
    pass: secs <= 30,
  });

  const shop = workCopy('work-data.db');
  // Every customer may be contacted for this measurement: the cost is in writing the file.
  for (const format of ['csv', 'xlsx', 'vcf'] as const) {
    t = performance.now();
    const e = await exportContacts(
      shop,
      ExportInput.parse({ segment: 'all', channel: 'sms', format, includeWithoutConsent: true, reason: 'benchmark' }),
    );
    const s = (performance.now() - t) / 1000;
    rows.push({
      section: 'data',
      name: `export ${e.campaign.exported.toLocaleString('en')} contacts as ${format}`,
      value: `${s.toFixed(2)} s, ${(e.bytes.length / 1e6).toFixed(1)} MB`,
    });
  }
  const backup = path.join(BENCH_DIR, 'backup-bench.db');
  fs.rmSync(backup, { force: true });
  t = performance.now();
  writeCopy(shop.db, backup);
  rows.push({
    section: 'data',
    name: 'backup of the 2-million-sale shop (copy + integrity_check)',
    value: `${((performance.now() - t) / 1000).toFixed(1)} s, ${(fs.statSync(backup).size / 1e6).toFixed(0)} MB`,
  });
  fs.rmSync(backup, { force: true });
  closeApp(shop);
  return rows;
}

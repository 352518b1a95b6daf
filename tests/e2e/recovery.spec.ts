import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { test, expect, startServe, makeShop } from './fixtures';

test('a damaged database leads the owner to restore the latest good backup', async ({ page, demoTemplate }, testInfo) => {
  const dir = testInfo.outputPath('shop');
  fs.mkdirSync(path.join(dir, 'backups'), { recursive: true });
  const dbPath = path.join(dir, 'shop.db');
  fs.copyFileSync(demoTemplate, dbPath);
  // A good backup from yesterday, named as the automatic ones are.
  fs.copyFileSync(demoTemplate, path.join(dir, 'backups', 'shop-20260309-020000000-daily.db'));
  const customers = (
    new Database(demoTemplate, { readonly: true }).prepare('SELECT COUNT(*) AS n FROM customers').get() as { n: number }
  ).n;

  // Damage a page of an index the counter does not read (the file still opens, but integrity_check fails).
  const db = new Database(dbPath);
  const root = (db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'customers_external'").get() as { rootpage: number })
    .rootpage;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = fs.openSync(dbPath, 'r+');
  fs.writeSync(fd, Buffer.alloc(16, 0xa5), 0, 16, (root - 1) * pageSize);
  fs.closeSync(fd);

  const { child, url } = await startServe(dbPath);
  try {
    const shop = makeShop(url, dbPath);
    await shop.open(page);
    await expect(page.getByRole('heading', { level: 1, name: 'The shop’s database is damaged' })).toBeVisible();
    await expect(page.getByText(`${customers.toLocaleString('en')} customers`)).toBeVisible();
    await page.getByRole('button', { name: 'Restore the latest good backup' }).click();
    await expect(page.getByRole('combobox', { name: 'Find customer' })).toBeVisible();
    expect(fs.readdirSync(path.join(dir, 'backups')).some((n) => n.includes('-damaged') || n.includes('before-restore'))).toBe(
      true,
    );
  } finally {
    child.kill('SIGTERM');
  }
});

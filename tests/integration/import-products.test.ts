import { expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { count, tempShops } from '../helpers/shop';
import { previewImport, runImport } from '../../main/services/import/run';
import { ImportOptions } from '../../shared/schemas/import';
import { listProducts, productHistory } from '../../main/services/products';

const { fresh, clock } = tempShops(Date.parse('2026-03-10T02:00:00Z'));
const opts = (o: Record<string, unknown>) => ImportOptions.parse({ kind: 'products', ...o });

async function gbk(s: string): Promise<Uint8Array> {
  const iconv = await import('iconv-lite');
  return new Uint8Array(iconv.default.encode(s, 'gb18030'));
}

it('imports a GBK product list with Chinese headers; pinyin search works; a second file updates prices into the history', async () => {
  const ctx = fresh();
  const text =
    '商品名称,分类,零售价,条形码,货号\r\n西湖龙井,茶叶,¥128.00,6900000000011,LJ-01\r\n紫砂茶杯,器具,35.5,,BZ-02\r\n桂花乌龙,茶叶,68,,\r\n';
  const bytes = await gbk(text);
  const p = await previewImport(ctx, bytes, '商品.csv', opts({}));
  expect(p.encoding).toBe('gb18030');
  expect(p.mapping).toEqual({ 商品名称: 'name', 分类: 'category', 零售价: 'price', 条形码: 'barcode', 货号: 'sku' });
  const r = await runImport(ctx, bytes, '商品.csv', opts({}));
  expect(r).toMatchObject({ committed: true, imported: 3, productsCreated: 3, productsUpdated: 0, pricesChanged: 0 });
  expect(
    listProducts(ctx, { query: 'xhlj', includeRetired: false, limit: 5 }).map((x) => [x.name, x.priceMinor, x.barcode]),
  ).toEqual([['西湖龙井', 12800, '6900000000011']]);
  expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM products WHERE import_id = ?').get(r.importId)).toEqual({ n: 3 });

  // A new price list: matched by barcode, by SKU, by name; one new product.
  clock.now += 7 * 86_400_000;
  const next =
    'name,category,price,barcode,sku\n西湖龙井（明前）,茶叶,138,6900000000011,\n紫砂茶杯,器具,35.50,,bz-02\n桂花乌龙,茶叶,72,,\n普洱饼,茶叶,220,,PE-1\n';
  const r2 = await runImport(ctx, new Uint8Array(Buffer.from(next)), 'prices.csv', opts({}));
  expect(r2).toMatchObject({ committed: true, productsCreated: 1, productsUpdated: 3, pricesChanged: 2 });
  const lj = listProducts(ctx, { query: '6900000000011', includeRetired: false, limit: 5 })[0]!;
  expect(lj).toMatchObject({ name: '西湖龙井（明前）', priceMinor: 13800, sku: 'LJ-01' });
  expect(productHistory(ctx, lj.id).map((h) => [h.changedOn, h.oldPriceMinor, h.newPriceMinor, h.note])).toEqual([
    ['2026-03-17', 12800, 13800, 'prices.csv'],
    ['2026-03-10', null, 12800, '商品.csv'],
  ]);
  expect(count(ctx, 'products')).toBe(4);
});

it('all or nothing: a bad price, a missing name or a code twice in the file writes nothing; xlsx reads the same', async () => {
  const ctx = fresh();
  const bad = 'name,price,barcode\n绿茶,12,111\n,5,\n红茶,abc,\n白茶,-3,\n黑茶,20,111\n';
  const r = await runImport(ctx, new Uint8Array(Buffer.from(bad)), 'bad.csv', opts({}));
  expect(r.committed).toBe(false);
  expect(r.errors.map((e) => [e.row, e.column, e.reason])).toEqual([
    [3, 'name', 'name_required'],
    [4, 'price', 'amount_invalid'],
    [5, 'price', 'amount_negative'],
    [6, 'barcode', 'duplicate_in_file'],
  ]);
  expect(count(ctx, 'products')).toBe(0);
  expect(count(ctx, 'imports')).toBe(0);

  const missing = await runImport(ctx, new Uint8Array(Buffer.from('name,category\n绿茶,茶\n')), 'm.csv', opts({})).catch(
    (e: unknown) => e,
  );
  expect(missing).toMatchObject({ code: 'VALIDATION', detail: { missingFields: ['price'] } });

  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('商品');
  ws.addRow(['品名', '类别', '单价', '条码']);
  ws.addRow(['绿茶', '茶叶', 12.5, '6900000000035']);
  ws.addRow(['茶叶罐', '器具', 48, '']);
  const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
  const ok = await runImport(ctx, xlsx, 'p.xlsx', opts({}));
  expect(ok).toMatchObject({ committed: true, productsCreated: 2 });
  expect(ctx.db.prepare('SELECT name, category, price_minor, barcode FROM products ORDER BY id').all()).toEqual([
    { name: '绿茶', category: '茶叶', price_minor: 1250, barcode: '6900000000035' },
    { name: '茶叶罐', category: '器具', price_minor: 4800, barcode: null },
  ]);
});

it('regulars import products FILE --db PATH [--map …] on the command line', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-pcli-'));
  try {
    const db = path.join(dir, 'shop.db');
    const file = path.join(dir, 'list.csv');
    fs.writeFileSync(file, '品名,RRP,类别\n拿铁,28,咖啡\n美式,22,咖啡\n');
    const cli = path.resolve(__dirname, '../../dist/cli/index.mjs');
    const r = spawnSync(process.execPath, [cli, 'import', 'products', file, '--db', db, '--map', 'RRP=price'], {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'Asia/Shanghai' },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Imported 2 products rows .*2 new, 0 updated/);
    const check = new Database(db, { readonly: true });
    expect(check.prepare('SELECT name, price_minor, category FROM products ORDER BY id').all()).toEqual([
      { name: '拿铁', price_minor: 2800, category: '咖啡' },
      { name: '美式', price_minor: 2200, category: '咖啡' },
    ]);
    check.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

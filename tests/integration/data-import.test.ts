import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { count, tempShops } from '../helpers/shop';
import { previewImport, runImport } from '../../main/services/import/run';
import { ImportOptions } from '../../shared/schemas/import';

const { fresh } = tempShops(Date.parse('2026-03-10T02:00:00Z'));

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const withBom = (s: string) => new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')]));
/** GB18030/GBK bytes, as Chinese Excel writes them (encoded with iconv-lite, a dev dependency for tests). */
async function gbk(s: string): Promise<Uint8Array> {
  const iconv = await import('iconv-lite');
  return new Uint8Array(iconv.default.encode(s, 'gb18030'));
}
const opts = (o: Record<string, unknown>) => ImportOptions.parse(o);

describe('reading files', () => {
  it('GBK file with Chinese headers: encoding detected, mapping guessed, customers imported', async () => {
    const ctx = fresh();
    const text =
      '姓名,手机号,会员号,生日,标签,短信\r\n张三,139 1234 5678,A001,1985年3月5日,"VIP,老顾客",是\r\n李四,13800138000,A002,,,否\r\n';
    const bytes = await gbk(text);
    const p = await previewImport(ctx, bytes, 'gbk.csv', opts({ kind: 'customers' }));
    expect(p.encoding).toBe('gb18030');
    expect(p.mapping).toMatchObject({
      姓名: 'name',
      手机号: 'phone',
      会员号: 'member_code',
      生日: 'birthday',
      标签: 'tags',
      短信: 'consent_sms',
    });
    const r = await runImport(ctx, bytes, 'gbk.csv', opts({ kind: 'customers' }));
    expect(r).toMatchObject({ committed: true, imported: 2, customersCreated: 2, errorCount: 0 });
    const z = ctx.db.prepare("SELECT phone, member_code, birthday FROM customers WHERE name = '张三'").get();
    expect(z).toEqual({ phone: '+8613912345678', member_code: 'A001', birthday: '1985-03-05' });
    expect(count(ctx, 'customer_tags')).toBe(2);
    expect(
      ctx.db
        .prepare("SELECT channel, is_granted FROM consents WHERE customer_id = (SELECT id FROM customers WHERE name = '李四')")
        .all(),
    ).toEqual([{ channel: 'sms', is_granted: 0 }]);
  });

  it('UTF-8 with BOM, semicolons, quoted fields with commas and newlines', async () => {
    const ctx = fresh();
    const text = 'name;phone;notes\n"Wang, Fang";13912340001;"likes tea;\nvisits Fridays"\n';
    const r = await runImport(ctx, withBom(text), 'bom.csv', opts({ kind: 'customers' }));
    expect(r.errors).toEqual([]);
    expect(ctx.db.prepare('SELECT name, notes FROM customers').get()).toEqual({
      name: 'Wang, Fang',
      notes: 'likes tea;\nvisits Fridays',
    });
  });

  it('the same customers again are matched by phone or member code, never duplicated', async () => {
    const ctx = fresh();
    await runImport(ctx, utf8('name,phone,member_code\n张三,13912345678,A1\n'), 'a.csv', opts({ kind: 'customers' }));
    const r = await runImport(
      ctx,
      utf8('姓名,电话,卡号,标签\n张三丰,+86 139-1234-5678,,VIP\n王五,,a1,\n'),
      'b.csv',
      opts({ kind: 'customers' }),
    );
    expect(r).toMatchObject({ committed: true, customersCreated: 0, customersUpdated: 2 });
    expect(count(ctx, 'customers')).toBe(1);
  });

  it('xlsx: first sheet, dates and numbers as Excel stores them', async () => {
    const ctx = fresh();
    await runImport(ctx, utf8('name,phone,member_code\n张三,13912345678,A1\n'), 'c.csv', opts({ kind: 'customers' }));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('销售');
    ws.addRow(['会员号', '日期', '实收', '数量', '支付方式', '店员']);
    ws.addRow(['A1', new Date(Date.UTC(2025, 4, 6)), 128.5, 2, '微信', '小王']);
    ws.addRow(['A1', 45800, '¥1,280.00', 1, '现金', '小王']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await runImport(ctx, bytes, 's.xlsx', opts({ kind: 'sales' }));
    expect(r.errors).toEqual([]);
    const rows = ctx.db.prepare('SELECT business_date, amount_minor, items FROM sales ORDER BY business_date').all();
    expect(rows).toEqual([
      { business_date: '2025-05-06', amount_minor: 12850, items: 2 },
      { business_date: '2025-05-23', amount_minor: 128000, items: 1 },
    ]);
    expect(ctx.db.prepare("SELECT COUNT(*) AS n FROM staff WHERE name = '小王'").get()).toEqual({ n: 1 });
    expect(ctx.db.prepare("SELECT visits, total_minor FROM customers WHERE member_code = 'A1'").get()).toEqual({
      visits: 2,
      total_minor: 140850,
    });
  });

  it.each([
    ['2024/3/5', 'auto', '2024-03-05'],
    ['2024年3月5日 14:30', 'auto', '2024-03-05'],
    ['20240305', 'auto', '2024-03-05'],
    ['05/03/2024', 'dmy', '2024-03-05'],
    ['05/03/2024', 'mdy', '2024-05-03'],
    ['25/12/2024', 'auto', '2024-12-25'],
  ])('date %s (%s) → %s', async (cell, dateFormat, expected) => {
    const ctx = fresh();
    const r = await runImport(ctx, utf8(`date,amount\n${cell},10\n`), 'd.csv', opts({ kind: 'sales', dateFormat }));
    expect(r.errors).toEqual([]);
    expect(ctx.db.prepare('SELECT business_date FROM sales').get()).toEqual({ business_date: expected });
  });
});

describe('broken files change nothing', () => {
  const header = 'customer_id,date,amount,items\n';
  it.each([
    ['ragged row', header + '1,2024-01-01,10,1\n2,2024-01-02,10\n', 3, 'ragged_row'],
    ['bad date', header + '1,2024-13-01,10,1\n', 2, 'date_invalid'],
    ['ambiguous date without an order', header + '1,05/03/2024,10,1\n', 2, 'date_invalid'],
    ['bad amount', header + '1,2024-01-01,12.345,1\n', 2, 'amount_invalid'],
    ['negative amount', header + '1,2024-01-01,-5,1\n', 2, 'amount_negative'],
    ['bad items', header + '1,2024-01-01,10,0\n', 2, 'items_invalid'],
    ['truncated last line', header + '1,2024-01-01,10,1\n2,2024-01-0', 3, 'ragged_row'],
    ['unclosed quote', header + '1,2024-01-01,10,1\n"2,2024-01-02,10,1\n', 3, 'unclosed_quote'],
  ])('%s', async (_label, text, row, reason) => {
    const ctx = fresh();
    const r = await runImport(ctx, utf8(text), 'bad.csv', opts({ kind: 'sales', createCustomers: true }));
    expect(r.committed).toBe(false);
    expect(r.errors).toContainEqual(expect.objectContaining({ row, reason }));
    expect(count(ctx, 'sales')).toBe(0);
    expect(count(ctx, 'customers')).toBe(0);
    expect(count(ctx, 'imports')).toBe(0);
  });

  it('a GBK file forced to UTF-8 turns into replacement characters, not a crash; auto reads it right', async () => {
    const ctx = fresh();
    const bytes = await gbk('姓名,手机\n张三,13912345678\n');
    const wrong = await previewImport(ctx, bytes, 'x.csv', opts({ kind: 'customers', encoding: 'utf8' }));
    expect(wrong.headers.join('')).toContain('\ufffd');
    const right = await previewImport(ctx, bytes, 'x.csv', opts({ kind: 'customers' }));
    expect(right.headers).toEqual(['姓名', '手机']);
  });

  it('skip bad rows imports the good ones and reports the rest; dry run writes nothing', async () => {
    const ctx = fresh();
    const text = header + '1,2024-01-01,10,1\n2,not a date,10,1\n3,2024-01-03,10,1\n';
    const dry = await runImport(ctx, utf8(text), 'm.csv', opts({ kind: 'sales', createCustomers: true, dryRun: true }));
    expect(dry).toMatchObject({ dryRun: true, committed: false, imported: 2, skipped: 1 });
    expect(count(ctx, 'sales')).toBe(0);
    const r = await runImport(ctx, utf8(text), 'm.csv', opts({ kind: 'sales', createCustomers: true, skipBadRows: true }));
    expect(r).toMatchObject({ committed: true, imported: 2, skipped: 1 });
    expect(r.errors).toEqual([{ row: 3, column: 'date', reason: 'date_invalid', value: 'not a date' }]);
    expect(count(ctx, 'sales')).toBe(2);
  });

  it('a mapping given once is remembered for the next file with the same columns', async () => {
    const ctx = fresh();
    const text = 'Kunde,Tag,Betrag\nK1,2024-01-01,10\n';
    const r = await runImport(
      ctx,
      utf8(text),
      'de.csv',
      opts({ kind: 'sales', createCustomers: true, map: { Kunde: 'customer_id', Tag: 'date', Betrag: 'amount' } }),
    );
    expect(r.committed).toBe(true);
    const p = await previewImport(ctx, utf8('Kunde,Tag,Betrag\nK2,2024-01-02,11\n'), 'de2.csv', opts({ kind: 'sales' }));
    expect(p).toMatchObject({ mappingRemembered: true, mapping: { Kunde: 'customer_id', Tag: 'date', Betrag: 'amount' } });
  });
});

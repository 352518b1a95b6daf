import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import { ok, tempShops } from '../helpers/shop';
import { readCards } from '../helpers/vcard';
import type { Ctx } from '../../main/ctx';
import { exportContacts, campaignResults } from '../../main/services/export/contacts';
import { ExportInput } from '../../shared/schemas/export';

const { fresh, clock } = tempShops(Date.parse('2026-03-10T02:00:00Z'));

async function shop(ctx: Ctx) {
  const a = await ok<{ id: number }>(ctx, 'customers.create', {
    name: '张三',
    phone: '13912345678',
    tags: ['VIP'],
    consent: { sms: true, wechat: true },
  });
  const b = await ok<{ id: number }>(ctx, 'customers.create', {
    name: '=HYPERLINK("http://x","click")',
    phone: '13800138000',
    tags: ['VIP'],
    consent: { sms: true },
  });
  const c = await ok<{ id: number }>(ctx, 'customers.create', { name: '李四, "Jr"; 小李', phone: '13700137000', tags: ['VIP'] });
  await ok(ctx, 'customers.create', { name: '王五', tags: ['VIP'], consent: { sms: true } });
  return { a, b, c };
}

describe('contact exports', () => {
  it('CSV: UTF-8 with BOM, one header row, only consenting customers, formulas neutralised', async () => {
    const ctx = fresh();
    await shop(ctx);
    const r = await exportContacts(ctx, ExportInput.parse({ segment: 'tag', tag: 'VIP', channel: 'sms', format: 'csv' }));
    expect([...r.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<string[]>(r.bytes.subarray(3).toString('utf8'), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header![0]).toBe('name');
    expect(rows.map((row) => row[0])).toEqual(['\'=HYPERLINK("http://x","click")', '张三']);
    expect(rows.find((row) => row[0] === '张三')![1]).toBe('139 1234 5678');
    expect(r.campaign).toMatchObject({ matched: 4, exported: 2, leftOutNoConsent: 1, leftOutNoContact: 1 });
  });

  it('xlsx read back with a real parser; vCard parsed back with escaping intact', async () => {
    const ctx = fresh();
    await shop(ctx);
    const x = await exportContacts(
      ctx,
      ExportInput.parse({
        segment: 'all',
        channel: 'sms',
        format: 'xlsx',
        includeWithoutConsent: true,
        reason: 'shop reopening notice',
      }),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const names: string[] = [];
    ws.eachRow((row, i) => {
      if (i > 1) names.push(String(row.getCell(1).value));
    });
    expect(ws.getRow(1).getCell(1).value).toBe('name');
    expect(names).toContain('李四, "Jr"; 小李');
    expect(names).toContain('\'=HYPERLINK("http://x","click")');
    expect(names).toHaveLength(3);

    const v = await exportContacts(
      ctx,
      ExportInput.parse({ segment: 'all', channel: 'phone', format: 'vcf', includeWithoutConsent: true, reason: 'r' }),
    );
    const cards = readCards(v.bytes.toString('utf8'));
    expect(cards).toHaveLength(3);
    const fns = cards.map((c) => c.fn);
    expect(fns).toContain('李四, "Jr"; 小李');
    expect(fns).toContain('=HYPERLINK("http://x","click")');
    // vCard 3.0 by default: the number itself (4.0 writes a tel: URI)
    expect(cards.map((c) => c.tel)).toContain('+8613912345678');
  });

  it('including customers without consent needs a reason, which is logged', async () => {
    const ctx = fresh();
    await shop(ctx);
    expect(ExportInput.safeParse({ segment: 'all', channel: 'sms', format: 'csv', includeWithoutConsent: true }).success).toBe(
      false,
    );
    await exportContacts(
      ctx,
      ExportInput.parse({ segment: 'all', channel: 'sms', format: 'csv', includeWithoutConsent: true, reason: 'legal notice' }),
    );
    const log = ctx.db.prepare("SELECT detail FROM audit_log WHERE action = 'export.contacts'").get() as { detail: string };
    expect(JSON.parse(log.detail)).toMatchObject({ reason: 'legal notice', withoutConsent: 1 });
  });

  it('a campaign shows who bought again within 30/60/90 days', async () => {
    const ctx = fresh();
    const { a, b } = await shop(ctx);
    const r = await exportContacts(ctx, ExportInput.parse({ segment: 'all', channel: 'sms', format: 'csv' }));
    clock.now += 10 * 86_400_000;
    await ok(ctx, 'sales.record', { customerId: a.id, amountMinor: 1000 });
    clock.now += 40 * 86_400_000;
    await ok(ctx, 'sales.record', { customerId: b.id, amountMinor: 1000 });
    const res = campaignResults(ctx, r.campaign.id);
    expect(res.returned).toEqual({ d30: 1, d60: 2, d90: 2 });
  });
});

describe('segments from the lapsed-customer analysis', () => {
  it('exports a tier and the lapsed customers', async () => {
    const ctx = fresh();
    const c = await ok<{ id: number }>(ctx, 'customers.create', { name: '常客', phone: '13911110000', consent: { sms: true } });
    for (let i = 0; i < 6; i++) {
      await ok(ctx, 'sales.record', {
        customerId: c.id,
        amountMinor: 10_000,
        occurredAt: clock.now - (400 - i * 7) * 86_400_000,
      });
    }
    const key = await exportContacts(ctx, ExportInput.parse({ segment: 'key', channel: 'sms', format: 'csv' }));
    expect(key.campaign.exported).toBe(0); // nothing bought in the last 12 months: a small customer now
    const lapsed = await exportContacts(ctx, ExportInput.parse({ segment: 'lapsed', channel: 'sms', format: 'csv' }));
    expect(lapsed.campaign.exported).toBe(1);
  });
});

describe('hostile text in every export format', () => {
  const NAME = '<script>alert(1)</script>王\u202e芳👩‍👧';
  const NOTE = `line one\r\nline two; "quoted", back\\slash\u0007 ${'长'.repeat(3000)}`;
  const TAG = '<b>VIP</b>,;:';

  it('CSV, xlsx and vCard carry it as plain text that reads back exactly', async () => {
    const ctx = fresh();
    await ok(ctx, 'customers.create', {
      name: NAME,
      phone: '13912340000',
      notes: NOTE,
      tags: [TAG],
      consent: { sms: true, phone: true },
    });
    await ok(ctx, 'customers.create', {
      name: '@SUM(A1:A9)',
      phone: '13912340001',
      tags: [TAG],
      consent: { sms: true, phone: true },
    });
    const base = { segment: 'tag', tag: TAG, channel: 'sms' } as const;

    const csv = await exportContacts(ctx, ExportInput.parse({ ...base, format: 'csv' }));
    const parsed = Papa.parse<string[]>(csv.bytes.subarray(3).toString('utf8'), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const names = parsed.data.slice(1).map((r) => r[0]);
    expect(names).toContain(NAME);
    // a leading @ (a formula to Excel) is neutralised
    expect(names).toContain("'@SUM(A1:A9)");
    expect(parsed.data.slice(1).every((r) => r.length === parsed.data[0]!.length)).toBe(true);

    const x = await exportContacts(ctx, ExportInput.parse({ ...base, format: 'xlsx' }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.bytes as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0]!.eachRow((row, i) => {
      if (i > 1) cells.push(String(row.getCell(1).value));
    });
    expect(cells).toContain(NAME);
    expect(cells).toContain("'@SUM(A1:A9)");

    const v = await exportContacts(ctx, ExportInput.parse({ ...base, channel: 'phone', format: 'vcf' }));
    const fns = readCards(v.bytes.toString('utf8')).map((c) => c.fn);
    expect(fns).toContain(NAME);
    expect(fns).toContain('@SUM(A1:A9)');
  });
});

import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { count, ok, tempShops } from '../helpers/shop';
import type { Ctx } from '../../main/ctx';
import { dispatch } from '../../main/api';
import { exportContacts } from '../../main/services/export/contacts';
import { ExportInput } from '../../shared/schemas/export';

const { fresh } = tempShops(Date.parse('2026-03-10T02:00:00Z'));

/** 张三 and 欧阳小红 agreed to SMS, 李四 did not, Tom has a Hong Kong number and agreed. */
async function shop(ctx: Ctx) {
  await ok(ctx, 'settings.update', { shopName: '老街面馆', language: 'zh-CN' });
  const ids: Record<string, number> = {};
  for (const [name, phone, sms] of [
    ['张三', '13912345678', true],
    ['欧阳小红', '13800138000', true],
    ['李四', '13700137000', false],
    ['Tom', '+85291234567', true],
  ] as const) {
    ids[name] = (await ok<{ id: number }>(ctx, 'customers.create', { name, phone, consent: { sms, phone: true } })).id;
  }
  return ids;
}

function csvRows(bytes: Buffer) {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
}

async function xlsxRows(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, ExcelJS.Cell>[] = [];
  ws.eachRow((row, i) => {
    if (i > 1) rows.push(Object.fromEntries(header.map((h, k) => [h, row.getCell(k + 1)])));
  });
  return { header, rows };
}

const OFFER = { kind: 'amount_off', value: 2000, minSpendMinor: 10000, expiresOn: '2026-04-30' } as const;

describe('exports for sending (issue 17)', () => {
  it('an SMS platform sheet (CSV): 手机号码 + 短信内容, one row per customer who agreed, each with their own offer code', async () => {
    const ctx = fresh();
    const ids = await shop(ctx);
    const r = await exportContacts(
      ctx,
      ExportInput.parse({ segment: 'all', channel: 'sms', format: 'csv', layout: 'sms', offer: OFFER }),
    );
    const parsed = csvRows(r.bytes);
    expect(parsed.meta.fields).toEqual(['手机号码', '短信内容']);
    // 李四 did not agree to SMS: no row at all
    expect(parsed.data).toHaveLength(3);
    const byPhone = new Map(parsed.data.map((d) => [d['手机号码']!, d['短信内容']!]));
    expect([...byPhone.keys()].sort()).toEqual(['0085291234567', '13800138000', '13912345678']);
    const offers = await ok<{ code: string; customerId: number; campaignId: number; status: string }[]>(ctx, 'offers.list', {
      campaignId: r.campaign.id,
    });
    expect(offers).toHaveLength(3);
    expect(new Set(offers.map((o) => o.customerId))).toEqual(new Set([ids['张三'], ids['欧阳小红'], ids['Tom']]));
    expect(new Set(offers.map((o) => o.code)).size).toBe(3);
    for (const o of offers) expect(o).toMatchObject({ campaignId: r.campaign.id, status: 'open' });
    const zhang = byPhone.get('13912345678')!;
    const zhangCode = offers.find((o) => o.customerId === ids['张三'])!.code;
    expect(zhang).toContain('张三');
    expect(zhang).toContain('老街面馆');
    // the offer's line (shared/domain/offers.ts, the shop's language): the code, the terms, the last day
    expect(zhang).toContain(`优惠码 ${zhangCode}：`);
    expect(zhang).toMatch(/满¥100(\.00)?.*¥20(\.00)?/);
    expect(zhang).toContain('2026年4月30日');
    expect(r.campaign.format).toBe('sms_csv');
    expect(r.fileName).toContain('sms-platform');
  });

  it('a contact list (.xlsx) with message and offer code columns; the phone stays text; without consent no message and no offer', async () => {
    const ctx = fresh();
    const ids = await shop(ctx);
    const r = await exportContacts(
      ctx,
      ExportInput.parse({
        segment: 'all',
        channel: 'sms',
        format: 'xlsx',
        headers: 'keys',
        message: true,
        offer: { kind: 'percent_off', value: 15 },
        includeWithoutConsent: true,
        reason: '老顾客，电话里说过可以发',
      }),
    );
    const { header, rows } = await xlsxRows(r.bytes);
    expect(header.slice(-2)).toEqual(['message', 'offer_code']);
    const by = new Map(rows.map((x) => [String(x['name']!.value), x]));
    expect(by.size).toBe(4);
    const zhang = by.get('张三')!;
    expect(zhang['phone']!.type).toBe(ExcelJS.ValueType.String);
    expect(zhang['phone']!.value).toBe('139 1234 5678');
    expect(String(zhang['message']!.value)).toMatch(
      /^张三您好，这里是老街面馆。.*优惠码 [34679ACEFGHKMNPRTWXY]{7}：.*(15%|8\.5折)/,
    );
    expect(String(zhang['message']!.value)).toContain(String(zhang['offer_code']!.value));
    // included without consent (with the reason logged): on the list, but nothing to send
    expect(by.get('李四')!['message']!.value ?? '').toBe('');
    expect(by.get('李四')!['offer_code']!.value ?? '').toBe('');
    const offers = await ok<{ customerId: number }[]>(ctx, 'offers.list', { campaignId: r.campaign.id });
    expect(offers.map((o) => o.customerId)).not.toContain(ids['李四']);
    expect(offers).toHaveLength(3);
  });

  it('the campaign log keeps which message and which code went to whom', async () => {
    const ctx = fresh();
    const ids = await shop(ctx);
    const r = await exportContacts(
      ctx,
      ExportInput.parse({ segment: 'all', channel: 'sms', format: 'xlsx', layout: 'sms', offer: OFFER }),
    );
    const { rows } = await xlsxRows(r.bytes);
    // the platform's sheet: the number as 11 digits of text, never a number cell
    const first = rows.find((x) => x['手机号码']!.value === '13912345678')!;
    expect(first['手机号码']!.type).toBe(ExcelJS.ValueType.String);
    const results = await ok<{
      members: { id: number; message: string | null; offerCode: string | null; offerStatus: string | null }[];
    }>(ctx, 'campaigns.results', { id: r.campaign.id });
    const zhang = results.members.find((m) => m.id === ids['张三'])!;
    expect(zhang.message).toBe(first['短信内容']!.value);
    expect(zhang.message).toContain(zhang.offerCode!);
    expect(zhang.offerStatus).toBe('open');
    expect(results.members.find((m) => m.id === ids['李四'])).toBeUndefined();
    // the customer's own data export says what was sent to them
    const own = await ok<{ json: { campaigns: { id: number; message: string | null }[] } }>(ctx, 'customers.exportData', {
      id: ids['张三'],
    });
    expect(own.json.campaigns).toEqual([expect.objectContaining({ id: r.campaign.id, message: zhang.message })]);
    // another export of the same list the same day with an offer is a campaign of its own
    const again = await exportContacts(
      ctx,
      ExportInput.parse({ segment: 'all', channel: 'sms', format: 'csv', layout: 'sms', offer: OFFER }),
    );
    expect(again.campaign.id).not.toBe(r.campaign.id);
  });

  it('a message starting with = + - @ is neutralised in CSV and in .xlsx', async () => {
    const ctx = fresh();
    await shop(ctx);
    await ok(ctx, 'settings.update', { messages: { lapsed: '=HYPERLINK("http://x";"{{name}}")' } });
    const input = { segment: 'all', channel: 'sms', layout: 'sms', messageKind: 'lapsed' } as const;
    const csv = await exportContacts(ctx, ExportInput.parse({ ...input, format: 'csv' }));
    for (const row of csvRows(csv.bytes).data) expect(row['短信内容']).toMatch(/^'=HYPERLINK/);
    const x = await xlsxRows((await exportContacts(ctx, ExportInput.parse({ ...input, format: 'xlsx' }))).bytes);
    for (const row of x.rows) {
      expect(row['短信内容']!.type).toBe(ExcelJS.ValueType.String);
      expect(String(row['短信内容']!.value)).toMatch(/^'=HYPERLINK/);
    }
  });

  it('a file that cannot be written issues nothing: the offers and the campaign are taken back', async () => {
    const ctx = fresh();
    await shop(ctx);
    await expect(
      exportContacts(
        ctx,
        ExportInput.parse({ segment: 'all', channel: 'sms', format: 'csv', layout: 'sms', offer: OFFER }),
        '/nowhere/file.csv',
        () => {
          throw new Error('EACCES');
        },
      ),
    ).rejects.toThrow('EACCES');
    expect(count(ctx, 'offers')).toBe(0);
    expect(count(ctx, 'campaigns')).toBe(0);
    expect(count(ctx, 'campaign_members')).toBe(0);
    // the owner's activity log lists no export that never came to be
    const logged = await ok<{ action: string }[]>(ctx, 'audit.list', {});
    expect(logged.filter((e) => e.action === 'export.contacts')).toHaveLength(0);
  });

  it('bad combinations are refused with a field issue and change nothing', async () => {
    const ctx = fresh();
    await shop(ctx);
    const bad = [
      [{ segment: 'all', channel: 'phone', format: 'csv', layout: 'sms' }, 'channel'],
      [{ segment: 'all', channel: 'sms', format: 'vcf', layout: 'sms' }, 'layout'],
      [{ segment: 'all', channel: 'sms', format: 'vcf', message: true }, 'message'],
      [
        { segment: 'all', channel: 'sms', format: 'csv', layout: 'sms', includeWithoutConsent: true, reason: 'x' },
        'includeWithoutConsent',
      ],
      [{ segment: 'all', channel: 'sms', format: 'csv', offer: { kind: 'percent_off', value: 120 } }, 'offer'],
    ] as const;
    for (const [input, field] of bad) {
      const r = await dispatch('exports.contacts', input, ctx);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.code).toBe('VALIDATION');
      expect(JSON.stringify(!r.ok && r.error)).toContain(field);
    }
    expect(count(ctx, 'offers')).toBe(0);
    expect(count(ctx, 'campaigns')).toBe(0);
  });
});

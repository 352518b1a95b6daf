import { describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import { ok, tempShops } from '../helpers/shop';
import type { Ctx } from '../../main/ctx';
import { exportContacts } from '../../main/services/export/contacts';
import { ExportInput } from '../../shared/schemas/export';
import { exportCommand } from '../../main/cli/data';

const { fresh, clock } = tempShops(Date.parse('2026-03-10T02:00:00Z'));

/** Two paying customers (two visits for ¥1,280.50, one ¥10 visit) and one who never bought. */
async function shop(ctx: Ctx) {
  const zhang = await ok<{ id: number }>(ctx, 'customers.create', {
    name: '张三',
    phone: '13912345678',
    consent: { sms: true, phone: true },
  });
  const ouyang = await ok<{ id: number }>(ctx, 'customers.create', {
    name: '欧阳小红',
    phone: '13800138000',
    consent: { sms: true, phone: true },
  });
  await ok(ctx, 'customers.create', { name: 'Anna Smith', phone: '13700137000', consent: { sms: true, phone: true } });
  await ok(ctx, 'sales.record', { customerId: zhang.id, amountMinor: 128_000 });
  clock.now += 2 * 86_400_000;
  await ok(ctx, 'sales.record', { customerId: zhang.id, amountMinor: 50 });
  await ok(ctx, 'sales.record', { customerId: ouyang.id, amountMinor: 1000 });
}

/** ical.js (Mozilla's parser, independent of our writer) reads each card with its version's rules. */
function cards(text: string) {
  const parsed = ICAL.parse(text) as unknown[];
  const jcards = (Array.isArray(parsed[0]) ? parsed : [parsed]) as ConstructorParameters<typeof ICAL.Component>[0][];
  return jcards.map((j) => {
    const c = new ICAL.Component(j);
    return {
      version: String(c.getFirstPropertyValue('version')),
      fn: String(c.getFirstPropertyValue('fn')),
      n: c.getFirstPropertyValue('n') as unknown,
      tel: String(c.getFirstPropertyValue('tel')),
    };
  });
}

describe('vCard versions (issue 15, item 13)', () => {
  it('3.0 is the default: VERSION 3.0, N and FN, TEL as a plain number, read back by ical.js', async () => {
    const ctx = fresh();
    await shop(ctx);
    const r = await exportContacts(ctx, ExportInput.parse({ segment: 'all', channel: 'phone', format: 'vcf' }));
    const text = r.bytes.toString('utf8');
    expect(text).toContain('VERSION:3.0\r\n');
    expect(text).not.toContain('VERSION:4.0');
    const cs = cards(text);
    expect(cs).toHaveLength(3);
    for (const c of cs) expect(c.version).toBe('3.0');
    const by = new Map(cs.map((c) => [c.fn, c]));
    // N is family;given;additional;prefix;suffix: a Chinese name splits at its (compound) surname
    expect(by.get('张三')!.n).toEqual(['张', '三', '', '', '']);
    expect(by.get('欧阳小红')!.n).toEqual(['欧阳', '小红', '', '', '']);
    // a Latin name is not guessed apart: all of it as given name shows it as typed
    expect(by.get('Anna Smith')!.n).toEqual(['', 'Anna Smith', '', '', '']);
    expect(by.get('张三')!.tel).toBe('+8613912345678');
    // every card has N (phones that import 3.0 skip a card without it)
    expect(text.match(/^N:/gm)).toHaveLength(3);
  });

  it('4.0 on request: VERSION 4.0, N and FN, TEL as a tel: URI', async () => {
    const ctx = fresh();
    await shop(ctx);
    const r = await exportContacts(
      ctx,
      ExportInput.parse({ segment: 'all', channel: 'phone', format: 'vcf', vcardVersion: '4.0' }),
    );
    const text = r.bytes.toString('utf8');
    const cs = cards(text);
    expect(cs.map((c) => c.version)).toEqual(['4.0', '4.0', '4.0']);
    const zhang = cs.find((c) => c.fn === '张三')!;
    expect(zhang.n).toEqual(['张', '三', '', '', '']);
    expect(zhang.tel).toBe('tel:+8613912345678');
  });

  it('the version is checked', () => {
    expect(ExportInput.safeParse({ segment: 'all', channel: 'phone', format: 'vcf', vcardVersion: '2.1' }).success).toBe(false);
  });
});

describe('xlsx cell types (issue 15, item 14)', () => {
  it('visits are numbers, the total a number with two decimals, phones and names stay text', async () => {
    const ctx = fresh();
    await shop(ctx);
    const x = await exportContacts(ctx, ExportInput.parse({ segment: 'all', channel: 'sms', format: 'xlsx' }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    const rowOf = (name: string) => {
      let found: ExcelJS.Row | undefined;
      ws.eachRow((row, i) => {
        if (i > 1 && row.getCell(col('name')).value === name) found = row;
      });
      return found!;
    };
    const zhang = rowOf('张三');
    expect(zhang.getCell(col('visits')).type).toBe(ExcelJS.ValueType.Number);
    expect(zhang.getCell(col('visits')).value).toBe(2);
    const total = zhang.getCell(col('total_spent'));
    expect(total.type).toBe(ExcelJS.ValueType.Number);
    expect(total.value).toBe(1280.5);
    expect(total.numFmt).toBe('0.00');
    expect(rowOf('欧阳小红').getCell(col('total_spent')).value).toBe(10);
    expect(rowOf('Anna Smith').getCell(col('visits')).value).toBe(0);
    expect(rowOf('Anna Smith').getCell(col('total_spent')).value).toBe(0);
    // a phone number is text (a number would lose its form and, abroad, its leading +)
    expect(zhang.getCell(col('phone')).type).toBe(ExcelJS.ValueType.String);
    expect(zhang.getCell(col('phone')).value).toBe('139 1234 5678');
    expect(zhang.getCell(col('name')).type).toBe(ExcelJS.ValueType.String);
    // exactly one header row
    expect(ws.getRow(2).getCell(col('visits')).type).toBe(ExcelJS.ValueType.Number);
  });

  it('the CSV keeps the total as 1280.50 and visits as 2', async () => {
    const ctx = fresh();
    await shop(ctx);
    const r = await exportContacts(ctx, ExportInput.parse({ segment: 'all', channel: 'sms', format: 'csv' }));
    const lines = r.bytes.subarray(3).toString('utf8').split('\r\n');
    const header = lines[0]!.split(',');
    const zhang = lines.find((l) => l.startsWith('张三'))!.split(',');
    expect(zhang[header.indexOf('visits')]).toBe('2');
    expect(zhang[header.indexOf('total_spent')]).toBe('1280.50');
  });
});

describe('regulars export contacts --vcard-version', () => {
  it('writes 3.0 by default and 4.0 when asked; refuses another version', async () => {
    const ctx = fresh();
    await shop(ctx);
    const dir = path.dirname(ctx.dbPath);
    const out = (v: string) => path.join(dir, `c-${v}.vcf`);
    const args = ['contacts', '--db', ctx.dbPath, '--segment', 'all', '--channel', 'phone', '--format', 'vcf'];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await exportCommand([...args, '--out', out('default')])).toBe(0);
      expect(await exportCommand([...args, '--vcard-version', '4.0', '--out', out('4')])).toBe(0);
      await expect(exportCommand([...args, '--vcard-version', '2.1', '--out', out('2')])).rejects.toThrow(/vcard-version/);
    } finally {
      write.mockRestore();
    }
    expect(cards(fs.readFileSync(out('default'), 'utf8')).map((c) => c.version)).toEqual(['3.0', '3.0', '3.0']);
    expect(cards(fs.readFileSync(out('4'), 'utf8')).map((c) => c.version)).toEqual(['4.0', '4.0', '4.0']);
    expect(fs.existsSync(out('2'))).toBe(false);
  });
});

describe('the Lapsed screen’s filters carried to the export (issue 15, item 6)', () => {
  it('lapsed narrowed by tier and by staff member; a tier on a segment that has none is refused', async () => {
    const ctx = fresh();
    const staff = await ok<{ id: number }>(ctx, 'staff.create', { name: '小王' });
    const ids: number[] = [];
    for (const [i, name] of ['常客甲', '常客乙', '常客丙'].entries()) {
      const c = await ok<{ id: number }>(ctx, 'customers.create', {
        name,
        phone: `1391111000${i}`,
        consent: { sms: true },
        ...(i === 0 ? { staffId: staff.id } : {}),
      });
      ids.push(c.id);
      // weekly regulars who stopped four months ago; the first spent most
      for (let k = 0; k < 8; k++)
        await ok(ctx, 'sales.record', {
          customerId: c.id,
          amountMinor: (i === 0 ? 50_000 : 2_000) + k,
          occurredAt: clock.now - (180 - k * 7) * 86_400_000,
        });
    }
    const report = await ok<{ rows: { id: number; status: string; tier: string }[] }>(ctx, 'lapsed.list', {});
    const lapsed = report.rows.filter((r) => r.status === 'lapsed');
    expect(lapsed.map((r) => r.id).sort()).toEqual(ids);
    const tierOfFirst = lapsed.find((r) => r.id === ids[0])!.tier;
    const sameTier = lapsed.filter((r) => r.tier === tierOfFirst).length;
    expect(sameTier).toBeLessThan(3);

    const all = await ok<{ matched: number }>(ctx, 'exports.preview', { segment: 'lapsed', channel: 'sms', format: 'csv' });
    expect(all.matched).toBe(3);
    const byTier = await ok<{ matched: number }>(ctx, 'exports.preview', {
      segment: 'lapsed',
      tier: tierOfFirst,
      channel: 'sms',
      format: 'csv',
    });
    expect(byTier.matched).toBe(sameTier);
    const byStaff = await ok<{ matched: number }>(ctx, 'exports.preview', {
      segment: 'lapsed',
      staff: String(staff.id),
      channel: 'sms',
      format: 'csv',
    });
    expect(byStaff.matched).toBe(1);
    const r = await ok<{ campaign: { segmentParams: Record<string, string> } }>(ctx, 'exports.contacts', {
      segment: 'lapsed',
      tier: tierOfFirst,
      staff: String(staff.id),
      channel: 'sms',
      format: 'csv',
    });
    expect(r.campaign.segmentParams).toEqual({ tier: tierOfFirst, staff: String(staff.id) });
    expect(ExportInput.safeParse({ segment: 'all', tier: 'key', channel: 'sms', format: 'csv' }).success).toBe(false);
  });
});

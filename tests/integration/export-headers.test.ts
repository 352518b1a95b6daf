import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import { ok, tempShops } from '../helpers/shop';
import { exportContacts } from '../../main/services/export/contacts';
import { ExportInput } from '../../shared/schemas/export';

const { fresh } = tempShops(Date.parse('2026-03-10T02:00:00Z'));

const KEYS = ['name', 'phone', 'email', 'member_code', 'last_visit', 'visits', 'total_spent', 'tags', 'staff', 'consent'];

async function csvRows(headers?: 'zh-CN' | 'en' | 'keys') {
  const ctx = fresh();
  await ok(ctx, 'customers.create', { name: '张三', phone: '13912345678', tags: ['VIP'], consent: { sms: true } });
  const r = await exportContacts(
    ctx,
    ExportInput.parse({ segment: 'tag', tag: 'VIP', channel: 'sms', format: 'csv', ...(headers ? { headers } : {}) }),
  );
  return Papa.parse<string[]>(r.bytes.subarray(3).toString('utf8'), { skipEmptyLines: true }).data;
}

describe('export column headings follow the export’s language (issue 15)', () => {
  it.each([
    [undefined, KEYS],
    ['keys', KEYS],
    ['zh-CN', ['姓名', '手机号', '邮箱', '会员号', '最近到店', '到店次数', '累计消费', '标签', '负责店员', '同意联系']],
    [
      'en',
      ['Name', 'Phone', 'Email', 'Member code', 'Last visit', 'Visits', 'Total spent', 'Tags', 'Staff', 'Agreed to contact'],
    ],
  ] as const)('headers %s: exactly one header row', async (headers, expected) => {
    const rows = await csvRows(headers);
    expect(rows[0]).toEqual(expected);
    expect(rows).toHaveLength(2);
    expect(rows[1]![0]).toBe('张三');
    // agreed to contact in the headings' language; the keys for scripts keep yes/no
    expect(rows[1]!.at(-1)).toBe(headers === 'zh-CN' ? '是' : 'yes');
  });

  it('.xlsx in Chinese has one Chinese header row', async () => {
    const ctx = fresh();
    await ok(ctx, 'customers.create', { name: '李四', phone: '13812345678', tags: ['VIP'], consent: { sms: true } });
    const r = await exportContacts(
      ctx,
      ExportInput.parse({ segment: 'tag', tag: 'VIP', channel: 'sms', format: 'xlsx', headers: 'zh-CN' }),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.bytes as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('姓名');
    expect(sheet.getRow(2).getCell(1).value).toBe('李四');
    expect(sheet.getRow(2).getCell(10).value).toBe('是');
    expect(sheet.rowCount).toBe(2);
  });
});

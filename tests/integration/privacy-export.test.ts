import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { cleanupAll, makeCtx, ok } from '../helpers/db';
import { customerCommand } from '../../main/cli/data';

afterEach(cleanupAll);

const NAME = '=HYPERLINK("http://evil.example","click")';
const rowsOf = (csv: string) => {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
};

async function hostileCustomer() {
  const shop = makeCtx();
  const c = await ok<{ id: number }>(shop.ctx, 'customers.create', {
    name: NAME,
    notes: '@SUM(A1:A9)',
    tags: ['+VIP'],
    consent: { sms: true },
  });
  await ok(shop.ctx, 'sales.record', { customerId: c.id, amountMinor: 1200, note: '-2+3' });
  await ok(shop.ctx, 'customers.setConsent', { customerId: c.id, channel: 'phone', granted: false, note: '=1+1' });
  return { ...shop, id: c.id };
}

function expectNeutralised(csv: Record<string, string>) {
  const customer = rowsOf(csv['customer.csv']!);
  expect(customer).toHaveLength(1);
  expect(customer[0]).toMatchObject({ name: `'${NAME}`, notes: "'@SUM(A1:A9)", tags: "'+VIP" });
  expect(rowsOf(csv['sales.csv']!)[0]).toMatchObject({ note: "'-2+3", amount: '12.00' });
  expect(rowsOf(csv['consent-history.csv']!).map((r) => r.note)).toContain("'=1+1");
}

describe('the per-customer data export neutralises formulas in its CSV', () => {
  it('in the CSV carried by customers.exportData (the app’s download)', async () => {
    const { ctx, id } = await hostileCustomer();
    const r = await ok<{ json: { customer: { name: string } }; csv: Record<string, string> }>(ctx, 'customers.exportData', {
      id,
    });
    expectNeutralised(r.csv);
    // the JSON carries the name exactly as it is
    expect(r.json.customer.name).toBe(NAME);
  });

  it('in the CSV files `regulars customer export` writes', async () => {
    const { ctx, dir, id } = await hostileCustomer();
    const out = path.join(dir, 'person');
    expect(await customerCommand(['export', String(id), '--db', ctx.dbPath, '--out', out])).toBe(0);
    const files = Object.fromEntries(
      ['customer.csv', 'sales.csv', 'consent-history.csv'].map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')]),
    );
    expect(files['customer.csv']!.startsWith('\ufeff')).toBe(true);
    expectNeutralised(files);
  });

  it('a customer with no sales still gets a sales.csv with its header row', async () => {
    const { ctx } = makeCtx();
    const c = await ok<{ id: number }>(ctx, 'customers.create', { name: '新客' });
    const r = await ok<{ csv: Record<string, string> }>(ctx, 'customers.exportData', { id: c.id });
    expect(Papa.parse<string[]>(r.csv['sales.csv']!, { skipEmptyLines: true }).data).toEqual([
      [
        'id',
        'occurred_at',
        'business_date',
        'amount',
        'items',
        'discount',
        'promotion',
        'payment',
        'staff',
        'note',
        'voided_at',
        'void_reason',
      ],
    ]);
  });
});

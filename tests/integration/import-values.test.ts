import { describe, expect, it } from 'vitest';
import { count, ok, tempShops } from '../helpers/shop';
import { runImport } from '../../main/services/import/run';
import { ImportOptions } from '../../shared/schemas/import';

// Issue 15, items 1 and 4: amounts are read by the counter's rule, member codes kept as typed.
const { fresh } = tempShops(Date.parse('2026-03-10T02:00:00Z'));
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const opts = (o: Record<string, unknown>) => ImportOptions.parse(o);

describe('amounts in imported files', () => {
  const header = 'customer_id,date,amount,items\n';

  it.each([['"12,5"'], ['12 5'], ['1 280'], ['"1,2345"'], ['１２，５'], ['"¥12,50"']])(
    'a sale amount %s is a bad row, never ¥125',
    async (amount) => {
      const ctx = fresh();
      const r = await runImport(
        ctx,
        utf8(`${header}1,2024-01-01,${amount},1\n`),
        'a.csv',
        opts({ kind: 'sales', createCustomers: true }),
      );
      expect(r.committed).toBe(false);
      expect(r.errors).toContainEqual(expect.objectContaining({ row: 2, column: 'amount', reason: 'amount_invalid' }));
      expect(count(ctx, 'sales')).toBe(0);
    },
  );

  it('thousands separators in groups of three, currency signs, full-width digits and spreadsheet zeros still read', async () => {
    const ctx = fresh();
    const text = `${header}1,2024-01-01,"1,234.50",1\n1,2024-01-02,"¥1,280",1\n1,2024-01-03,１２８．５０,1\n1,2024-01-04,12.5000,1\n`;
    const r = await runImport(ctx, utf8(text), 'b.csv', opts({ kind: 'sales', createCustomers: true }));
    expect(r.errors).toEqual([]);
    const amounts = ctx.db.prepare('SELECT amount_minor AS a FROM sales ORDER BY occurred_at').all();
    expect(amounts).toEqual([{ a: 123450 }, { a: 128000 }, { a: 12850 }, { a: 1250 }]);
  });

  it('a product price 12,5 is a bad row', async () => {
    const ctx = fresh();
    const r = await runImport(ctx, utf8('name,price\n龙井,"12,5"\n'), 'p.csv', opts({ kind: 'products' }));
    expect(r.committed).toBe(false);
    expect(r.errors).toContainEqual(expect.objectContaining({ row: 2, column: 'price', reason: 'amount_invalid' }));
    expect(count(ctx, 'products')).toBe(0);
  });
});

describe('member codes keep the case the owner typed', () => {
  it('a customer created from a sales file shows VIP0004, and vip0004 in the same file is the same customer', async () => {
    const ctx = fresh();
    const text = 'member_code,name,date,amount\nVIP0004,张三,2024-01-01,10\nvip0004,张三,2024-01-02,20\n';
    const r = await runImport(ctx, utf8(text), 's.csv', opts({ kind: 'sales', createCustomers: true }));
    expect(r).toMatchObject({ committed: true, customersCreated: 1 });
    expect(ctx.db.prepare('SELECT member_code, member_code_key FROM customers').all()).toEqual([
      { member_code: 'VIP0004', member_code_key: 'vip0004' },
    ]);
    const [c] = await ok<{ memberCode: string; visits: number }[]>(ctx, 'customers.search', { query: 'vip0004' });
    expect(c).toMatchObject({ memberCode: 'VIP0004', visits: 2 });
  });

  it('a customers file keeps VIP0004; a sales file naming vip0004 finds that customer', async () => {
    const ctx = fresh();
    await runImport(ctx, utf8('name,member_code\n李四,VIP0004\n'), 'c.csv', opts({ kind: 'customers' }));
    const r = await runImport(ctx, utf8('member_code,date,amount\nvip0004,2024-01-01,10\n'), 's.csv', opts({ kind: 'sales' }));
    expect(r).toMatchObject({ committed: true, customersCreated: 0 });
    expect(ctx.db.prepare('SELECT member_code FROM customers').all()).toEqual([{ member_code: 'VIP0004' }]);
    expect(count(ctx, 'sales')).toBe(1);
  });
});

describe('the columns a customers file needs', () => {
  it('a file of phones without names is refused before any row is checked; with the old system’s id for a name it imports', async () => {
    const ctx = fresh();
    const phonesOnly = await runImport(
      ctx,
      utf8('phone,tags\n13912345678,VIP\n13912345679,\n'),
      'p.csv',
      opts({ kind: 'customers' }),
    ).catch((e: unknown) => e);
    expect(phonesOnly).toMatchObject({ code: 'VALIDATION', detail: { missingFields: ['name|external_id'] } });
    expect(count(ctx, 'customers')).toBe(0);
    expect(count(ctx, 'imports')).toBe(0);

    const withIds = await runImport(ctx, utf8('customer_id,phone\nA-17,13912345678\n'), 'i.csv', opts({ kind: 'customers' }));
    expect(withIds).toMatchObject({ committed: true, customersCreated: 1, errorCount: 0 });
    expect(ctx.db.prepare('SELECT name, phone FROM customers').all()).toEqual([{ name: 'A-17', phone: '+8613912345678' }]);
  });
});

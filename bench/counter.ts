import { dispatch } from '../main/api';
import { closeApp } from '../main/app';
import type { Ctx } from '../main/ctx';
import { measure, openShop, picker, workCopy, type Row } from './lib';

async function call(ctx: Ctx, method: string, input: unknown) {
  const r = await dispatch(method, input, ctx);
  if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
  return r.data;
}

/** Counter: search (phone suffix, name, pinyin), saving a sale, opening a customer page. */
export async function counterSection(): Promise<Row[]> {
  const ctx = openShop();
  const sample = ctx.db
    .prepare('SELECT id, name, phone, name_initials, name_pinyin FROM customers WHERE phone IS NOT NULL ORDER BY id')
    .all() as { id: number; name: string; phone: string; name_initials: string; name_pinyin: string }[];
  const pick = picker(42);
  const some = () => sample[pick(sample.length)]!;
  const rows: Row[] = [];
  const search = async (name: string, query: () => string) => {
    const m = await measure(300, () => call(ctx, 'customers.search', { query: query(), limit: 8 }));
    rows.push({ section: 'counter', name, p50: m.p50, p95: m.p95, target: 'p95 ≤ 15 ms', pass: m.p95 <= 15 });
  };
  await search('search by phone suffix (4 digits)', () => some().phone.slice(-4));
  await search('search by name (Chinese, 2 chars)', () => some().name.slice(0, 2));
  await search('search by pinyin initials', () => some().name_initials);
  await search('search by full pinyin', () => some().name_pinyin);
  const page = await measure(300, async () => {
    const id = some().id;
    await call(ctx, 'customers.get', { id });
    await call(ctx, 'customers.sales', { customerId: id, limit: 200 });
  });
  rows.push({
    section: 'counter',
    name: 'open a customer page',
    p50: page.p50,
    p95: page.p95,
    target: 'p95 ≤ 30 ms',
    pass: page.p95 <= 30,
  });
  closeApp(ctx);

  const work = workCopy('work-counter.db');
  const save = await measure(500, () => call(work, 'sales.record', { customerId: some().id, amountMinor: 12800, items: 2 }));
  rows.push({
    section: 'counter',
    name: 'save a sale',
    p50: save.p50,
    p95: save.p95,
    target: 'p95 ≤ 10 ms',
    pass: save.p95 <= 10,
  });
  closeApp(work);
  return rows;
}

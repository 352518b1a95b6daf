import { dispatch } from '../main/api';
import { closeApp } from '../main/app';
import type { Ctx } from '../main/ctx';
import { measure, openShop, picker, workCopy, type Row } from './lib';

async function call(ctx: Ctx, method: string, input: unknown) {
  const r = await dispatch(method, input, ctx);
  if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
  return r.data;
}

interface Sample {
  id: number;
  name: string;
  phone: string;
  name_initials: string;
  name_pinyin: string;
  name_given: string;
}

const SEARCH_TARGET = 15;
const PAGE_TARGET = 30;
const SAVE_TARGET = 10;

/**
 * Counter: search (phone suffix, name, pinyin initials, full pinyin; also the first keystroke, since
 * the counter searches as the owner types), opening a customer page, saving a sale. Inputs are
 * drawn deterministically from the shop's own customers, with the counter's limit of 8 results.
 */
export async function counterSection(): Promise<Row[]> {
  const ctx = openShop();
  const sample = ctx.db
    .prepare(
      'SELECT id, name, phone, name_initials, name_pinyin, name_given FROM customers WHERE phone IS NOT NULL AND merged_into_id IS NULL ORDER BY id',
    )
    .all() as Sample[];
  const pick = picker(42);
  const some = () => sample[pick(sample.length)]!;
  const rows: Row[] = [];
  const search = async (name: string, query: () => string) => {
    const m = await measure(300, () => call(ctx, 'customers.search', { query: query(), limit: 8 }));
    rows.push({
      section: 'counter',
      name,
      p50: m.p50,
      p95: m.p95,
      target: `p95 ≤ ${SEARCH_TARGET} ms`,
      pass: m.p95 <= SEARCH_TARGET,
    });
  };
  await search('search by phone suffix (last 4 digits)', () => some().phone.slice(-4));
  await search('search by name (Chinese, first 2 chars)', () => some().name.slice(0, 2));
  await search('search by pinyin initials', () => some().name_initials);
  await search('search by full pinyin', () => some().name_pinyin);
  await search('search by given name (no surname)', () => some().name_given);
  // The counter searches on every keystroke: "w", "wa", "wan", "wang" each run a search.
  await search('first keystroke: one pinyin letter', () => some().name_initials.slice(0, 1));
  await search('first keystroke: one surname character', () => some().name.slice(0, 1));
  const typed: string[] = [];
  while (typed.length < 300) {
    const p = some().name_pinyin;
    for (let i = 1; i <= p.length; i++) typed.push(p.slice(0, i));
  }
  await search('typing full pinyin, every keystroke', () => typed[pick(typed.length)]!);

  // What the customer page loads: the customer, their latest 200 purchases, their consent history.
  const page = await measure(300, async () => {
    const id = some().id;
    await call(ctx, 'customers.get', { id });
    await call(ctx, 'customers.sales', { customerId: id, limit: 200 });
    await call(ctx, 'customers.consentHistory', { id });
  });
  rows.push({
    section: 'counter',
    name: 'open a customer page',
    p50: page.p50,
    p95: page.p95,
    target: `p95 ≤ ${PAGE_TARGET} ms`,
    pass: page.p95 <= PAGE_TARGET,
  });
  // Items: by pinyin initials as typed, and by a scanned barcode.
  const products = ctx.db.prepare('SELECT id, name_initials, barcode FROM products WHERE is_active = 1 ORDER BY id').all() as {
    id: number;
    name_initials: string;
    barcode: string | null;
  }[];
  const item = await measure(300, () => {
    const p = products[pick(products.length)]!;
    return call(ctx, 'products.list', { query: p.barcode ?? p.name_initials.slice(0, 2), limit: 8 });
  });
  rows.push({
    section: 'counter',
    name: 'find an item (barcode or pinyin initials)',
    p50: item.p50,
    p95: item.p95,
    target: `p95 ≤ ${SEARCH_TARGET} ms`,
    pass: item.p95 <= SEARCH_TARGET,
  });
  closeApp(ctx);

  // Saves go to a scratch copy, so the cached shop stays as generated.
  const work = workCopy('work-counter.db');
  const amount = picker(7);
  const save = await measure(500, () =>
    call(work, 'sales.record', {
      customerId: amount(8) === 0 ? null : some().id,
      amountMinor: (28 + amount(640)) * 100,
      items: 1 + amount(4),
    }),
  );
  rows.push({
    section: 'counter',
    name: 'save a sale (synchronous = FULL)',
    p50: save.p50,
    p95: save.p95,
    target: `p95 ≤ ${SAVE_TARGET} ms`,
    pass: save.p95 <= SAVE_TARGET,
  });
  const five = await measure(500, () =>
    call(work, 'sales.record', {
      customerId: amount(8) === 0 ? null : some().id,
      lines: Array.from({ length: 5 }, (_, i) => ({
        productId: products[(amount(products.length) + i) % products.length]!.id,
        quantity: 1 + amount(3),
      })),
    }),
  );
  rows.push({
    section: 'counter',
    name: 'save a 5-line sale (items from the catalogue)',
    p50: five.p50,
    p95: five.p95,
    target: `p95 ≤ ${SAVE_TARGET} ms`,
    pass: five.p95 <= SAVE_TARGET,
  });
  closeApp(work);
  return rows;
}

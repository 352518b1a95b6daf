import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { cleanupAll, err, makeCtx, ok } from '../helpers/db';
import type { Ctx } from '../../main/ctx';
import { CUSTOMER_REFERENCES } from '../../main/db/queries/customer-refs';
import type { Product } from '../../shared/schemas/products';

afterEach(cleanupAll);

/**
 * Every column that references customers(id), read from the schema itself (sqlite_master and
 * pragma foreign_key_list), so a table added by a later migration is covered without editing
 * this test: until the customers below have a row in it, and erase and merge have a rule for it,
 * these tests fail.
 */
function referencesFromSchema(ctx: Ctx): { table: string; column: string }[] {
  const tables = ctx.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  return tables.flatMap(({ name }) =>
    (ctx.db.pragma(`main.foreign_key_list("${name}")`) as { table: string; from: string }[])
      .filter((fk) => fk.table === 'customers')
      .map((fk) => ({ table: name, column: fk.from })),
  );
}

const rowsOf = (ctx: Ctx, ref: { table: string; column: string }, ids: number[]): number =>
  (
    ctx.db
      .prepare(`SELECT COUNT(*) AS n FROM "${ref.table}" WHERE "${ref.column}" IN (${ids.map(() => '?').join(',')})`)
      .get(...ids) as { n: number }
  ).n;

const caseEventsOf = (ctx: Ctx, ids: number[]): number => {
  const inIds = `IN (${ids.join(',')})`;
  return (
    ctx.db
      .prepare(
        `SELECT COUNT(*) AS n FROM case_events WHERE
           (kind = 'complaint' AND case_id IN (SELECT id FROM complaints WHERE customer_id ${inIds}))
        OR (kind = 'winback' AND case_id IN (SELECT id FROM winback_cases WHERE customer_id ${inIds}))
        OR (kind = 'task' AND case_id IN (SELECT id FROM tasks WHERE customer_id ${inIds}))`,
      )
      .get() as { n: number }
  ).n;
};

const backups = (ctx: Ctx): string[] => {
  const dir = path.join(path.dirname(ctx.dbPath), 'backups');
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
};

interface Person {
  id: number;
  /** an older record of the same person, merged into `id` */
  oldId: number;
}

/**
 * A customer with a row in every table that references customers: tags, consents and their
 * history, sales with lines (visit days and totals follow), a complaint and a win-back case with
 * steps, a campaign, an introduction task (their staff member left), and an older duplicate
 * record merged into them.
 */
async function person(ctx: Ctx, name: string, phone: string, staffId: number, product: Product): Promise<Person> {
  const old = await ok<{ id: number }>(ctx, 'customers.create', { name: `${name}（旧卡）`, tags: ['旧'] });
  await ok(ctx, 'sales.record', { customerId: old.id, amountMinor: 1200, occurredAt: ctx.clock.now() - 300 * 86_400_000 });
  const c = await ok<{ id: number }>(ctx, 'customers.create', {
    name,
    phone,
    staffId,
    tags: ['VIP', name],
    notes: `${name} likes oolong`,
    consent: { sms: true },
  });
  await ok(ctx, 'customers.merge', { keepId: c.id, mergeId: old.id });
  await ok(ctx, 'customers.setConsent', { customerId: c.id, channel: 'phone', granted: true, source: 'counter' });
  await ok(ctx, 'sales.record', {
    customerId: c.id,
    lines: [{ productId: product.id, quantity: 2 }],
    amountMinor: 2 * product.priceMinor,
    occurredAt: ctx.clock.now() - 200 * 86_400_000,
  });
  const complaint = await ok<{ id: number }>(ctx, 'complaints.open', {
    customerId: c.id,
    channel: 'phone',
    reason: 'service',
    severity: 'serious',
    whatHappened: `${name} was kept waiting`,
  });
  await ok(ctx, 'complaints.step', { id: complaint.id, step: 'listen', note: `${name} told us everything` });
  const w = await ok<{ id: number }>(ctx, 'winback.start', { customerId: c.id, note: `call ${name}` });
  await ok(ctx, 'reach.attempt', { kind: 'winback_follow_up', ref: w.id, outcome: 'no_answer' });
  await ok(ctx, 'reach.attempt', { kind: 'complaint_follow_up', ref: complaint.id, outcome: 'reached', reason: 'service' });
  // an offer from the case, redeemed at the counter, and one still open
  const offer = await ok<{ code: string }>(ctx, 'offers.issue', {
    customerId: c.id,
    kind: 'amount_off',
    value: 500,
    winbackId: w.id,
  });
  await ok(ctx, 'sales.record', { customerId: c.id, amountMinor: 3000, offerCode: offer.code });
  await ok(ctx, 'offers.issue', { customerId: c.id, kind: 'percent_off', value: 10 });
  return { id: c.id, oldId: old.id };
}

async function shop() {
  const { ctx } = makeCtx();
  const staff = await ok<{ id: number }>(ctx, 'staff.create', { name: '小王' });
  const tea = await ok<Product>(ctx, 'products.create', { name: '龙井茶', category: '茶叶', priceMinor: 12800 });
  const a = await person(ctx, '隐私甲', '13912345678', staff.id, tea);
  const b = await person(ctx, '隐私乙', '13800138000', staff.id, tea);
  await ok(ctx, 'exports.contacts', { segment: 'all', channel: 'sms', format: 'csv' });
  await ok(ctx, 'staff.update', { id: staff.id, isActive: false }); // introduction tasks for both
  const refs = referencesFromSchema(ctx);
  for (const p of [a, b]) {
    for (const ref of refs) {
      const ids = ref.column === 'merged_into_id' ? [p.id] : [p.id, p.oldId];
      expect(
        rowsOf(ctx, ref, ids),
        `${ref.table}.${ref.column} references customers but the test customer has no row there: give them one`,
      ).toBeGreaterThan(0);
    }
  }
  return { ctx, a, b, refs };
}

describe('every table that references customers', () => {
  it('has an erase and a merge rule', () => {
    const { ctx } = makeCtx();
    const refs = referencesFromSchema(ctx).map((r) => `${r.table}.${r.column}`);
    expect(refs.length).toBeGreaterThan(5);
    expect(refs.filter((r) => !Object.hasOwn(CUSTOMER_REFERENCES, r))).toEqual([]);
  });

  it('erasure removes the customer from all of them, keeps their sales anonymous and takes one backup', async () => {
    const { ctx, a, b, refs } = await shop();
    const salesBefore = (ctx.db.prepare('SELECT COUNT(*) AS n FROM sales').get() as { n: number }).n;
    const bBefore = refs.map((ref) => rowsOf(ctx, ref, [b.id, b.oldId]));
    const bEvents = caseEventsOf(ctx, [b.id, b.oldId]);
    const backupsBefore = backups(ctx);

    const r = await ok<{ erasedId: number; anonymisedSales: number }>(ctx, 'customers.erase', { id: a.id, confirm: true });
    expect(r).toEqual({ erasedId: a.id, anonymisedSales: 3 });

    for (const ref of refs) expect(rowsOf(ctx, ref, [a.id, a.oldId]), `${ref.table}.${ref.column}`).toBe(0);
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM customers WHERE id IN (?, ?)').get(a.id, a.oldId)).toEqual({ n: 0 });
    expect(caseEventsOf(ctx, [a.id, a.oldId])).toBe(0);
    const notes = ctx.db.prepare("SELECT COUNT(*) AS n FROM case_events WHERE note LIKE '%隐私甲%'").get();
    expect(notes).toEqual({ n: 0 });
    // the other customer is untouched, the shop's sales all still there
    expect(refs.map((ref) => rowsOf(ctx, ref, [b.id, b.oldId]))).toEqual(bBefore);
    expect(caseEventsOf(ctx, [b.id, b.oldId])).toBe(bEvents);
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM sales').get()).toEqual({ n: salesBefore });
    expect(ctx.db.pragma('foreign_key_check')).toEqual([]);
    const added = backups(ctx).filter((f) => !backupsBefore.includes(f));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/before-erase/);
  });

  it('a merge moves the merged record’s rows to the kept customer; erasing the kept one then erases both', async () => {
    const { ctx, a, b, refs } = await shop();
    const before = new Map(
      refs.map((ref) => [`${ref.table}.${ref.column}`, [rowsOf(ctx, ref, [a.id]), rowsOf(ctx, ref, [b.id])]]),
    );
    await ok(ctx, 'customers.merge', { keepId: a.id, mergeId: b.id });
    for (const ref of refs) {
      const key = `${ref.table}.${ref.column}`;
      const [keptBefore, goneBefore] = before.get(key)!;
      const rule = CUSTOMER_REFERENCES[key]!.merge;
      if (rule === 'keep') expect(rowsOf(ctx, ref, [b.id]), key).toBe(goneBefore);
      else expect(rowsOf(ctx, ref, [b.id]), key).toBe(0);
      // moved rows add up, except where both had the same one (a tag, a campaign): then it is there once
      if (rule === 'move') {
        expect(rowsOf(ctx, ref, [a.id]), key).toBeGreaterThanOrEqual(Math.max(keptBefore!, goneBefore!));
        expect(rowsOf(ctx, ref, [a.id]), key).toBeLessThanOrEqual(keptBefore! + goneBefore!);
      }
    }
    for (const table of ['complaints', 'winback_cases', 'tasks'])
      expect(rowsOf(ctx, { table, column: 'customer_id' }, [a.id]), table).toBe(2);
    // both were in the same campaign: the kept customer is in it once
    expect(rowsOf(ctx, { table: 'campaign_members', column: 'customer_id' }, [a.id])).toBe(1);
    const kept = await ok<{ tags: string[] }>(ctx, 'customers.get', { id: a.id });
    expect(kept.tags).toEqual(expect.arrayContaining(['VIP', '隐私甲', '隐私乙']));
    expect(ctx.db.pragma('foreign_key_check')).toEqual([]);

    await ok(ctx, 'customers.erase', { id: a.id, confirm: true });
    const all = [a.id, a.oldId, b.id, b.oldId];
    for (const ref of refs) expect(rowsOf(ctx, ref, all), `${ref.table}.${ref.column}`).toBe(0);
    expect(caseEventsOf(ctx, all)).toBe(0);
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM customers').get()).toEqual({ n: 0 });
  });

  it('an erase that cannot go ahead leaves the customer as they were and no extra backup', async () => {
    const { ctx, a } = await shop();
    const before = backups(ctx);
    expect((await err(ctx, 'customers.erase', { id: 999_999, confirm: true })).code).toBe('NOT_FOUND');
    expect(backups(ctx)).toEqual(before);
    // a table that erasure has no rule for (as a future migration might add)
    ctx.db.exec(
      'CREATE TABLE loyalty_cards (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id)) STRICT',
    );
    ctx.db.prepare('INSERT INTO loyalty_cards (customer_id) VALUES (?)').run(a.id);
    expect((await err(ctx, 'customers.erase', { id: a.id, confirm: true })).code).toBe('INTERNAL');
    expect(backups(ctx)).toEqual(before);
    expect((await ok<{ name: string }>(ctx, 'customers.get', { id: a.id })).name).toBe('隐私甲');
  });

  it('erases one customer after another on a clock that stands still, each with its own backup', async () => {
    const { ctx } = makeCtx();
    const ids: number[] = [];
    for (let i = 0; i < 9; i++) ids.push((await ok<{ id: number }>(ctx, 'customers.create', { name: `顾客${i}` })).id);
    for (const id of ids) {
      const before = backups(ctx);
      await ok(ctx, 'customers.erase', { id, confirm: true });
      expect(backups(ctx).filter((f) => !before.includes(f))).toHaveLength(1);
    }
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM customers').get()).toEqual({ n: 0 });
  });
});

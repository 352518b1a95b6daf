import { afterEach, expect, it } from 'vitest';
import { cleanupAll, makeCtx, ok } from '../helpers/db';
import { DERIVED_TRIGGERS, suspendDerivedTriggers } from '../../main/db/queries/derived';
import type { Ctx } from '../../main/ctx';

afterEach(cleanupAll);

const present = (db: Ctx['db']) =>
  db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name IN (SELECT value FROM json_each(?))")
    .pluck()
    .all(JSON.stringify(DERIVED_TRIGGERS)).length;

it('the derived-data triggers leave only inside a transaction, and a rollback brings them back as they were', async () => {
  const { ctx } = makeCtx();
  const db = ctx.db;
  const sqlBefore = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all();
  expect(present(db)).toBe(DERIVED_TRIGGERS.length);
  expect(() => suspendDerivedTriggers(db)).toThrow(/only inside/);

  // A bulk write that fails half way: the transaction's rollback undoes the drop too.
  expect(() =>
    db.transaction(() => {
      suspendDerivedTriggers(db);
      expect(present(db)).toBe(0);
      throw new Error('the flip failed');
    })(),
  ).toThrow('the flip failed');
  expect(db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all()).toEqual(sqlBefore);

  // One that commits creates them again from their own SQL, and a sale at the counter is counted.
  db.transaction(() => suspendDerivedTriggers(db)())();
  expect(db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all()).toEqual(sqlBefore);
  const c = await ok<{ id: number }>(ctx, 'customers.create', { name: '王芳' });
  await ok(ctx, 'sales.record', { customerId: c.id, amountMinor: 1200, isPromotion: true });
  expect(db.prepare('SELECT visits, promo_visits FROM visit_totals WHERE customer_id = ?').get(c.id)).toEqual({
    visits: 1,
    promo_visits: 1,
  });
  expect(db.prepare('SELECT SUM(visits) AS v, SUM(deal_visits) AS d FROM shop_days').get()).toEqual({ v: 1, d: 1 });
});

import { afterEach, expect, it } from 'vitest';
import { cleanupAll, err, makeCtx, ok } from '../helpers/db';
import type { PriceChange } from '../../shared/schemas/prices';
import type { InsightsOverview } from '../../shared/schemas/insights';

afterEach(cleanupAll);

const count = (ctx: ReturnType<typeof makeCtx>['ctx']) =>
  (ctx.db.prepare('SELECT (SELECT COUNT(*) FROM price_changes) + (SELECT COUNT(*) FROM audit_log) AS n').get() as { n: number })
    .n;

it('records price changes, lists them newest first, deletes one, and audits both', async () => {
  const { ctx } = makeCtx(); // today is 2026-03-10
  const a = await ok<PriceChange>(ctx, 'priceChanges.create', { changedOn: '2025-11-03', note: '  咖啡豆 +10%  ' });
  expect(a).toMatchObject({ changedOn: '2025-11-03', note: '咖啡豆 +10%' });
  await ok(ctx, 'priceChanges.create', { changedOn: '2026-03-10', note: 'Milk tea +2' });
  const list = await ok<PriceChange[]>(ctx, 'priceChanges.list');
  expect(list.map((p) => p.changedOn)).toEqual(['2026-03-10', '2025-11-03']);
  // Insights shows them (oldest first) up to its date.
  const o = await ok<InsightsOverview>(ctx, 'insights.overview', { asOf: '2026-01-31' });
  expect(o.priceChanges).toEqual([{ date: '2025-11-03', note: '咖啡豆 +10%' }]);

  await ok(ctx, 'priceChanges.delete', { id: a.id });
  expect((await ok<PriceChange[]>(ctx, 'priceChanges.list')).map((p) => p.note)).toEqual(['Milk tea +2']);
  const actions = ctx.db.prepare("SELECT action FROM audit_log WHERE entity = 'price_change' ORDER BY id").all();
  expect(actions).toEqual([
    { action: 'price_change.create' },
    { action: 'price_change.create' },
    { action: 'price_change.delete' },
  ]);
});

it.each([
  ['a date in the future', { changedOn: '2026-03-11', note: 'x' }, 'changedOn', 'price_change_in_future'],
  ['no note', { changedOn: '2026-01-01', note: '   ' }, 'note', 'note_required'],
  ['an impossible date', { changedOn: '2026-02-30', note: 'x' }, 'changedOn', undefined],
  ['a note too long', { changedOn: '2026-01-01', note: 'x'.repeat(201) }, 'note', 'too_long'],
])('refuses %s and writes nothing', async (_label, input, field, message) => {
  const { ctx } = makeCtx();
  const before = count(ctx);
  const e = await err(ctx, 'priceChanges.create', input);
  expect(e.code).toBe('VALIDATION');
  expect(e.issues?.[0]?.path).toEqual([field]);
  if (message) expect(e.issues?.[0]?.message).toBe(message);
  expect(count(ctx)).toBe(before);
});

it('deleting an unknown price change answers NOT_FOUND', async () => {
  const { ctx } = makeCtx();
  expect((await err(ctx, 'priceChanges.delete', { id: 42 })).code).toBe('NOT_FOUND');
});

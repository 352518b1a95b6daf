import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp, closeApp } from '../../main/app';
import type { Ctx } from '../../main/ctx';
import { shopModel } from '../../main/services/analytics/model';
import { MODEL_FIT_VERSION } from '../../shared/schemas/model-fit';
import { cleanupAll, makeCtx, ok, type TestShop } from '../helpers/db';

/**
 * Stored model fits (model_fits) carry a version and are validated when read: an old-version or
 * bad fit is fitted again; a fit that cannot be stored is logged under an incident id.
 */

const END = '2026-02-28';
let shop: TestShop;

afterEach(cleanupAll);
beforeEach(async () => {
  shop = makeCtx();
  await ok(shop.ctx, 'shop.loadDemo', { customers: 120, years: 1, seed: 3 });
});

/** A connection of its own: nothing in the one cache yet, so the stored fit is read. */
function withFreshConnection<T>(run: (ctx: Ctx, errors: string[]) => T): T {
  const errors: string[] = [];
  const ctx = openApp({
    dbPath: shop.ctx.dbPath,
    clock: { now: () => shop.clock.now },
    register: false,
    log: { error: (m) => errors.push(m), info: () => {} },
  });
  try {
    return run(ctx, errors);
  } finally {
    closeApp(ctx);
  }
}

const stored = () =>
  shop.ctx.db.prepare('SELECT params, fitted_at FROM model_fits WHERE calibration_end = ?').get(END) as
    { params: string; fitted_at: number } | undefined;

function setStoredParams(params: string) {
  shop.ctx.db.prepare('UPDATE model_fits SET params = ?, fitted_at = 0 WHERE calibration_end = ?').run(params, END);
}

describe('stored model fits', () => {
  it('are stored with their version and used as they are while the data is the same', () => {
    const first = withFreshConnection((ctx) => shopModel(ctx, END));
    const row = stored()!;
    expect(JSON.parse(row.params)).toMatchObject({ version: MODEL_FIT_VERSION, calibration_end: END });
    // A stored fit of this version is read, not fitted again (the stamp it was fitted on still holds).
    const marked = { ...JSON.parse(row.params), bgnbd: { ...first.bgnbd, r: 9.75 } };
    setStoredParams(JSON.stringify(marked));
    expect(withFreshConnection((ctx) => shopModel(ctx, END)).bgnbd.r).toBe(9.75);
    expect(stored()!.fitted_at).toBe(0);
  });

  it('are fitted again when a sale up to the calibration end moves to another day, the count and amount the same', async () => {
    withFreshConnection((ctx) => shopModel(ctx, END));
    const marked = { ...JSON.parse(stored()!.params), bgnbd: { r: 9.75, alpha: 1, a: 1, b: 1 } };
    setStoredParams(JSON.stringify(marked));
    expect(withFreshConnection((ctx) => shopModel(ctx, END)).bgnbd.r).toBe(9.75);
    // a sale before the end voided, and one of the same amount for the same customer a few weeks earlier
    const sale = shop.ctx.db
      .prepare(
        `SELECT id, customer_id AS customerId, amount_minor AS amountMinor, occurred_at AS at FROM sales
         WHERE customer_id IS NOT NULL AND voided_at IS NULL AND business_date BETWEEN '2026-02-01' AND ? ORDER BY id LIMIT 1`,
      )
      .get(END) as { id: number; customerId: number; amountMinor: number; at: number };
    await ok(shop.ctx, 'sales.void', { id: sale.id, reason: 'wrong day' });
    await ok(shop.ctx, 'sales.record', {
      customerId: sale.customerId,
      amountMinor: sale.amountMinor,
      occurredAt: sale.at - 20 * 86_400_000,
    });
    expect(withFreshConnection((ctx) => shopModel(ctx, END)).bgnbd.r).not.toBe(9.75);
  });

  it.each([
    ['an old version', (p: Record<string, unknown>) => JSON.stringify({ ...p, version: MODEL_FIT_VERSION - 1 })],
    ['no version (as stored before versions)', (p: Record<string, unknown>) => JSON.stringify({ ...p, version: undefined })],
    ['a bad parameter', (p: Record<string, unknown>) => JSON.stringify({ ...p, bgnbd: { r: -1, alpha: 1, a: 1, b: 1 } })],
    ['another month', (p: Record<string, unknown>) => JSON.stringify({ ...p, calibration_end: '2026-01-31' })],
    ['no JSON at all', () => '{"version":'],
  ])('are fitted again when the stored one has %s', (_what, spoil) => {
    const first = withFreshConnection((ctx) => shopModel(ctx, END));
    setStoredParams(spoil(JSON.parse(stored()!.params) as Record<string, unknown>));
    const again = withFreshConnection((ctx) => shopModel(ctx, END));
    expect(again).toEqual(first);
    const row = stored()!;
    expect(row.fitted_at).toBe(shop.clock.now);
    expect(JSON.parse(row.params)).toMatchObject({ version: MODEL_FIT_VERSION });
  });

  it('a fit that cannot be stored is logged with an incident id, and the model is still answered', () => {
    shop.ctx.db.exec('DELETE FROM model_fits');
    shop.ctx.db.exec(`CREATE TRIGGER no_fits BEFORE INSERT ON model_fits BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const { model, errors } = withFreshConnection((ctx, errors) => ({ model: shopModel(ctx, END), errors }));
    expect(model.calibration_end).toBe(END);
    expect(stored()).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^incident [0-9a-f]{8}: the model fit for 2026-02-28 could not be stored/);
  });
});

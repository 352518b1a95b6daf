import { afterEach, expect, it } from 'vitest';
import { cleanupAll, makeCtx, ok } from '../helpers/db';
import type { Offer } from '../../shared/schemas/offers';
import type { Sale } from '../../shared/schemas/sale';

afterEach(cleanupAll);

it('a retried sale (same idempotency key) gets exactly the first answer, its offer included', async () => {
  const { ctx } = makeCtx();
  const ada = (await ok<{ id: number }>(ctx, 'customers.create', { name: 'Ada' })).id;
  const offer = await ok<Offer>(ctx, 'offers.issue', { customerId: ada, kind: 'amount_off', value: 500 });
  const draft = { customerId: ada, amountMinor: 3000, offerCode: offer.code, idempotencyKey: 'retry-key-0001' };
  const first = await ok<Sale>(ctx, 'sales.record', draft);
  expect(first).toMatchObject({ amountMinor: 2500, offer: { code: offer.code, discountMinor: 500 } });
  // the till lost the answer and sends the same save again: the same answer, nothing saved twice
  expect(await ok<Sale>(ctx, 'sales.record', draft)).toEqual(first);
  const plain = { customerId: ada, amountMinor: 1200, idempotencyKey: 'retry-key-0002' };
  const second = await ok<Sale>(ctx, 'sales.record', plain);
  expect(second).not.toHaveProperty('offer');
  expect(await ok<Sale>(ctx, 'sales.record', plain)).toEqual(second);
  expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM sales').get()).toEqual({ n: 2 });
});

import { expect, it } from 'vitest';
import path from 'node:path';
import { openApp, closeApp } from '../../main/app';
import { ok } from '../helpers/db';
import { CLI_NOW as NOW, cliSandbox } from '../helpers/cli';

const { dir, run } = cliSandbox('regulars-offers-cli-');

interface OfferJson {
  code: string;
  customer_id: number;
  kind: string;
  value: number;
  min_spend_minor: number;
  expires_on: string | null;
  status: string;
  sale_id: number | null;
}

it('`regulars offers issue` prints the offer with its code; `regulars offers` lists code, status and sale_id', async () => {
  const db = path.join(dir, 'shop.db');
  const clock = { now: () => Date.parse(NOW) };
  let ctx = openApp({ dbPath: db, clock });
  let ada: number;
  try {
    await ok(ctx, 'settings.update', { timeZone: 'Asia/Shanghai' });
    ada = (await ok<{ id: number }>(ctx, 'customers.create', { name: 'Ada', phone: '13800138000' })).id;
  } finally {
    closeApp(ctx);
  }

  const money = run(
    'offers',
    'issue',
    '--db',
    db,
    '--customer',
    String(ada),
    '--amount-off',
    '20',
    '--min-spend',
    '100',
    '--expires',
    '2026-03-31',
    '--json',
  );
  expect(money.status, money.stderr).toBe(0);
  const a = JSON.parse(money.stdout) as OfferJson;
  expect(a).toMatchObject({
    customer_id: ada,
    kind: 'amount_off',
    value: 2000,
    min_spend_minor: 10_000,
    expires_on: '2026-03-31',
    status: 'open',
    sale_id: null,
  });
  expect(a.code).toMatch(/^[34679ACEFGHKMNPRTWXY]{7}$/);

  // by phone, a percentage, expiring today (still open on its last day)
  const pct = run(
    'offers',
    'issue',
    '--db',
    db,
    '--customer',
    '13800138000',
    '--percent-off',
    '15',
    '--expires',
    '2026-03-10',
    '--json',
  );
  expect(pct.status, pct.stderr).toBe(0);
  const b = JSON.parse(pct.stdout) as OfferJson;
  expect(b).toMatchObject({ kind: 'percent_off', value: 15, status: 'open' });

  // refused: both kinds, neither, a percent over 100, a past expiry, an unknown customer
  expect(run('offers', 'issue', '--db', db, '--customer', String(ada), '--amount-off', '5', '--percent-off', '5').status).toBe(2);
  expect(run('offers', 'issue', '--db', db, '--customer', String(ada)).status).toBe(2);
  expect(run('offers', 'issue', '--db', db, '--customer', String(ada), '--percent-off', '150').status).toBe(2);
  const past = run('offers', 'issue', '--db', db, '--customer', String(ada), '--amount-off', '5', '--expires', '2026-03-01');
  expect(past.status).toBe(2);
  expect(past.stderr).toContain('expiresOn');
  expect(run('offers', 'issue', '--db', db, '--customer', '999', '--amount-off', '5').status).toBe(3);

  // redeem the first at the counter
  ctx = openApp({ dbPath: db, clock });
  let saleId: number;
  try {
    saleId = (await ok<{ id: number }>(ctx, 'sales.record', { customerId: ada, amountMinor: 12_000, offerCode: a.code })).id;
  } finally {
    closeApp(ctx);
  }

  const list = run('offers', '--db', db, '--json');
  expect(list.status, list.stderr).toBe(0);
  const offers = JSON.parse(list.stdout) as OfferJson[];
  expect(offers.map((o) => [o.code, o.status, o.sale_id]).sort()).toEqual(
    [
      [a.code, 'redeemed', saleId],
      [b.code, 'open', null],
    ].sort(),
  );

  const open = run('offers', '--db', db, '--status', 'open', '--json');
  expect((JSON.parse(open.stdout) as OfferJson[]).map((o) => o.code)).toEqual([b.code]);
});

import { afterEach, describe, expect, it } from 'vitest';
import { cleanupAll, counts, err, FIXED_NOW, makeCtx, ok } from '../helpers/db';
import type { Ctx } from '../../main/ctx';
import type { Offer, OfferInsights } from '../../shared/schemas/offers';
import type { Sale } from '../../shared/schemas/sale';
import type { WinbackCase } from '../../shared/schemas/care';
import { OFFER_CODE_ALPHABET, OFFER_CODE_LENGTH } from '../../shared/domain/offers';
import { issueOffer } from '../../main/services/offers';

afterEach(cleanupAll);
const DAY = 86_400_000;

async function customer(ctx: Ctx, name: string): Promise<number> {
  return (await ok<{ id: number }>(ctx, 'customers.create', { name })).id;
}

const offerRow = (ctx: Ctx, code: string) =>
  ctx.db.prepare('SELECT sale_id, redeemed_at, discount_minor FROM offers WHERE code = ?').get(code);

describe('offers the counter recognises', () => {
  it('issues unambiguous unique codes, redeems one once, and a void frees it', async () => {
    const { ctx } = makeCtx();
    const ada = await customer(ctx, 'Ada');
    const many = Array.from({ length: 200 }, () => issueOffer(ctx, { customerId: ada, kind: 'amount_off', value: 500 }));
    const codes = new Set(many.map((o) => o.code));
    expect(codes.size).toBe(200);
    for (const c of codes) {
      expect(c).toHaveLength(OFFER_CODE_LENGTH);
      expect([...c].every((ch) => OFFER_CODE_ALPHABET.includes(ch))).toBe(true);
      expect(c).not.toMatch(/[01OIL]/);
    }

    const offer = await ok<Offer>(ctx, 'offers.issue', {
      customerId: ada,
      kind: 'percent_off',
      value: 20,
      minSpendMinor: 10_000,
      expiresOn: '2026-03-31',
    });
    expect(offer).toMatchObject({ status: 'open', saleId: null, kind: 'percent_off', value: 20 });

    // what the counter shows as the code is typed (lower case, with a space: as read off a phone)
    const typed = offer.code.slice(0, 3).toLowerCase() + ' ' + offer.code.slice(3);
    const check = await ok<{ discountMinor: number; payMinor: number }>(ctx, 'offers.check', {
      offerCode: typed,
      customerId: ada,
      amountMinor: 12_345,
    });
    expect(check).toMatchObject({ discountMinor: 2469, payMinor: 9876 });

    const sale = await ok<Sale>(ctx, 'sales.record', { customerId: ada, amountMinor: 12_345, offerCode: typed });
    // the sale stores what was paid; its discount and the offer both record the money off
    expect(sale).toMatchObject({ amountMinor: 9876, discountMinor: 2469, offer: { code: offer.code, discountMinor: 2469 } });
    expect(offerRow(ctx, offer.code)).toMatchObject({ sale_id: sale.id, discount_minor: 2469 });
    const listed = await ok<Offer[]>(ctx, 'offers.list', { status: 'redeemed' });
    expect(listed.map((o) => [o.code, o.saleId])).toEqual([[offer.code, sale.id]]);

    // once only
    const before = counts(ctx);
    const again = await err(ctx, 'sales.record', { customerId: ada, amountMinor: 20_000, offerCode: offer.code });
    expect(again).toMatchObject({ code: 'VALIDATION', issues: [{ path: ['offerCode'], message: 'offer_used' }] });
    expect(counts(ctx)).toEqual(before);

    // voiding the sale frees the code
    await ok(ctx, 'sales.void', { id: sale.id, reason: 'rung up twice' });
    expect(offerRow(ctx, offer.code)).toEqual({ sale_id: null, redeemed_at: null, discount_minor: null });
    expect((await ok<Offer[]>(ctx, 'offers.list', { customerId: ada, status: 'open' })).some((o) => o.code === offer.code)).toBe(
      true,
    );
    const second = await ok<Sale>(ctx, 'sales.record', { customerId: ada, amountMinor: 10_000, offerCode: offer.code });
    expect(second).toMatchObject({ amountMinor: 8000, discountMinor: 2000 });
  });

  it.each([
    ['unknown', 'XXXXXXX', 'offer_unknown'],
    ['not a code at all', '0000', 'offer_unknown'],
  ])('refuses an %s code and saves nothing', async (_what, code, message) => {
    const { ctx } = makeCtx();
    const ada = await customer(ctx, 'Ada');
    const before = counts(ctx);
    const e = await err(ctx, 'sales.record', { customerId: ada, amountMinor: 5000, offerCode: code });
    expect(e).toMatchObject({ code: 'VALIDATION', issues: [{ path: ['offerCode'], message }] });
    expect(counts(ctx)).toEqual(before);
  });

  it('refuses an expired code, another customer’s, a sale without a customer and a minimum not met; nothing saved', async () => {
    const { ctx, clock } = makeCtx();
    await ok(ctx, 'settings.update', { timeZone: 'Asia/Shanghai' });
    const ada = await customer(ctx, 'Ada');
    const bo = await customer(ctx, 'Bo');
    const o = await ok<Offer>(ctx, 'offers.issue', {
      customerId: ada,
      kind: 'amount_off',
      value: 2000,
      minSpendMinor: 10_000,
      expiresOn: '2026-03-10',
    });
    const before = counts(ctx);
    const field = async (input: object) =>
      (await err(ctx, 'sales.record', { amountMinor: 15_000, offerCode: o.code, ...input })).issues?.[0]?.message;
    expect(await field({ customerId: bo })).toBe('offer_other_customer');
    expect(await field({ customerId: null })).toBe('offer_needs_customer');
    expect(await field({ customerId: ada, amountMinor: 9999 })).toBe('offer_min_spend');
    // the last day is the shop's 10 March: 23:59 in Shanghai still takes it, the next day does not
    clock.now = Date.parse('2026-03-10T23:59:00+08:00');
    expect(
      (await ok<{ payMinor: number }>(ctx, 'offers.check', { offerCode: o.code, customerId: ada, amountMinor: 15_000 })).payMinor,
    ).toBe(13_000);
    clock.now = Date.parse('2026-03-11T00:01:00+08:00');
    expect(await field({ customerId: ada })).toBe('offer_expired');
    expect(counts(ctx)).toEqual(before);
    expect(offerRow(ctx, o.code)).toMatchObject({ sale_id: null });
    expect((await ok<Offer[]>(ctx, 'offers.list', { status: 'expired' })).map((x) => x.code)).toEqual([o.code]);
    // a past expiry is refused when issuing
    const past = await err(ctx, 'offers.issue', { customerId: ada, kind: 'amount_off', value: 100, expiresOn: '2026-03-01' });
    expect(past.issues).toEqual([{ path: ['expiresOn'], message: 'date_in_past' }]);
    const pct = await err(ctx, 'offers.issue', { customerId: ada, kind: 'percent_off', value: 120 });
    expect(pct.issues).toEqual([{ path: ['value'], message: 'percent_invalid' }]);
  });

  it('a win-back case closes as won back by the sale that redeems its offer; voiding reopens it; Insights counts it', async () => {
    const { ctx, clock } = makeCtx();
    const ada = await customer(ctx, 'Ada');
    await ok(ctx, 'sales.record', { customerId: ada, amountMinor: 30_000, occurredAt: FIXED_NOW - 300 * DAY });
    const w = await ok<WinbackCase>(ctx, 'winback.start', { customerId: ada });
    await ok(ctx, 'winback.step', { id: w.id, step: 'contact', reason: 'price' });
    const o = await ok<Offer>(ctx, 'offers.issue', { customerId: ada, kind: 'amount_off', value: 3000, winbackId: w.id });
    expect((await ok<WinbackCase>(ctx, 'winback.get', { id: w.id })).offer).toMatchObject({ code: o.code, status: 'open' });
    // an offer for a case names the case's customer
    const bo = await customer(ctx, 'Bo');
    expect((await err(ctx, 'offers.issue', { customerId: bo, kind: 'amount_off', value: 100, winbackId: w.id })).issues).toEqual([
      { path: ['winbackId'], message: 'offer_other_customer' },
    ]);

    clock.now += DAY;
    const sale = await ok<Sale>(ctx, 'sales.record', { customerId: ada, amountMinor: 20_000, offerCode: o.code });
    const won = await ok<WinbackCase>(ctx, 'winback.get', { id: w.id });
    expect(won).toMatchObject({
      status: 'won_back',
      outcome: 'won_back',
      wonSaleId: sale.id,
      offer: { code: o.code, status: 'redeemed' },
    });
    expect(won.events.at(-1)).toMatchObject({ step: 'won_back', note: o.code });

    clock.now += 30 * DAY;
    await ok(ctx, 'sales.record', { customerId: ada, amountMinor: 5000 });
    clock.now += 100 * DAY;
    await ok(ctx, 'sales.record', { customerId: ada, amountMinor: 7000 });
    await ok(ctx, 'offers.issue', { customerId: bo, kind: 'amount_off', value: 3000 });
    const ins = await ok<OfferInsights>(ctx, 'offers.insights');
    expect(ins.byOffer).toEqual([
      { kind: 'amount_off', value: 3000, issued: 2, redeemed: 1, rate: 0.5, givenMinor: 3000, after90Minor: 17_000 + 5000 },
    ]);
    expect(ins.byReason).toEqual([
      { reason: 'price', issued: 1, redeemed: 1, rate: 1, givenMinor: 3000, after90Minor: 22_000 },
      { reason: null, issued: 1, redeemed: 0, rate: 0, givenMinor: 0, after90Minor: 0 },
    ]);

    await ok(ctx, 'sales.void', { id: sale.id, reason: 'mistake' });
    // the case is linked to the next sale after the contact; the offer is open again
    expect((await ok<WinbackCase>(ctx, 'winback.get', { id: w.id })).offer).toMatchObject({ status: 'open', saleId: null });
  });

  it('an open (never contacted) case is won back by its offer too, and goes back to contacted when that sale is voided', async () => {
    const { ctx } = makeCtx();
    const ada = await customer(ctx, 'Ada');
    await ok(ctx, 'sales.record', { customerId: ada, amountMinor: 30_000, occurredAt: FIXED_NOW - 300 * DAY });
    const w = await ok<WinbackCase>(ctx, 'winback.start', { customerId: ada });
    const o = await ok<Offer>(ctx, 'offers.issue', { customerId: ada, kind: 'percent_off', value: 10, winbackId: w.id });
    const sale = await ok<Sale>(ctx, 'sales.record', { customerId: ada, amountMinor: 1000, offerCode: o.code });
    expect(await ok<WinbackCase>(ctx, 'winback.get', { id: w.id })).toMatchObject({ status: 'won_back', wonSaleId: sale.id });
    await ok(ctx, 'sales.void', { id: sale.id, reason: 'mistake' });
    expect(await ok<WinbackCase>(ctx, 'winback.get', { id: w.id })).toMatchObject({ status: 'contacted', wonSaleId: null });
  });

  it('merge moves offers to the kept customer; erasure deletes them', async () => {
    const { ctx } = makeCtx();
    const ada = await customer(ctx, 'Ada');
    const dup = await customer(ctx, 'Ada 2');
    const o = await ok<Offer>(ctx, 'offers.issue', { customerId: dup, kind: 'amount_off', value: 100 });
    await ok(ctx, 'customers.merge', { keepId: ada, mergeId: dup });
    expect((await ok<Offer[]>(ctx, 'offers.list', { customerId: ada })).map((x) => x.code)).toEqual([o.code]);
    await ok(ctx, 'sales.record', { customerId: ada, amountMinor: 1000, offerCode: o.code });
    await ok(ctx, 'customers.erase', { id: ada, confirm: true });
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM offers').get()).toEqual({ n: 0 });
  });
});

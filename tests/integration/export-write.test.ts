import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/api/errors';
import { count, ok, tempShops } from '../helpers/shop';
import type { Ctx } from '../../main/ctx';
import { recordExportStep, type ExportWrite } from '../../main/services/export/record';

/**
 * A campaign export's write (main/services/export/record.ts): prepared on the reader with each
 * offer's code drawn beforehand, written in one set-based transaction by the writer. What changed
 * in between (a code issued meanwhile, a customer merged away) refuses the write as a whole, and
 * the export is prepared again.
 */
const draw = vi.hoisted(() => ({ taken: null as string | null }));
vi.mock('../../main/services/offers', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../main/services/offers')>();
  return {
    ...real,
    // the next draw's first code is one an offer issued meanwhile has (a collision in 1.3 billion codes)
    freshCodes: (ctx: Ctx, n: number) => {
      const codes = real.freshCodes(ctx, n);
      if (draw.taken !== null && codes.length > 0) codes[0] = draw.taken;
      draw.taken = null;
      return codes;
    },
  };
});

const { fresh, clock } = tempShops(Date.parse('2026-03-10T02:00:00Z'));
const OFFER = { kind: 'amount_off', value: 2000, minSpendMinor: 0, expiresOn: null } as const;

async function shop(ctx: Ctx, names = ['张三', '李四', '王五']): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, name] of names.entries())
    ids.push((await ok<{ id: number }>(ctx, 'customers.create', { name, phone: `1391234567${i}`, consent: { sms: true } })).id);
  return ids;
}

const rows = (ctx: Ctx, sql: string, ...params: unknown[]) => ctx.db.prepare(sql).all(...params);

/** The write an export of these customers (by SMS, as csv) prepared, with an offer each or none. */
function prepared(ids: number[], withOffer: boolean): ExportWrite {
  const now = clock.now;
  return {
    record: {
      createdAt: now,
      businessDate: '2026-03-10',
      segment: 'all',
      segmentParams: {},
      channel: 'sms',
      format: 'csv',
      formats: ['csv'],
      fileName: 'x.csv',
      matched: ids.length,
      exported: ids.length,
      leftOutNoConsent: 0,
      leftOutNoContact: 0,
      withoutConsentReason: null,
    },
    members: JSON.stringify(ids.map((id) => [id, 'hi'])),
    offer: withOffer ? { ...OFFER, codes: JSON.stringify(ids.map((id, i) => [id, `CODE00${i}`])), count: ids.length } : null,
    log: { at: now, detail: { to: 'download' } },
  };
}

describe("a campaign export's write", () => {
  it('draws its codes again when one was issued between preparing and writing, and writes the campaign once', async () => {
    const ctx = fresh();
    const [zhang] = await shop(ctx);
    const earlier = await ok<{ code: string }>(ctx, 'offers.issue', { customerId: zhang, kind: 'percent_off', value: 10 });
    draw.taken = earlier.code;
    const r = await ok<{ campaign: { id: number }; offers: number }>(ctx, 'exports.contacts', {
      segment: 'all',
      channel: 'sms',
      format: 'csv',
      offer: OFFER,
    });
    expect(r.offers).toBe(3);
    expect(count(ctx, 'campaigns')).toBe(1);
    const codes = rows(ctx, 'SELECT code FROM offers WHERE campaign_id = ?', r.campaign.id) as { code: string }[];
    expect(codes).toHaveLength(3);
    expect(codes.map((c) => c.code)).not.toContain(earlier.code);
    // the earlier offer is as it was, and the file carries the codes written
    expect(rows(ctx, 'SELECT campaign_id FROM offers WHERE code = ?', earlier.code)).toEqual([{ campaign_id: null }]);
    expect(count(ctx, 'campaign_members')).toBe(3);
  });

  it('is refused as a whole when a customer was merged away meanwhile: nothing of it is written', async () => {
    const ctx = fresh();
    const [a, b, c] = await shop(ctx);
    await ok(ctx, 'customers.merge', { keepId: a, mergeId: b });
    const write = prepared([a!, b!, c!], true);
    let refused: unknown;
    try {
      recordExportStep.run(ctx, write);
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'CONFLICT', detail: { reason: 'export_changed' } });
    for (const table of ['campaigns', 'campaign_members', 'offers']) expect(count(ctx, table)).toBe(0);
    expect(rows(ctx, "SELECT 1 FROM audit_log WHERE action IN ('export.contacts', 'offer.issue')")).toEqual([]);
  });

  it.each([
    ['erased', true, (ctx: Ctx, id: number) => ok(ctx, 'customers.erase', { id, confirm: true })],
    ['erased', false, (ctx: Ctx, id: number) => ok(ctx, 'customers.erase', { id, confirm: true })],
    [
      'withdrew their SMS consent',
      true,
      (ctx: Ctx, id: number) => ok(ctx, 'customers.setConsent', { customerId: id, channel: 'sms', granted: false }),
    ],
  ] as const)(
    'is refused as a whole when a customer %s meanwhile (with an offer: %s): nothing of it is written',
    async (_what, withOffer, change) => {
      const ctx = fresh();
      const [a, b, c] = await shop(ctx);
      await change(ctx, b!);
      const write = prepared([a!, b!, c!], withOffer);
      expect(() => recordExportStep.run(ctx, write)).toThrow(
        expect.objectContaining({ code: 'CONFLICT', detail: { reason: 'export_changed' } }),
      );
      for (const table of ['campaigns', 'campaign_members', 'offers']) expect(count(ctx, table)).toBe(0);
      expect(rows(ctx, "SELECT 1 FROM audit_log WHERE action IN ('export.contacts', 'offer.issue')")).toEqual([]);
      // prepared again from the shop as it is now, the export leaves the customer out
      const again = await ok<{ campaign: { id: number } }>(ctx, 'exports.contacts', {
        segment: 'all',
        channel: 'sms',
        format: 'csv',
        ...(withOffer ? { offer: OFFER } : {}),
      });
      const members = rows(ctx, 'SELECT customer_id FROM campaign_members WHERE campaign_id = ?', again.campaign.id);
      expect(members).toEqual([{ customer_id: a }, { customer_id: c }]);
    },
  );

  it('the same list exported again today joins its campaign: newer messages replace the old, an export without keeps them', async () => {
    const ctx = fresh();
    const ids = await shop(ctx);
    await ok(ctx, 'settings.update', { shopName: '老街面馆', language: 'zh-CN' });
    const input = { segment: 'all', channel: 'sms', format: 'csv', message: true, messageKind: 'lapsed' } as const;
    const first = await ok<{ campaign: { id: number } }>(ctx, 'exports.contacts', input);
    const messages = () =>
      (
        rows(ctx, 'SELECT message FROM campaign_members WHERE campaign_id = ? ORDER BY customer_id', first.campaign.id) as {
          message: string | null;
        }[]
      ).map((m) => m.message);
    expect(messages().every((m) => m?.includes('老街面馆'))).toBe(true);
    await ok(ctx, 'settings.update', { shopName: '新街面馆' });
    const second = await ok<{ campaign: { id: number } }>(ctx, 'exports.contacts', { ...input, format: 'xlsx' });
    expect(second.campaign.id).toBe(first.campaign.id);
    expect(messages().every((m) => m?.includes('新街面馆'))).toBe(true);
    const third = await ok<{ campaign: { id: number } }>(ctx, 'exports.contacts', { ...input, message: false, format: 'vcf' });
    expect(third.campaign.id).toBe(first.campaign.id);
    expect(messages()).toHaveLength(ids.length);
    expect(messages().every((m) => m?.includes('新街面馆'))).toBe(true);
  });
});

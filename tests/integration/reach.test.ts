import { afterEach, describe, expect, it } from 'vitest';
import { cleanupAll, err, FIXED_NOW, makeCtx, ok } from '../helpers/db';
import type { Complaint, TodayItem, WinbackCase } from '../../shared/schemas/care';

afterEach(cleanupAll);

describe('reaching the customer', () => {
  it("Today, cases and the lapsed list carry the number, the channels agreed and the text in the shop's language", async () => {
    const { ctx } = makeCtx();
    await ok(ctx, 'settings.update', { language: 'en', shopName: 'Corner Bakery' });
    const ada = await ok<{ id: number }>(ctx, 'customers.create', {
      name: 'Ada',
      phone: '13800138000',
      consent: { sms: true, phone: true },
      consentSource: 'paper_form',
    });
    const bo = await ok<{ id: number }>(ctx, 'customers.create', { name: 'Bo' });
    const c = await ok<Complaint>(ctx, 'complaints.open', {
      customerId: ada.id,
      channel: 'phone',
      reason: 'service',
      severity: 'critical',
      whatHappened: 'rude',
    });
    expect(c.contact).toEqual({
      phone: '+8613800138000',
      consents: ['phone', 'sms'],
      message: expect.stringContaining('Hello Ada, this is Corner Bakery. We are sorry'),
    });
    await ok(ctx, 'sales.record', { customerId: bo.id, amountMinor: 1000, occurredAt: FIXED_NOW - 300 * 86_400_000 });
    const w = await ok<WinbackCase>(ctx, 'winback.start', { customerId: bo.id });
    expect(w.contact).toMatchObject({ phone: null, consents: [] });
    expect(w.contact!.message).toContain('Bo');
    // Lists carry no contact (one query per case page, not per row).
    expect((await ok<WinbackCase[]>(ctx, 'winback.list', {}))[0]!.contact).toBeNull();

    const items = await ok<TodayItem[]>(ctx, 'today.list', {});
    expect(items[0]).toMatchObject({ kind: 'complaint_acknowledge', phone: '+8613800138000', consents: ['phone', 'sms'] });
    expect(items[0]!.message).toBe(
      'Hello Ada, this is Corner Bakery. We are sorry about what happened. Thank you for telling us; we are putting it right.',
    );

    // The owner's own text, in Chinese once the shop speaks Chinese (defaults follow the language).
    await ok(ctx, 'settings.update', { language: 'zh-CN', messages: { complaint_apology: '{{name}}，{{shop}}向您道歉。' } });
    expect((await ok<TodayItem[]>(ctx, 'today.list', {}))[0]!.message).toBe('Ada，Corner Bakery向您道歉。');
    expect((await ok<Complaint>(ctx, 'complaints.get', { id: c.id })).contact!.message).toBe('Ada，Corner Bakery向您道歉。');
    expect((await ok<WinbackCase>(ctx, 'winback.get', { id: w.id })).contact!.message).toContain(
      'Bo您好，我是Corner Bakery的店主',
    );

    expect(await ok(ctx, 'reach.contacts', { customerIds: [ada.id, bo.id, 999] })).toEqual(
      expect.arrayContaining([
        { customerId: ada.id, phone: '+8613800138000', consents: ['phone', 'sms'] },
        { customerId: bo.id, phone: null, consents: [] },
      ]),
    );
  });

  it('refuses a text with an unknown {{variable}} as a field issue, saving nothing', async () => {
    const { ctx } = makeCtx();
    const e = await err(ctx, 'settings.update', {
      shopName: 'X',
      messages: { lapsed: 'Hi {{nmae}}', lapsed_key: 'fine {{name}}' },
    });
    expect(e.code).toBe('VALIDATION');
    expect(e.issues).toEqual([expect.objectContaining({ path: ['messages', 'lapsed'], message: 'unknown_variable' })]);
    const s = await ok<{ shopName: string; messages: unknown }>(ctx, 'settings.get', {});
    expect(s).toMatchObject({ shopName: '', messages: null });
    // Unknown kinds are refused too; a reset goes back to the defaults.
    expect((await err(ctx, 'settings.update', { messages: { birthday: 'x' } })).code).toBe('VALIDATION');
    await ok(ctx, 'settings.update', { messages: { lapsed: 'Hi {{name}}' } });
    expect((await ok<{ messages: unknown }>(ctx, 'settings.update', { messages: null })).messages).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { ok, tempShops } from '../helpers/shop';
import type { Ctx } from '../../main/ctx';

const { fresh, clock } = tempShops(Date.parse('2026-03-10T02:00:00Z'));

interface Exported {
  campaign: { id: number; format: string; formats: string[]; exported: number };
}
interface Listed {
  id: number;
  channel: string;
  format: string;
  formats: string[];
}

async function vipShop(ctx: Ctx) {
  for (const [name, phone] of [
    ['张三', '13912345678'],
    ['李四', '13800138000'],
  ] as const)
    await ok(ctx, 'customers.create', { name, phone, tags: ['VIP'], consent: { sms: true, phone: true } });
}

const vip = { segment: 'tag', tag: 'VIP', channel: 'phone' } as const;

describe('one campaign per list and channel (issue 15, item 15)', () => {
  it('CSV, vCard, xlsx and the printed call list of the same list are one campaign with four formats', async () => {
    const ctx = fresh();
    await vipShop(ctx);
    const ids: number[] = [];
    for (const input of [{ format: 'csv' }, { format: 'vcf' }, { format: 'xlsx' }, { format: 'csv', callList: true }]) {
      const r = await ok<Exported>(ctx, 'exports.contacts', { ...vip, ...input });
      ids.push(r.campaign.id);
      clock.now += 60_000;
    }
    expect(new Set(ids).size).toBe(1);
    const list = await ok<Listed[]>(ctx, 'campaigns.list');
    expect(list).toHaveLength(1);
    // the call list is recorded as what it is, not as "CSV"
    expect(list[0]!.formats).toEqual(['csv', 'vcf', 'xlsx', 'call_list']);
    expect(list[0]!.format).toBe('csv');
    // the same format again is not listed twice; every export is still in the activity log
    await ok(ctx, 'exports.contacts', { ...vip, format: 'csv' });
    expect((await ok<Listed[]>(ctx, 'campaigns.list'))[0]!.formats).toEqual(['csv', 'vcf', 'xlsx', 'call_list']);
    const logged = ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'export.contacts'").pluck().get();
    expect(logged).toBe(5);
  });

  it('a call list on its own is logged as a call list', async () => {
    const ctx = fresh();
    await vipShop(ctx);
    const r = await ok<Exported>(ctx, 'exports.contacts', { ...vip, format: 'csv', callList: true });
    expect(r.campaign.formats).toEqual(['call_list']);
    expect(r.campaign.format).toBe('call_list');
    const bad = await ok<Exported>(ctx, 'exports.contacts', { ...vip, format: 'vcf', callList: true }).catch((e: Error) => e);
    expect(String(bad)).toContain('VALIDATION');
  });

  it('another channel, another list (different people) or another day is another campaign', async () => {
    const ctx = fresh();
    await vipShop(ctx);
    const first = await ok<Exported>(ctx, 'exports.contacts', { ...vip, format: 'csv' });
    const sms = await ok<Exported>(ctx, 'exports.contacts', { ...vip, channel: 'sms', format: 'csv' });
    expect(sms.campaign.id).not.toBe(first.campaign.id);
    await ok(ctx, 'customers.create', { name: '王五', phone: '13700137000', tags: ['VIP'], consent: { phone: true } });
    const more = await ok<Exported>(ctx, 'exports.contacts', { ...vip, format: 'vcf' });
    expect(more.campaign.id).not.toBe(first.campaign.id);
    expect(more.campaign.exported).toBe(3);
    clock.now += 86_400_000;
    const tomorrow = await ok<Exported>(ctx, 'exports.contacts', { ...vip, format: 'vcf' });
    expect(tomorrow.campaign.id).not.toBe(more.campaign.id);
    expect(await ok<Listed[]>(ctx, 'campaigns.list')).toHaveLength(4);
  });
});

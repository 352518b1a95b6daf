import type { Ctx } from '../../ctx';
import * as st from '../../db/queries/import-staging';
import { listStaff } from '../../db/queries/staff';
import { listPaymentMethods } from '../../db/queries/payment-methods';

/**
 * Payment methods and staff named in the file: known ones by id; a new name gets a negative key,
 * staged, and is created by placing's first transaction under the pending import (so a cancelled
 * or dead import's removal takes it away with its sales, and leaves no new payment method behind).
 */
export function nameResolver(ctx: Ctx, importId: number) {
  const maps = { payment: new Map<string, number>(), staff: new Map<string, number>() };
  for (const p of listPaymentMethods(ctx.db)) {
    maps.payment.set(p.name.toLowerCase(), p.id);
    maps.payment.set(p.code.toLowerCase(), p.id);
  }
  for (const [alias, code] of Object.entries(PAYMENT_ALIASES)) {
    const id = maps.payment.get(code);
    if (id !== undefined && !maps.payment.has(alias)) maps.payment.set(alias, id);
  }
  for (const s of listStaff(ctx.db)) maps.staff.set(s.name.toLowerCase(), s.id);
  const fresh: { kind: 'payment' | 'staff'; key: number; name: string }[] = [];
  let next = -1;
  const resolve = (kind: 'payment' | 'staff', name: string): number | null => {
    const key = name.trim().toLowerCase();
    if (!key) return null;
    let id = maps[kind].get(key);
    if (id === undefined) {
      id = next--;
      maps[kind].set(key, id);
      fresh.push({ kind, key: id, name: name.trim().slice(0, 40) });
    }
    return id;
  };
  /** writes the names met so far (inside a chunk's transaction) */
  resolve.flush = () => {
    for (const f of fresh.splice(0)) st.stageName(ctx.db, importId, f.kind, f.key, f.name);
  };
  return resolve;
}

const PAYMENT_ALIASES: Record<string, string> = {
  微信: 'wechat_pay',
  wechat: 'wechat_pay',
  'wechat pay': 'wechat_pay',
  weixin: 'wechat_pay',
  支付宝: 'alipay',
  alipay: 'alipay',
  cash: 'cash',
  现金: 'cash',
  card: 'card',
  刷卡: 'card',
  银联: 'card',
  'bank card': 'card',
};

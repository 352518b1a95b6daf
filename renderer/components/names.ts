import { useShop } from '../app/shop';
import { useT } from '../app/i18n';
import type { BaseKey } from '../../shared/i18n';

const BUILT_IN = new Set(['wechat_pay', 'alipay', 'cash', 'card']);

/** Built-in payment methods are shown in the UI language; the owner's own ones as they named them. */
export function usePaymentName(): (id: number | null, stored: string) => string {
  const { t } = useT();
  const { status } = useShop();
  return (id, stored) => {
    const code = status.paymentMethods.find((p) => p.id === id)?.code;
    const renamed = status.paymentMethods.find((p) => p.id === id)?.name;
    if (code && BUILT_IN.has(code) && renamed === DEFAULT_NAMES[code]) return t(`payment.${code}` as BaseKey);
    return stored;
  };
}

/** The names migration 0001 gives the built-in methods; a method the owner renamed keeps its new name. */
const DEFAULT_NAMES: Record<string, string> = { wechat_pay: '微信支付', alipay: '支付宝', cash: '现金', card: '银行卡' };

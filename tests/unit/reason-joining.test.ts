import { describe, expect, it } from 'vitest';
import { messages } from '../../shared/i18n';
import { joinReasons, reasonWords } from '../../renderer/screens/lapsed/reasons';
import type { LapsedRow } from '../../shared/schemas/lapsed';

type T = Parameters<typeof reasonWords>[0];

const tFor =
  (locale: 'en' | 'zh-CN'): T =>
  (key, vars = {}) =>
    (messages[locale] as Record<string, string>)[key]!.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, k: string) => String(vars[k] ?? ''));
const fmt = { money: (m: number) => `¥${(m / 100).toFixed(2)}`, number: (n: number) => String(n), day: (d: string) => d };

const row = {
  reasons: ['overdue', 'bought_less_after_price_rise'],
  status: 'fading',
  usual_gap_days: 12,
  days_since_last: 47,
  price_change: { product: '茉莉花茶', date: '2026-01-05', before: 2, after: 1 },
} as unknown as LapsedRow;

describe('reasons in one language (issue 15)', () => {
  it.each([
    ['zh-CN', '通常每 12 天来一次；已有 47 天没来；茉莉花茶 2026-01-05 涨价前 8 周买了 2 件，涨价后 1 件'],
    [
      'en',
      'usually every 12 days; 47 days since the last visit; bought 2 of 茉莉花茶 in the 8 weeks before its price rose on 2026-01-05, 1 after',
    ],
  ] as const)('%s: one separator, and units with the numbers', (locale, line) => {
    const t = tFor(locale);
    expect(joinReasons(t, reasonWords(t, fmt, locale, row))).toBe(line);
  });
});

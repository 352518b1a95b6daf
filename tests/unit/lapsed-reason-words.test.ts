import { describe, expect, it } from 'vitest';
import { messages } from '../../shared/i18n';
import { reasonWords } from '../../renderer/screens/lapsed/reasons';
import type { LapsedRow } from '../../shared/schemas/lapsed';

type T = Parameters<typeof reasonWords>[0];

/** A translation function over the real dictionaries ({{name}} filled in, as i18next does). */
const tFor =
  (locale: 'en' | 'zh-CN'): T =>
  (key, vars = {}) =>
    (messages[locale] as Record<string, string>)[key]!.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, k: string) => String(vars[k] ?? ''));
const fmt = { money: (m: number) => `¥${(m / 100).toFixed(2)}`, number: (n: number) => String(n), day: (d: string) => d };

const row = {
  reasons: ['spend_down', 'mostly_promotions', 'promotion_weeks'],
  status: 'fading',
  spend_per_visit_minor: { before: 8000, recent: 4000 },
  price_evidence: { visits: 9, deal_visits: 7, same_weeks_share: 0.1, promo_week_visits: 6, promo_week_share: 0.31 },
} as unknown as LapsedRow;

describe('the price and fading reasons in numbers the owner reads at a glance', () => {
  it.each([
    [
      'en',
      [
        'spending per visit down from ¥80.00 to ¥40.00',
        '7 of 9 visits on a promotion or discount; the shop’s customers: 1 in 10 in the same weeks',
        '6 of 9 visits in the shop’s promotion weeks; the shop’s customers: 3 in 10',
      ],
    ],
    [
      'zh-CN',
      [
        '每次消费从 ¥80.00 降到 ¥40.00',
        '9 次到店中 7 次用了促销或折扣；本店顾客同期：每 10 次 1 次',
        '9 次到店中 6 次在本店促销周；本店顾客：每 10 次 3 次',
      ],
    ],
  ] as const)('%s', (locale, words) => {
    expect(reasonWords(tFor(locale), fmt, locale, row)).toEqual(words);
  });

  it.each([
    [0.05, '1 in 20'],
    [0.1, '1 in 10'],
    [0.14, '1 in 7'],
    [0.19, '2 in 10'],
    [0.7, '7 in 10'],
    [0, '0 in 10'],
  ])('a share of %f reads "%s"', (share, words) => {
    const r = { ...row, reasons: ['mostly_promotions'], price_evidence: { ...row.price_evidence, same_weeks_share: share } };
    expect(reasonWords(tFor('en'), fmt, 'en', r as LapsedRow)[0]).toContain(`customers: ${words} in the same weeks`);
  });
});

import { describe, expect, it } from 'vitest';
import { messages } from '../../shared/i18n';
import { pct, reasonWords } from '../../renderer/screens/lapsed/reasons';
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

describe('lapsed beside a high P(still a customer): the reasons say why the two figures differ', () => {
  const lapsed = {
    reasons: ['overdue'],
    status: 'lapsed',
    visits: 2,
    usual_gap_days: 66,
    days_since_last: 556,
    p_alive: 0.969,
    p_no_return_90d: 0.853,
  } as unknown as LapsedRow;

  it.each([
    [
      'en',
      [
        'usually every 66 days; 556 days since the last visit',
        'the model still expects them back some day (97% still a customer): with only 2 visits it reads the silence as a slow pace rather than leaving — but not soon: the chance of no visit in the next 90 days is 85%',
      ],
    ],
    [
      'zh-CN',
      [
        '通常每 66 天来一次；已有 556 天没来',
        '模型仍认为会回来（仍是顾客的概率 97%）：只来过 2 次，模型把这段时间没来看作来得慢，而不是不再来——但不会很快：未来 90 天不来的概率为 85%',
      ],
    ],
  ] as const)('%s', (locale, words) => {
    expect(reasonWords(tFor(locale), fmt, locale, lapsed)).toEqual(words);
  });

  it('a longer history: the silence read as a slower pace; the model line is not repeated', () => {
    const r = { ...lapsed, reasons: [], visits: 6, p_alive: 0.794, p_no_return_90d: 0.633 } as LapsedRow;
    expect(reasonWords(tFor('en'), fmt, 'en', r)).toEqual([
      'the model still expects them back some day (79% still a customer): it reads the silence as a slower pace rather than leaving — but not soon: the chance of no visit in the next 90 days is 63%',
    ]);
  });

  it('P(alive) low as well: no note, the reasons stand as they were', () => {
    const r = { ...lapsed, reasons: ['overdue', 'low_p_alive'], p_alive: 0.25 } as LapsedRow;
    expect(reasonWords(tFor('en'), fmt, 'en', r)).toEqual([
      'usually every 66 days; 556 days since the last visit',
      'only a 25% chance they are still a customer',
    ]);
  });
});

describe('chances in whole percent', () => {
  it('a chance above zero that would round to 0% reads <1%; zero, small and large ones as they are', () => {
    expect([0, 0.003, 0.0049, 0.005, 0.16, 0.999, 1].map((x) => pct(x, 'en'))).toEqual([
      '0%',
      '<1%',
      '<1%',
      '1%',
      '16%',
      '100%',
      '100%',
    ]);
    expect(pct(0.003, 'zh-CN')).toBe('<1%');
  });
});

import { describe, expect, it } from 'vitest';
import { en, messages, resolveLocale, zhCN } from '../../shared/i18n/index';
import { ERROR_CODES } from '../../shared/api/errors';

describe('resolveLocale', () => {
  it.each([
    ['en', ['zh-CN'], 'en'],
    ['zh-CN', ['en-US'], 'zh-CN'],
    ['zh', ['en-US'], 'zh-CN'],
    ['zh-TW', ['en-US'], 'zh-CN'],
    ['ZH-cn', ['en-US'], 'zh-CN'],
    ['en-GB', ['zh-CN'], 'en'],
    [null, ['zh-CN'], 'zh-CN'],
    [null, ['zh'], 'zh-CN'],
    [undefined, ['en-US', 'zh-CN'], 'zh-CN'],
    [null, ['en-US'], 'en'],
    [null, ['fr-FR', 'de'], 'en'],
    [null, [], 'en'],
    ['', ['zh-HK'], 'zh-CN'],
    ['fr', ['zh-CN'], 'zh-CN'], // an unsupported choice falls back to the system
    ['fr', ['fr-FR'], 'en'],
  ] as const)('explicit %j, system %j → %s', (explicit, system, locale) => {
    expect(resolveLocale(explicit, system)).toBe(locale);
  });
});

describe('dictionaries', () => {
  const enKeys = Object.keys(en).sort();
  const zhKeys = Object.keys(zhCN).sort();

  it('en and zh-CN have exactly the same keys', () => {
    expect(zhKeys.filter((k) => !Object.hasOwn(en, k))).toEqual([]);
    expect(enKeys.filter((k) => !Object.hasOwn(zhCN, k))).toEqual([]);
    expect(zhKeys).toEqual(enKeys);
    expect(Object.keys(messages).sort()).toEqual(['en', 'zh-CN']);
  });

  it.each([
    ['en', en as Record<string, string>],
    ['zh-CN', zhCN as Record<string, string>],
  ])('%s has no empty or whitespace-only strings', (_name, dict) => {
    const empty = Object.entries(dict)
      .filter(([, v]) => typeof v !== 'string' || v.trim() === '')
      .map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('uses the same {{placeholders}} in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
    const mismatched = enKeys.filter(
      (k) => JSON.stringify(vars(en[k as keyof typeof en])) !== JSON.stringify(vars(zhCN[k as keyof typeof zhCN])),
    );
    expect(mismatched).toEqual([]);
  });

  it('translates the field-error keys the schemas use', () => {
    for (const key of [
      'required',
      'name_required',
      'phone_invalid',
      'amount_negative',
      'unknown_field',
      'invalid',
      'invalid_json',
    ])
      expect(Object.hasOwn(en, `error.field.${key}`), key).toBe(true);
  });

  it('has the error codes as plain uppercase identifiers', () => {
    for (const code of ERROR_CODES) expect(code).toMatch(/^[A-Z_]+$/);
  });
});

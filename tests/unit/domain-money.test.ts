import { describe, expect, it } from 'vitest';
import { formatMoney, minorToMajorString, parseAmount, parseAmountToMinor } from '../../shared/domain/money';

describe('parseAmountToMinor', () => {
  it.each([
    ['128', 12800],
    ['128.5', 12850],
    ['128.50', 12850],
    ['128.05', 12805],
    ['¥1,280.50', 128050],
    ['￥99', 9900],
    ['128元', 12800],
    ['RMB 10', 1000],
    ['CNY 10.10', 1010],
    ['$3.99', 399],
    ['1,234.50', 123450],
    ['1,234,567', 123456700],
    ['¥1,234', 123400],
    ['¥ 1,234', 123400],
    ['１，２３４．５０', 123450],
    [' 42 ', 4200],
    ['0', 0],
    ['0.01', 1],
    ['1000000', 100000000],
    ['１２８．５０', 12850],
    ['￥１，２８０', 128000],
  ])('%j → %d', (text, minor) => {
    expect(parseAmountToMinor(text)).toBe(minor);
  });

  it.each([
    ['12.345'],
    ['-5'],
    [''],
    ['   '],
    ['abc'],
    ['1e3'],
    ['.5'],
    ['5.'],
    ['1.2.3'],
    ['12a'],
    ['+5'],
    ['NaN'],
    ['Infinity'],
    ['9'.repeat(20)],
    // a comma is a thousands separator only, in groups of three; spaces are not separators
    ['12,5'],
    ['12,50'],
    ['1,2345'],
    ['1234,567'],
    [',123'],
    ['1,234,5'],
    ['12 5'],
    ['1 280'],
    ['12. 5'],
    ['１２，５'],
    ['¥12,5'],
  ])('%j → null', (text) => {
    expect(parseAmountToMinor(text)).toBeNull();
  });
});

describe('parseAmount', () => {
  it.each([
    ['', 'empty'],
    ['¥', 'empty'],
    ['-5', 'negative'],
    ['(12.00)', 'negative'],
    ['12,5', 'invalid'],
    ['12 5', 'invalid'],
    ['9'.repeat(20), 'too_large'],
  ])('%j is refused as %s', (text, problem) => {
    expect(parseAmount(text)).toEqual({ ok: false, problem });
  });

  it.each([
    ['12.5000', 1250],
    ['12.340', 1234],
    ['1,280.500', 128050],
  ])('zeros after the cents, as spreadsheets write them, only when asked: %j', (text, minor) => {
    expect(parseAmount(text, { extraZeros: true })).toEqual({ ok: true, minor });
    expect(parseAmount(text)).toEqual({ ok: false, problem: 'invalid' });
  });

  it('plain digits (read at once) are read as the full rule reads them, up to the largest safe amount and no further', () => {
    expect(parseAmount('0.05')).toEqual({ ok: true, minor: 5 });
    expect(parseAmount('007.5')).toEqual({ ok: true, minor: 750 });
    expect(parseAmount('12.')).toEqual({ ok: false, problem: 'invalid' });
    expect(parseAmount('9999999999999.99')).toEqual({ ok: true, minor: 999999999999999 });
    // 14 and more digits take the full rule, whose check for a safe integer still applies
    expect(parseAmount('90071992547409.92')).toEqual({ ok: false, problem: 'too_large' });
    expect(parseAmount('12345678901234')).toEqual({ ok: true, minor: 1234567890123400 });
  });

  it('still refuses a third decimal that is not a zero, even with extraZeros', () => {
    expect(parseAmount('12.345', { extraZeros: true })).toEqual({ ok: false, problem: 'invalid' });
    expect(parseAmount('12,5', { extraZeros: true })).toEqual({ ok: false, problem: 'invalid' });
  });
});

describe('minorToMajorString', () => {
  it.each([
    [0, '0.00'],
    [1, '0.01'],
    [12850, '128.50'],
    [128050, '1280.50'],
    [100000000, '1000000.00'],
    [-5, '-0.05'],
    [-12345, '-123.45'],
  ])('%d → %s', (minor, text) => {
    expect(minorToMajorString(minor)).toBe(text);
  });

  it('round-trips with parseAmountToMinor', () => {
    for (const minor of [0, 1, 99, 100, 12850, 99999999]) expect(parseAmountToMinor(minorToMajorString(minor))).toBe(minor);
  });
});

describe('formatMoney', () => {
  it.each([
    // the shop's own sign, in either language: never "CN¥" or "US$"
    [128050, 'CNY', 'en', /^¥1,280\.50$/],
    [128050, 'USD', 'en', /^\$1,280\.50$/],
    [128050, 'CNY', 'zh-CN', /^¥1,280\.50$/],
    [128050, 'USD', 'zh-CN', /^\$1,280\.50$/],
  ])('%d %s in %s', (minor, currency, locale, shown) => {
    expect(formatMoney(minor, currency, locale)).toMatch(shown);
  });
});

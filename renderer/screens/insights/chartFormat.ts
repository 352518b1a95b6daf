import { useMemo } from 'react';

/** Formatting helpers for the charts in the UI language. */
export function useChartFormat(locale: string) {
  return useMemo(() => {
    const month = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });
    const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    const signed = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' });
    const num = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    return {
      month: (ym: string) => month.format(Date.parse(ym + '-01T00:00:00Z')),
      pct: (x: number | null) => (x === null ? '—' : pct.format(x)),
      change: (now: number, before: number) => (before ? signed.format(now / before - 1) : '—'),
      num: (x: number) => num.format(x),
    };
  }, [locale]);
}

import { useMemo } from 'react';
import { formatPhone } from '../../shared/domain/phone';
import { MINOR_PER_MAJOR, moneyFormat } from '../../shared/domain/money';
import { calendarDaysSince } from '../../shared/domain/dates';
import { useShop } from './shop';
import { useT } from './i18n';

/** Dates, money and phone numbers the local way, in the shop's currency and time zone. */
export function useFormat() {
  const { locale } = useT();
  const { status } = useShop();
  const { currency, timeZone } = status.settings;
  const now = status.now;
  return useMemo(() => {
    const money = moneyFormat(locale, currency);
    const date = new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: 'short', day: 'numeric' });
    const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' });
    const dateTime = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
    const num = new Intl.NumberFormat(locale);
    return {
      money: (minor: number) => money.format(minor / MINOR_PER_MAJOR),
      date: (ms: number | null | undefined) => (ms == null ? '' : date.format(ms)),
      /** a business date YYYY-MM-DD, shown without shifting it through a time zone */
      day: (iso: string) =>
        new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'medium' }).format(Date.parse(iso + 'T00:00:00Z')),
      time: (ms: number) => time.format(ms),
      dateTime: (ms: number) => dateTime.format(ms),
      number: (n: number) => num.format(n),
      phone: (e164: string | null | undefined) => formatPhone(e164),
      currency,
      /** calendar days in the shop's time zone from an instant to the core's "now" (0 is today) */
      daysSince: (ms: number) => calendarDaysSince(ms, now, timeZone),
    };
  }, [locale, currency, timeZone, now]);
}

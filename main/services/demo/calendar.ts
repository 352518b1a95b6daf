import { addDays, daysBetween, startOfBusinessDate } from '../../../shared/domain/dates';
import { FIXED_PROMOS, MID_AUTUMN, MONTH_WEIGHT, SPRING_FESTIVAL } from './data';

export type Promo = 'spring' | 'mid_autumn' | '618' | 'double11' | 'double12';

export interface Day {
  date: string;
  /** UTC instant of local midnight */
  start: number;
  /** relative busyness (1 = an ordinary weekday in an ordinary month); 0 when the shop is closed */
  weight: number;
  promo: Promo | null;
}

/**
 * The demo shop's calendar: busier weekends and festive months; the Spring Festival rush in the
 * two and a half weeks before the new year, then closed from New Year's Eve to the third day;
 * promotions for the Spring Festival, Mid-Autumn (mooncakes and gifts), 618, Double 11 and Double 12.
 */
export function buildCalendar(first: string, last: string, timeZone: string): Day[] {
  const days: Day[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) {
    const year = Number(date.slice(0, 4));
    const md = date.slice(5);
    let weight = MONTH_WEIGHT[Number(date.slice(5, 7)) - 1]!;
    const dow = new Date(date + 'T00:00:00Z').getUTCDay();
    weight *= dow === 0 || dow === 6 ? 1.3 : dow === 1 ? 0.85 : 1;
    let promo: Promo | null = null;

    // Late January dates belong to this year's festival, mid-February ones too: it falls Jan 21–Feb 20.
    const spring = SPRING_FESTIVAL.get(year) ?? `${year}-02-05`;
    const toSpring = daysBetween(date, spring);
    if (toSpring >= -3 && toSpring <= 1) weight = 0;
    else if (toSpring > 1 && toSpring <= 18) {
      weight *= 1.3 + (18 - toSpring) / 18;
      promo = 'spring';
    } else if (toSpring < -3 && toSpring >= -8) weight *= 0.6;

    const mid = MID_AUTUMN.get(year) ?? `${year}-09-20`;
    const toMid = daysBetween(date, mid);
    if (toMid >= 0 && toMid <= 10) {
      weight *= 1.25;
      promo = 'mid_autumn';
    }
    for (const p of FIXED_PROMOS) {
      if (md >= p.from && md <= p.to) {
        weight *= md === p.to ? 2 : 1.3;
        promo = p.name;
      }
    }
    days.push({ date, start: startOfBusinessDate(date, timeZone), weight, promo });
  }
  return days;
}

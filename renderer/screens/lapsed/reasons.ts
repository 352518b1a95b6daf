import type { LapsedRow } from '../../../shared/schemas/lapsed';
import type { BaseKey } from '../../../shared/i18n';
import { aliveNote } from '../../../shared/domain/evidence';

/** The app's typed translation (renderer/app/i18n.ts), spelled out so tests can import these words without the DOM. */
type T = (key: BaseKey, vars?: Record<string, string | number | undefined>) => string;

type Fmt = { money(minor: number): string; number(n: number): string; day(iso: string): string };

/**
 * A chance in whole percent; one above zero that would round to 0% reads "<1%" (a 0.3% chance of
 * still being a customer is not "only a 0% chance").
 */
export function pct(x: number, locale: string): string {
  const nf = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  return x > 0 && x < 0.005 ? `<${nf.format(0.01)}` : nf.format(x);
}
const perMonth = (x: number, locale: string) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(x);

/** A share as the owner reads it at a glance: "1 in 10" below 15%, "3 in 10" above. */
export function shareWords(t: T, x: number): string {
  if (x > 0 && x < 0.15) return t('lapsed.share.oneIn', { n: Math.round(1 / x) });
  return t('lapsed.share.inTen', { k: Math.round(x * 10) });
}

/** The flag reasons as plain words ("usually every 12 days; 47 days since the last visit"). */
export function reasonWords(t: T, f: Fmt, locale: string, r: LapsedRow): string[] {
  const out: string[] = [];
  for (const code of r.reasons) {
    if (code === 'overdue') out.push(t('lapsed.reason.overdue', { gap: r.usual_gap_days ?? '', days: r.days_since_last }));
    else if (code === 'low_p_alive') out.push(t('lapsed.reason.low_p_alive', { pct: pct(r.p_alive, locale) }));
    else if (code === 'visits_down')
      out.push(
        t('lapsed.reason.visits_down', {
          before: perMonth(r.visits_per_month.before, locale),
          recent: perMonth(r.visits_per_month.recent, locale),
        }),
      );
    else if (code === 'spend_down')
      out.push(
        t('lapsed.reason.spend_down', {
          before: f.money(r.spend_per_visit_minor.before),
          recent: f.money(r.spend_per_visit_minor.recent),
        }),
      );
    else if (code === 'mostly_promotions')
      out.push(
        t('lapsed.reason.mostly_promotions', {
          deals: f.number(r.price_evidence.deal_visits),
          visits: f.number(r.price_evidence.visits),
          shop: shareWords(t, r.price_evidence.same_weeks_share),
        }),
      );
    else if (code === 'promotion_weeks')
      out.push(
        t('lapsed.reason.promotion_weeks', {
          inWeeks: f.number(r.price_evidence.promo_week_visits),
          visits: f.number(r.price_evidence.visits),
          shop: shareWords(t, r.price_evidence.promo_week_share),
        }),
      );
    else if (code === 'open_complaint') out.push(t('lapsed.reason.open_complaint'));
    else if (code === 'price_complaint') out.push(t('lapsed.reason.price_complaint'));
    else if (code === 'bought_less_after_price_rise' && r.price_change)
      out.push(
        r.price_change.product === null
          ? t('lapsed.reason.bought_less_after_price_rise', {
              date: f.day(r.price_change.date),
              before: f.number(r.price_change.before),
              after: f.number(r.price_change.after),
            })
          : t('lapsed.reason.bought_less_after_product_rise', {
              product: r.price_change.product,
              date: f.day(r.price_change.date),
              before: f.number(r.price_change.before),
              after: f.number(r.price_change.after),
            }),
      );
  }
  // Lapsed while P(still a customer) is high: say why the two figures differ (with the 90-day chance
  // the flag rests on), rather than leave a 94% beside "lapsed" unexplained.
  const note = aliveNote(r);
  if (note)
    out.push(
      t(`lapsed.reason.alive_${note}`, {
        alive: pct(r.p_alive, locale),
        visits: f.number(r.visits),
        noReturn: pct(r.p_no_return_90d, locale),
      }),
    );
  else if (r.status === 'lapsed' && !r.reasons.includes('overdue'))
    out.push(t('lapsed.reason.model', { pct: pct(r.p_no_return_90d, locale) }));
  return out;
}

/** Reasons run on in one line, with the language's own separator ("；" in Chinese, "; " in English). */
export function joinReasons(t: T, words: readonly string[]): string {
  return words.join(t('common.listSeparator'));
}

/** Win-back effort follows the tier; a price-sensitive customer gets the price remedy. */
export function nextStep(t: T, r: LapsedRow): string {
  const byTier = t(`lapsed.next.${r.tier}`);
  return r.price_sensitive && r.tier !== 'small' ? `${byTier} ${t('lapsed.next.price')}` : byTier;
}

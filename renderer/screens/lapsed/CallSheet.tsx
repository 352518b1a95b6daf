import type { LapsedRow } from '../../../shared/schemas/lapsed';
import type { BaseKey } from '../../../shared/i18n';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { reasonWords } from './reasons';

/** The flag reasons in a few words each, for the printed call sheet (the screen has them in full). */
const SHORT: Partial<Record<string, BaseKey>> = {
  low_p_alive: 'lapsed.short.low_p_alive',
  visits_down: 'lapsed.short.visits_down',
  spend_down: 'lapsed.short.spend_down',
  mostly_promotions: 'lapsed.short.mostly_promotions',
  promotion_weeks: 'lapsed.short.promotion_weeks',
  bought_less_after_price_rise: 'lapsed.short.bought_less_after_price_rise',
  price_complaint: 'lapsed.short.price_complaint',
  open_complaint: 'lapsed.short.open_complaint',
};

/** What fits on one line of the sheet's Why column, counting a CJK character as two. */
const LINE = 36;
const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u2e80-\uffef]/.test(ch) ? 2 : 1), 0);

/**
 * The strongest reason in a few words, and the next one when both fit on the line: "quiet 47 days
 * (usually 12); open complaint". A reason without a short form is given in full.
 */
function shortWhy(t: ReturnType<typeof useT>['t'], f: ReturnType<typeof useFormat>, locale: string, r: LapsedRow): string {
  const words = r.reasons.flatMap((code) => {
    if (code === 'overdue')
      return [
        r.usual_gap_days === null
          ? t('lapsed.short.quiet', { days: r.days_since_last })
          : t('lapsed.short.overdue', { days: r.days_since_last, gap: r.usual_gap_days }),
      ];
    const key = SHORT[code];
    return key ? [t(key)] : [];
  });
  // flagged by the model alone: its chance in a few words; a reason this sheet has no short words
  // for yet: its full words (cut at the column's edge); none at all: how long they have been away
  if (!words.length && r.status === 'lapsed')
    return t('lapsed.short.model', {
      pct: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(r.p_no_return_90d),
    });
  if (!words.length) return reasonWords(t, f, locale, r)[0] ?? t('lapsed.short.quiet', { days: r.days_since_last });
  const two = words.slice(0, 2).join(t('common.listSeparator'));
  return width(two) <= LINE ? two : (words[0] ?? '');
}

/**
 * The Lapsed list as it prints (`@media print`, window.print()): a call sheet of about 20 customers
 * per landscape A4 page — name, phone, tier, last visit, the reason in a short phrase, the next
 * step, and a blank column for what came of the call. Hidden on screen, where the full table is.
 */
export function CallSheet({
  rows,
  title,
  offers,
}: {
  rows: LapsedRow[];
  title: string;
  /** each customer's open offer code, printed with the next step (issue 17) */
  offers?: ReadonlyMap<number, string>;
}) {
  const { t, locale } = useT();
  const f = useFormat();
  return (
    <section className="call-sheet print-only">
      <h2>
        {title} <span className="muted">({f.number(rows.length)})</span>
      </h2>
      {rows.length === 0 ? (
        <p>{t('lapsed.none')}</p>
      ) : (
        <table>
          <colgroup>
            <col className="cs-name" />
            <col className="cs-phone" />
            <col className="cs-tier" />
            <col className="cs-last" />
            <col className="cs-why" />
            <col className="cs-next" />
            <col className="cs-outcome" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{t('lapsed.col.name')}</th>
              <th scope="col">{t('lapsed.col.phone')}</th>
              <th scope="col">{t('lapsed.col.tier')}</th>
              <th scope="col">{t('lapsed.col.last')}</th>
              <th scope="col">{t('lapsed.col.why')}</th>
              <th scope="col">{t('lapsed.col.next')}</th>
              <th scope="col">{t('lapsed.col.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="cs-name">{r.name}</td>
                <td className="nowrap">{r.phone ? f.phone(r.phone) : t('lapsed.noPhone')}</td>
                <td className="nowrap">{t(`tier.${r.tier}`)}</td>
                <td className="nowrap">{f.day(r.last_visit)}</td>
                <td className="cs-why">{shortWhy(t, f, locale, r)}</td>
                <td className="cs-next">
                  {t(`lapsed.nextShort.${r.tier}`)}
                  {r.price_sensitive && r.tier !== 'small' ? ` ${t('lapsed.nextShort.price')}` : ''}
                  {offers?.get(r.id) ? ` ${t('offers.onSheet', { code: offers.get(r.id) })}` : ''}
                </td>
                <td />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

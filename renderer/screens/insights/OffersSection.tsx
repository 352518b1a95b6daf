import type { OfferInsights } from '../../../shared/schemas/offers';
import { offerTerms, type OfferWords } from '../../../shared/domain/offers';
import type { BaseKey } from '../../../shared/i18n';
import { useCall } from '../../api/useCall';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { errorText } from '../../components/errors';

type Figures = OfferInsights['byOffer'][number] | OfferInsights['byReason'][number];

/**
 * Offers (issue 17): per offer and per reason the customers left, how many were issued and
 * redeemed, the money given and what those customers spent from the redeeming sale through the 90
 * days after it — so the owner sees which offers pay for themselves.
 */
export function OffersSection() {
  const { t, locale } = useT();
  const f = useFormat();
  const { data, error } = useCall('offers.insights', {});
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const words: OfferWords = { text: (key, vars) => t(key, vars), money: f.money, day: f.day };
  const cells = (r: Figures) => (
    <>
      <td className="num">{f.number(r.issued)}</td>
      <td className="num">{f.number(r.redeemed)}</td>
      <td className="num">{r.rate === null ? '—' : pct.format(r.rate)}</td>
      <td className="num">{f.money(r.givenMinor)}</td>
      <td className="num">{f.money(r.after90Minor)}</td>
    </>
  );
  const head = (first: string) => (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col">{t('offers.insights.col.issued')}</th>
        <th scope="col">{t('offers.insights.col.redeemed')}</th>
        <th scope="col">{t('offers.insights.col.rate')}</th>
        <th scope="col">{t('offers.insights.col.given')}</th>
        <th scope="col">{t('offers.insights.col.after90')}</th>
      </tr>
    </thead>
  );
  return (
    <section className="chart-wide" aria-labelledby="insights-offers">
      <h2 id="insights-offers">{t('offers.insights.title')}</h2>
      <p className="muted">{t('offers.insights.hint')}</p>
      {error ? (
        <p role="alert" className="error">
          {errorText(t, error)}
        </p>
      ) : !data ? (
        <p aria-live="polite">{t('insights.loading')}</p>
      ) : !data.byOffer.length ? (
        <p>{t('offers.insights.none')}</p>
      ) : (
        <>
          <table aria-label={t('offers.insights.byOffer')}>
            <caption>{t('offers.insights.byOffer')}</caption>
            {head(t('offers.insights.col.offer'))}
            <tbody>
              {data.byOffer.map((r) => (
                <tr key={`${r.kind}-${r.value}`}>
                  <th scope="row">{offerTerms({ ...r, minSpendMinor: 0, expiresOn: null }, words)}</th>
                  {cells(r)}
                </tr>
              ))}
            </tbody>
          </table>
          <table aria-label={t('offers.insights.byReason')}>
            <caption>{t('offers.insights.byReason')}</caption>
            {head(t('offers.insights.col.reason'))}
            <tbody>
              {data.byReason.map((r) => (
                <tr key={r.reason ?? ''}>
                  <th scope="row">{r.reason ? t(`reason.${r.reason}` as BaseKey) : t('offers.insights.noReason')}</th>
                  {cells(r)}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

import { useCall } from '../../api/useCall';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { useShop } from '../../app/shop';
import { href } from '../../app/router';
import { errorText } from '../../components/errors';
import { daysBetween, formatsName, segmentWithParams } from './labels';

/** The export log: every contact export, remembered as a campaign. */
export function CampaignsPanel() {
  const { t } = useT();
  const f = useFormat();
  const { status } = useShop();
  const campaigns = useCall('campaigns.list', {});
  const error = campaigns.error;
  const list = campaigns.data ? [...campaigns.data].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id) : null;
  return (
    <section className="panel" aria-labelledby="campaigns-h">
      <h2 id="campaigns-h">{t('data.campaigns.title')}</h2>
      {error ? <p role="alert">{errorText(t, error)}</p> : null}
      {list && list.length === 0 ? <p className="muted">{t('data.campaigns.none')}</p> : null}
      {list && list.length ? (
        <div className="table-scroll">
          <table aria-labelledby="campaigns-h">
            <thead>
              <tr>
                <th scope="col">{t('data.campaigns.date')}</th>
                <th scope="col">{t('data.campaigns.segment')}</th>
                <th scope="col">{t('data.campaigns.channel')}</th>
                <th scope="col">{t('data.campaigns.format')}</th>
                <th scope="col" className="num">
                  {t('data.campaigns.exported')}
                </th>
                <th scope="col" className="num">
                  {t('data.campaigns.leftOut')}
                </th>
                <th scope="col">{t('data.campaigns.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <tr key={c.id}>
                  <td className="nowrap">
                    <a href={href(`/data/campaigns/${c.id}`)}>{t('data.campaigns.open', { id: c.id })}</a>
                    <div className="muted">{f.dateTime(c.createdAt)}</div>
                  </td>
                  <td>{segmentWithParams(t, c.segment, c.segmentParams, status.staff)}</td>
                  <td>{t(`channel.${c.channel}`)}</td>
                  <td>{formatsName(t, c.formats)}</td>
                  <td className="num">
                    {t('data.campaigns.of', { exported: f.number(c.exported), matched: f.number(c.matched) })}
                  </td>
                  <td className="num">{f.number(c.leftOutNoConsent + c.leftOutNoContact)}</td>
                  <td>{c.withoutConsentReason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

/** One campaign: who came back within 30, 60 and 90 days of the export. */
export function CampaignPage({ id }: { id: number }) {
  const { t, locale } = useT();
  const f = useFormat();
  const { status } = useShop();
  const results = useCall('campaigns.results', { id });
  const error = results.error;
  const data = results.loading ? null : (results.data ?? null);
  if (error) return <p role="alert">{errorText(t, error)}</p>;
  if (!data) return <p>{t('common.loading')}</p>;
  const c = data.campaign;
  const total = data.members.length;
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const age = daysBetween(c.businessDate, status.today);
  // what was sent to whom: shown when the export carried messages or offer codes
  const sent = data.members.some((m) => m.message !== null || m.offerCode !== null);
  return (
    <section className="panel" aria-labelledby="campaign-h">
      <p>
        <a href={href('/data/campaigns')}>{t('data.campaigns.back')}</a>
      </p>
      <h2 id="campaign-h">{t('data.campaigns.detail', { id, date: f.dateTime(c.createdAt) })}</h2>
      <p>
        {t('data.campaigns.summary', {
          segment: segmentWithParams(t, c.segment, c.segmentParams, status.staff),
          channel: t(`channel.${c.channel}`),
          format: formatsName(t, c.formats),
          file: c.fileName,
        })}
      </p>
      <p className="hint">
        {age === 0 ? t('data.campaigns.ageToday') : t('data.campaigns.age', { count: age, days: f.number(age) })}
      </p>
      <dl className="facts campaign-facts">
        {([30, 60, 90] as const).map((d) => (
          <div key={d}>
            <dt>{t('data.campaigns.returned', { days: d })}</dt>
            <dd>
              {t('data.campaigns.returnedValue', {
                count: f.number(data.returned[`d${d}`]),
                total: f.number(total),
                pct: pct.format(total ? data.returned[`d${d}`] / total : 0),
              })}
            </dd>
          </div>
        ))}
      </dl>
      <h3 id="campaign-members-h">{t('data.campaigns.members')}</h3>
      <div className="table-scroll">
        <table aria-labelledby="campaign-members-h">
          <thead>
            <tr>
              <th scope="col">{t('data.export.name')}</th>
              <th scope="col">{t('data.export.phone')}</th>
              <th scope="col">{t('data.campaigns.firstBack')}</th>
              {sent ? <th scope="col">{t('data.campaigns.message')}</th> : null}
              {sent ? <th scope="col">{t('data.campaigns.offerCode')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {data.members.map((m) => (
              <tr key={m.id}>
                <td>
                  <a href={href(`/customers/${m.id}`)}>{m.name}</a>
                </td>
                <td className="nowrap">{f.phone(m.phone)}</td>
                <td>
                  {m.firstSaleAfterAt ? (
                    t('data.campaigns.firstBackValue', { date: f.date(m.firstSaleAfterAt), count: m.daysToReturn ?? 0 })
                  ) : (
                    <span className="muted">{t('data.campaigns.notYet')}</span>
                  )}
                </td>
                {sent ? (
                  <td className="campaign-message">
                    {m.message ?? <span className="muted">{t('data.campaigns.noMessage')}</span>}
                  </td>
                ) : null}
                {sent ? (
                  <td className="nowrap">
                    {m.offerCode && m.offerStatus
                      ? t('data.campaigns.offerLine', {
                          code: m.offerCode,
                          status: t(`data.campaigns.offerStatus.${m.offerStatus}`),
                        })
                      : ''}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

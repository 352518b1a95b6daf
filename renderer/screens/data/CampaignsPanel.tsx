import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { Campaign, CampaignResults } from '../../../shared/schemas/export';
import { useApi } from '../../api/context';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { href } from '../../app/router';
import { errorText } from '../../components/errors';

/** The export log: every contact export, remembered as a campaign. */
export function CampaignsPanel() {
  const { t } = useT();
  const f = useFormat();
  const api = useApi();
  const [list, setList] = useState<Campaign[] | null>(null);
  useEffect(() => {
    void api.call('campaigns.list').then(setList);
  }, [api]);
  return (
    <section className="panel" aria-labelledby="campaigns-h">
      <h2 id="campaigns-h">{t('data.campaigns.title')}</h2>
      {list && list.length === 0 ? <p className="muted">{t('data.campaigns.none')}</p> : null}
      {list && list.length ? (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('data.campaigns.date')}</th>
                <th scope="col">{t('data.campaigns.segment')}</th>
                <th scope="col">{t('data.campaigns.channel')}</th>
                <th scope="col">{t('data.campaigns.format')}</th>
                <th scope="col">{t('data.campaigns.exported')}</th>
                <th scope="col">{t('data.campaigns.leftOut')}</th>
                <th scope="col">{t('data.campaigns.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <tr key={c.id}>
                  <td>
                    <a href={href(`/data/campaigns/${c.id}`)}>{t('data.campaigns.open', { id: c.id })}</a> ·{' '}
                    {f.dateTime(c.createdAt)}
                  </td>
                  <td>{[c.segment, ...Object.values(c.segmentParams)].join(' · ')}</td>
                  <td>{t(`channel.${c.channel}`)}</td>
                  <td>{c.format}</td>
                  <td>{t('data.campaigns.of', { exported: f.number(c.exported), matched: f.number(c.matched) })}</td>
                  <td>{f.number(c.leftOutNoConsent + c.leftOutNoContact)}</td>
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
  const api = useApi();
  const [data, setData] = useState<z.infer<typeof CampaignResults> | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.call('campaigns.results', { id }).then(setData, setError);
  }, [api, id]);
  if (error) return <p role="alert">{errorText(t, error)}</p>;
  if (!data) return <p>{t('common.loading')}</p>;
  const total = data.members.length;
  const pct = (n: number) => new Intl.NumberFormat(locale, { style: 'percent' }).format(total ? n / total : 0);
  return (
    <section className="panel" aria-labelledby="campaign-h">
      <p>
        <a href={href('/data/campaigns')}>{t('data.campaigns.back')}</a>
      </p>
      <h2 id="campaign-h">{t('data.campaigns.detail', { id, date: f.dateTime(data.campaign.createdAt) })}</h2>
      <p>
        {[data.campaign.segment, ...Object.values(data.campaign.segmentParams)].join(' · ')} ·{' '}
        {t(`channel.${data.campaign.channel}`)} · {data.campaign.fileName}
      </p>
      <dl className="facts">
        {([30, 60, 90] as const).map((d) => (
          <div key={d}>
            <dt>{t('data.campaigns.returned', { days: d })}</dt>
            <dd>
              {t('data.campaigns.returnedValue', {
                count: f.number(data.returned[`d${d}`]),
                total: f.number(total),
                pct: pct(data.returned[`d${d}`]),
              })}
            </dd>
          </div>
        ))}
      </dl>
      <h3>{t('data.campaigns.members')}</h3>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('data.export.name')}</th>
              <th scope="col">{t('data.export.phone')}</th>
              <th scope="col">{t('data.campaigns.firstBack')}</th>
            </tr>
          </thead>
          <tbody>
            {data.members.map((m) => (
              <tr key={m.id}>
                <td>
                  <a href={href(`/customers/${m.id}`)}>{m.name}</a>
                </td>
                <td>{f.phone(m.phone)}</td>
                <td>
                  {m.firstSaleAfterAt ? f.date(m.firstSaleAfterAt) : <span className="muted">{t('data.campaigns.notYet')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

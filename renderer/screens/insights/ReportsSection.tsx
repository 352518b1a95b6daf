import { useMemo, useState } from 'react';
import type { Reports } from '../../../shared/schemas/reports';
import type { z } from 'zod';
import type { CampaignResults as CampaignResultsSchema } from '../../../shared/schemas/export';

type CampaignResults = z.infer<typeof CampaignResultsSchema>;
import { useApi } from '../../api/context';
import { useCall, useLatest } from '../../api/useCall';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { useShop } from '../../app/shop';
import { DateField } from '../../components/DateField';
import { errorText } from '../../components/errors';
import { segmentWithParams } from '../data/labels';

/** "What the shop learns": reasons for leaving, win-back and complaint results, churn around a change, campaigns. */
export function ReportsSection({ defaultChange }: { defaultChange: string }) {
  const { t, locale } = useT();
  const f = useFormat();
  const api = useApi();
  const { status } = useShop();
  const [changeOn, setChangeOn] = useState(defaultChange);
  const pct = useMemo(() => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }), [locale]);
  const p = (x: number | null) => (x === null ? '—' : pct.format(x));
  // a median under a day reads "within a day", not "within 0 days"
  const withinDays = (days: number | null) =>
    days === null
      ? '—'
      : days < 1
        ? t('reports.withinADay')
        : t('reports.withinDays', { days: f.number(Math.round(days * 10) / 10) });

  // The newest date wins: a slow answer for a date typed earlier never replaces this one's.
  const reports = useCall('insights.reports', /^\d{4}-\d{2}-\d{2}$/.test(changeOn) ? { changeOn } : null);
  const results = useLatest<CampaignResults[]>(
    () =>
      api
        .call('campaigns.list')
        .then((list) => Promise.all(list.slice(0, 8).map((c) => api.call('campaigns.results', { id: c.id })))),
    'campaigns',
  );
  const data: Reports | undefined = reports.data;
  const campaigns = results.data ?? [];
  const error = reports.error ?? results.error;

  const months = data ? [...new Set(data.reasons.map((r) => r.month))].slice(-6) : [];
  const reasonRows = data ? [...new Set(data.reasons.map((r) => r.reason))] : [];
  const count = (reason: string, month?: string) =>
    (data?.reasons ?? [])
      .filter((r) => r.reason === reason && (!month || r.month === month))
      .reduce((s, r) => s + r.complaints + r.winback + r.let_go, 0);
  const monthName = (ym: string) =>
    new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(
      Date.parse(ym + '-01T00:00:00Z'),
    );

  return (
    <section className="chart-wide reports" aria-labelledby="reports-title">
      <h2 id="reports-title">{t('reports.title')}</h2>
      {error ? (
        <p role="alert" className="form-error">
          {errorText(t, error)}
        </p>
      ) : null}
      {data ? (
        <>
          <h3>{t('reports.why')}</h3>
          <p className="muted">{t('reports.whyHint')}</p>
          {reasonRows.length ? (
            <div className="table-scroll">
              <table className="chart-table" aria-label={t('reports.why')}>
                <thead>
                  <tr>
                    <th scope="col">{t('reports.reason')}</th>
                    {months.map((m) => (
                      <th key={m} scope="col">
                        {monthName(m)}
                      </th>
                    ))}
                    <th scope="col">{t('reports.all')}</th>
                  </tr>
                </thead>
                <tbody>
                  {reasonRows.map((r) => (
                    <tr key={r}>
                      <th scope="row">{t(`reason.${r}`)}</th>
                      {months.map((m) => (
                        <td key={m}>{f.number(count(r, m))}</td>
                      ))}
                      <td>{f.number(count(r))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>{t('reports.none')}</p>
          )}

          <h3>{t('reports.winback')}</h3>
          <p>
            {t('reports.winbackSummary', {
              won: f.number(data.winback.won),
              closed: f.number(data.winback.closed),
              rate: p(data.winback.closed ? data.winback.won / data.winback.closed : null),
              value: f.money(data.winback.recovered_minor),
              days: data.winback.median_days_to_win === null ? '—' : f.number(Math.round(data.winback.median_days_to_win)),
            })}
          </p>
          {data.winback.closed ? (
            <table className="chart-table" aria-label={t('reports.winback')}>
              <thead>
                <tr>
                  <th scope="col">
                    {t('reports.byTier')} / {t('reports.byReason')}
                  </th>
                  <th scope="col">{t('reports.cases')}</th>
                  <th scope="col">{t('reports.won')}</th>
                  <th scope="col">{t('reports.rate')}</th>
                  <th scope="col">{t('reports.recovered')}</th>
                </tr>
              </thead>
              <tbody>
                {[
                  ...data.winback.byTier.map((r) => ({ ...r, label: t(`tier.${r.tier}`) })),
                  ...data.winback.byReason.map((r) => ({ ...r, label: t(`reason.${r.reason}`) })),
                  ...(data.winback.reached.cases ? [{ ...data.winback.reached, label: t('reach.insights.reached') }] : []),
                ].map((r) => (
                  <tr key={r.label}>
                    <th scope="row">{r.label}</th>
                    <td>{f.number(r.cases)}</td>
                    <td>{f.number(r.won)}</td>
                    <td>{p(r.rate)}</td>
                    <td>{f.money(r.recovered_minor)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}

          <h3>{t('reports.complaints')}</h3>
          <p>
            {t('reports.complaintsSummary', {
              total: f.number(data.complaints.total),
              resolved: f.number(data.complaints.resolved),
              within: withinDays(data.complaints.median_days_to_resolve),
              followed: f.number(data.complaints.followed_up),
              satisfied: f.number(data.complaints.satisfied),
              notSatisfied: f.number(data.complaints.not_satisfied),
              unreachable: f.number(data.complaints.unreachable),
            })}
          </p>
        </>
      ) : null}

      <h3>{t('reports.churn')}</h3>
      <DateField label={t('reports.changeOn')} value={changeOn} onChange={setChangeOn} />
      {data?.churn ? (
        <p>
          {t('reports.churnSummary', {
            monthsBefore: f.number(data.churn.before.months),
            monthsAfter: f.number(data.churn.after.months),
            before: p(data.churn.before.rate),
            lostBefore: f.number(data.churn.before.lost),
            activeBefore: f.number(data.churn.before.active),
            after: p(data.churn.after.rate),
            lostAfter: f.number(data.churn.after.lost),
            activeAfter: f.number(data.churn.after.active),
          })}
        </p>
      ) : data ? (
        <p className="muted">{t('reports.churnNone')}</p>
      ) : null}

      <h3>{t('reports.campaigns')}</h3>
      {campaigns.length ? (
        <table className="chart-table" aria-label={t('reports.campaigns')}>
          <thead>
            <tr>
              <th scope="col">{t('reports.campaign')}</th>
              <th scope="col">{t('reports.exported')}</th>
              <th scope="col">{t('reports.back30')}</th>
              <th scope="col">{t('reports.back90')}</th>
            </tr>
          </thead>
          <tbody>
            {campaigns.map((c) => (
              <tr key={c.campaign.id}>
                <th scope="row">
                  {f.day(c.campaign.businessDate)} ·{' '}
                  {segmentWithParams(t, c.campaign.segment, c.campaign.segmentParams, status.staff)}
                </th>
                <td>{f.number(c.campaign.exported)}</td>
                <td>
                  {f.number(c.returned.d30)} ({p(c.campaign.exported ? c.returned.d30 / c.campaign.exported : null)})
                </td>
                <td>
                  {f.number(c.returned.d90)} ({p(c.campaign.exported ? c.returned.d90 / c.campaign.exported : null)})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{t('reports.none')}</p>
      )}
    </section>
  );
}

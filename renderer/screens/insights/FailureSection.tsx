import { useMemo } from 'react';
import type { FailureGroup, InsightsFailure } from '../../../shared/schemas/insights';
import type { BaseKey } from '../../../shared/i18n';
import { useCall } from '../../api/useCall';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { barAndLineConfig, ChartFigure, PALETTE } from '../../components/Chart';
import { errorText } from '../../components/errors';
import { useChartFormat } from './chartFormat';
import { ACTIVE_MONTHS } from '../../../shared/domain/activity';

/**
 * Failure analysis: churn with the value it takes each month, and where customers are lost — by
 * tier, by the staff member who looks after them, by the category they buy most. Loaded after the
 * overview (it reads every customer's months and items).
 */
export function FailureSection({ asOf }: { asOf: string }) {
  const { t } = useT();
  const { data, error, loading } = useCall('insights.failure', { asOf });
  if (error)
    return (
      <p role="alert" className="error">
        {errorText(t, error)}
      </p>
    );
  if (!data || loading) return <p aria-live="polite">{t('insights.loading')}</p>;
  return <Failure data={data} />;
}

function Failure({ data }: { data: InsightsFailure }) {
  const { t, locale } = useT();
  const f = useFormat();
  const c = useChartFormat(locale);
  const label = (m: InsightsFailure['months'][number]) =>
    m.partial ? t('insights.partial', { month: c.month(m.month) }) : c.month(m.month);
  const complete = data.months.filter((m) => !m.partial);
  const latest = complete[complete.length - 1] ?? data.months[data.months.length - 1]!;
  const config = useMemo(
    () =>
      barAndLineConfig({
        labels: data.months.map(label),
        bar: {
          label: t('insights.failure.valueLost'),
          data: data.months.map((m) => m.value_lost_minor / 100),
          color: PALETTE.orange,
          axis: `${t('insights.failure.valueLost')} (${f.currency})`,
        },
        line: {
          label: t('insights.active.churn'),
          data: data.months.map((m) => (m.churn_rate === null ? null : m.churn_rate * 100)),
          // churn is red in every chart (the active customers' chart above too)
          color: PALETTE.red,
          axis: t('insights.active.churn') + ' %',
        },
      }),
    // labels follow data and locale
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, locale],
  );
  const period = data.from && data.to ? t('insights.failure.period', { from: c.month(data.from), to: c.month(data.to) }) : '';
  return (
    <section className="chart-wide failure" aria-labelledby="insights-failure">
      <h2 id="insights-failure">{t('insights.failure.title')}</h2>
      <p className="muted">{t('insights.failure.hint')}</p>
      <p className="muted">{t('insights.lostNotStatus', { n: ACTIVE_MONTHS })}</p>
      <ChartFigure
        title={t('insights.failure.chartTitle')}
        summary={t('insights.failure.summary', {
          month: label(latest),
          count: latest.lost,
          lost: c.num(latest.lost),
          churn: c.pct(latest.churn_rate),
          value: f.money(latest.value_lost_minor),
        })}
        config={config}
        table={{
          head: [
            t('insights.month'),
            t('insights.active.churn'),
            t('insights.failure.lost', { n: ACTIVE_MONTHS }),
            t('insights.failure.valueLost'),
          ],
          rows: data.months.map((m) => [label(m), c.pct(m.churn_rate), c.num(m.lost), f.money(m.value_lost_minor)]),
        }}
      />
      <div className="failure-groups">
        <GroupTable
          title={t('insights.failure.byTier')}
          period={period}
          rows={data.by_tier}
          name={(g) => t(`tier.${g.key}` as BaseKey)}
        />
        <GroupTable
          title={t('insights.failure.byStaff')}
          period={period}
          rows={data.by_staff}
          name={(g) => g.name ?? t('insights.failure.noStaff')}
        />
        <GroupTable
          title={t('insights.failure.byCategory')}
          period={period}
          rows={data.by_category}
          name={(g) => g.key || t('insights.failure.noCategory')}
        />
      </div>
    </section>
  );
}

function GroupTable({
  title,
  period,
  rows,
  name,
}: {
  title: string;
  period: string;
  rows: FailureGroup[];
  name: (g: FailureGroup) => string;
}) {
  const { t, locale } = useT();
  const f = useFormat();
  const c = useChartFormat(locale);
  const shown = rows.filter((g) => g.active > 0);
  // the highest churn among groups big enough to matter
  const worst = shown.filter((g) => g.active >= 20).sort((a, b) => (b.churn_rate ?? 0) - (a.churn_rate ?? 0))[0];
  return (
    <div className="table-scroll">
      <table>
        <caption>
          {title}
          {period ? <span className="muted"> · {period}</span> : null}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('insights.failure.group')}</th>
            <th scope="col">{t('insights.active.churn')}</th>
            <th scope="col">{t('insights.failure.lost', { n: ACTIVE_MONTHS })}</th>
            <th scope="col">{t('insights.failure.valueLost')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((g) => (
            <tr key={g.key ?? ''} className={g === worst ? 'worst' : undefined}>
              <th scope="row">
                {name(g)}
                {g === worst ? <span className="badge">{t('insights.failure.highest')}</span> : null}
              </th>
              <td className="num">{c.pct(g.churn_rate)}</td>
              <td className="num">{c.num(g.lost)}</td>
              <td className="num">{f.money(g.value_lost_minor)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import { useMemo, useState } from 'react';
import type { ChartConfiguration } from 'chart.js';
import type { InsightsChecks, InsightsMonth, InsightsOverview } from '../../../shared/schemas/insights';
import { useCall } from '../../api/useCall';
import { LoadStatus } from '../../components/LoadStatus';
import { asOfFor, MonthPicker } from '../../components/MonthPicker';
import { useT } from '../../app/i18n';
import { useShop } from '../../app/shop';
import { useFormat } from '../../app/format';
import { barAndLineConfig, ChartFigure, PALETTE } from '../../components/Chart';
import { ReportsSection } from './ReportsSection';
import { FailureSection } from './FailureSection';
import { OffersSection } from './OffersSection';
import { SalesSection } from './SalesSection';
import { CohortsSection } from './CohortsSection';
import { ModelCheck } from './ModelCheck';
import { useChartFormat } from './chartFormat';

type Fmt = ReturnType<typeof useFormat>;

/** Insights: how many customers the shop keeps, who brings the revenue, and whether its model can be trusted. */
export function InsightsScreen() {
  const { t } = useT();
  const f = useFormat();
  const { status } = useShop();
  const [month, setMonth] = useState(status.today.slice(0, 7));
  const asOf = /^\d{4}-\d{2}$/.test(month) ? asOfFor(month, status.today) : null;
  // The newest month wins: a slow answer for a month chosen earlier never replaces this one's.
  const overview = useCall('insights.overview', asOf ? { asOf } : null);
  const checks = useCall('insights.checks', asOf ? { asOf } : null);
  const data = overview.data;

  return (
    <div className="insights-screen">
      <h1>{t('insights.title')}</h1>
      <div className="row no-print">
        <MonthPicker id="insights-month" label={t('insights.asOf')} month={month} today={status.today} onChange={setMonth} />
        {data ? <p className="muted">{t('insights.computedAt', { time: f.dateTime(data.computedAt) })}</p> : null}
      </div>
      <LoadStatus state={overview} />
      {data && !data.months.some((m) => m.sales > 0) ? <p>{t('insights.empty')}</p> : null}
      {data && data.months.some((m) => m.sales > 0) ? (
        <div className={overview.stale ? 'stale' : undefined} aria-busy={overview.stale}>
          <Dashboard data={data} checks={checks.loading ? null : (checks.data ?? null)} f={f} />
        </div>
      ) : null}
    </div>
  );
}

function Dashboard({ data, checks, f }: { data: InsightsOverview; checks: InsightsChecks | null; f: Fmt }) {
  const { t, locale } = useT();
  const c = useChartFormat(locale);
  const label = (m: InsightsMonth) => (m.partial ? t('insights.partial', { month: c.month(m.month) }) : c.month(m.month));
  const labels = data.months.map(label);
  const complete = data.months.filter((m) => !m.partial);
  const latest = complete[complete.length - 1] ?? data.months[data.months.length - 1]!;
  const markerLabels = data.priceChanges
    .map((p) => data.months.find((m) => m.month === p.date.slice(0, 7)))
    .filter((m): m is InsightsMonth => !!m)
    .map(label);

  const activeConfig = useMemo(
    () =>
      barAndLineConfig({
        labels,
        bar: {
          label: t('insights.active.activeStart'),
          data: data.months.map((m) => m.active_start),
          color: PALETTE.blue,
          axis: t('insights.active.activeStart'),
        },
        line: {
          label: t('insights.active.churn'),
          data: data.months.map((m) => (m.churn_rate === null ? null : m.churn_rate * 100)),
          color: PALETTE.red,
          axis: t('insights.active.churn') + ' %',
        },
      }),
    // labels follow data and locale
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, locale],
  );

  const buyersConfig = useMemo(
    (): ChartConfiguration => ({
      type: 'bar',
      data: {
        labels,
        datasets: [
          { label: t('insights.buyers.new'), data: data.months.map((m) => m.new_customers), backgroundColor: PALETTE.orange },
          {
            label: t('insights.buyers.returning'),
            data: data.months.map((m) => m.returning_customers),
            backgroundColor: PALETTE.blue,
          },
        ],
      },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, locale],
  );

  const paretoConfig = useMemo(
    (): ChartConfiguration => ({
      type: 'line',
      data: {
        labels: data.pareto.points.map((p) => c.pct(p.customers_share)),
        datasets: [
          {
            label: t('insights.pareto.revenue'),
            data: data.pareto.points.map((p) => p.revenue_share * 100),
            borderColor: PALETTE.green,
            backgroundColor: 'rgba(21, 128, 61, 0.15)',
            fill: true,
          },
        ],
      },
      options: {
        plugins: { legend: { display: false } },
        scales: {
          x: { title: { display: true, text: t('insights.pareto.customers') } },
          y: { min: 0, max: 100, title: { display: true, text: t('insights.pareto.revenue') + ' %' } },
        },
      },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, locale],
  );

  const tierTotal = data.tiers.reduce((s, x) => s + x.value_12m_minor, 0);
  const tiersConfig = useMemo(
    (): ChartConfiguration => ({
      type: 'bar',
      data: {
        labels: data.tiers.map((x) => t(`tier.${x.tier}`)),
        datasets: [
          {
            label: t('insights.tiers.customers'),
            data: data.tiers.map((x) => x.customers),
            backgroundColor: PALETTE.blue,
            yAxisID: 'y',
          },
          {
            label: t('insights.tiers.value') + ' %',
            data: data.tiers.map((x) => (tierTotal ? (x.value_12m_minor / tierTotal) * 100 : 0)),
            backgroundColor: PALETTE.orange,
            yAxisID: 'y1',
          },
        ],
      },
      options: {
        scales: {
          y: { beginAtZero: true, title: { display: true, text: t('insights.tiers.customers') } },
          y1: {
            position: 'right',
            min: 0,
            max: 100,
            grid: { drawOnChartArea: false },
            title: { display: true, text: t('insights.tiers.value') + ' %' },
          },
        },
      },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, locale],
  );

  const key = data.tiers.find((x) => x.tier === 'key');
  const monthRows = (pick: (m: InsightsMonth) => (string | number)[]) => data.months.map((m) => [label(m), ...pick(m)]);

  return (
    <div className="chart-grid">
      <ChartFigure
        title={t('insights.active.title')}
        summary={t('insights.active.summary', {
          month: label(latest),
          active: c.num(latest.active_start),
          lost: c.num(latest.lost),
          churn: c.pct(latest.churn_rate),
          retention: c.pct(latest.retention_rate),
        })}
        config={activeConfig}
        table={{
          head: [
            t('insights.month'),
            t('insights.active.activeStart'),
            t('insights.active.lost', { n: data.activeMonths }),
            t('insights.active.churn'),
            t('insights.active.retention'),
          ],
          rows: monthRows((m) => [c.num(m.active_start), c.num(m.lost), c.pct(m.churn_rate), c.pct(m.retention_rate)]),
        }}
      >
        <p className="muted definition">{t('insights.active.definition', { n: data.activeMonths, m: data.activeMonths - 1 })}</p>
        <p className="muted definition">{t('insights.lostNotStatus', { n: data.activeMonths })}</p>
      </ChartFigure>

      <ChartFigure
        title={t('insights.buyers.title')}
        summary={t('insights.buyers.summary', {
          month: label(latest),
          new: c.num(latest.new_customers),
          returning: c.num(latest.returning_customers),
          rate: c.pct(latest.repeat_rate),
        })}
        config={buyersConfig}
        table={{
          head: [t('insights.month'), t('insights.buyers.new'), t('insights.buyers.returning'), t('insights.buyers.repeatRate')],
          rows: monthRows((m) => [c.num(m.new_customers), c.num(m.returning_customers), c.pct(m.repeat_rate)]),
        }}
      />

      <FailureSection asOf={data.asOf} />

      <OffersSection />

      <SalesSection data={data} label={label} latest={latest} markerLabels={markerLabels} />

      <ChartFigure
        title={t('insights.pareto.title')}
        summary={t('insights.pareto.summary', {
          share: c.pct(data.pareto.top20_share),
          count: data.pareto.customers,
          n: c.num(data.pareto.customers),
        })}
        config={paretoConfig}
        table={{
          head: [t('insights.pareto.customers'), t('insights.pareto.revenue')],
          rows: data.pareto.points.filter((_, i) => i % 2 === 0).map((p) => [c.pct(p.customers_share), c.pct(p.revenue_share)]),
        }}
      />

      <ChartFigure
        title={t('insights.tiers.title')}
        summary={t('insights.tiers.summary', {
          keyCustomers: c.num(key?.customers ?? 0),
          keyShare: c.pct(tierTotal ? (key?.value_12m_minor ?? 0) / tierTotal : 0),
        })}
        config={tiersConfig}
        table={{
          head: [t('insights.tiers.tier'), t('insights.tiers.customers'), t('insights.tiers.value')],
          rows: data.tiers.map((x) => [t(`tier.${x.tier}`), c.num(x.customers), f.money(x.value_12m_minor)]),
        }}
      />

      <CohortsSection cohorts={data.cohorts} asOf={data.asOf} />

      {checks ? <ModelCheck checks={checks} /> : <p aria-live="polite">{t('insights.loading')}</p>}
      <ReportsSection defaultChange={data.priceChanges.at(-1)?.date ?? `${complete.at(-4)?.month ?? latest.month}-01`} />
    </div>
  );
}

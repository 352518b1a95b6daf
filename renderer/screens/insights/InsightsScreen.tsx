import { useMemo, useState } from 'react';
import type { ChartConfiguration } from 'chart.js';
import type { InsightsChecks, InsightsMonth, InsightsOverview } from '../../../shared/schemas/insights';
import { useCall } from '../../api/useCall';
import { LoadStatus } from '../../components/LoadStatus';
import { asOfFor, MonthPicker } from '../../components/MonthPicker';
import { useT } from '../../app/i18n';
import { useShop } from '../../app/shop';
import { useFormat } from '../../app/format';
import { barAndLineConfig, ChartFigure, markerPlugin, PALETTE } from '../../components/Chart';
import { ReportsSection } from './ReportsSection';
import { PriceChangesPanel } from './PriceChangesPanel';
import { FailureSection } from './FailureSection';
import { OffersSection } from './OffersSection';
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
  const yearBefore = data.months.find((m) => m.month === `${Number(latest.month.slice(0, 4)) - 1}${latest.month.slice(4)}`);
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

  const lineOf = (key: 'revenue_minor' | 'units' | 'buyers', name: string, color: string): ChartConfiguration => ({
    type: 'line',
    data: {
      labels,
      datasets: [
        {
          label: name,
          data: data.months.map((m) => (key === 'revenue_minor' ? m[key] / 100 : m[key])),
          borderColor: color,
          backgroundColor: color,
        },
      ],
    },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
    plugins: [markerPlugin(markerLabels)],
  });
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const revenueConfig = useMemo(() => lineOf('revenue_minor', t('insights.sales.revenue'), PALETTE.green), [data, locale]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const unitsConfig = useMemo(() => lineOf('units', t('insights.sales.units'), PALETTE.purple), [data, locale]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const salesBuyersConfig = useMemo(() => lineOf('buyers', t('insights.sales.buyers'), PALETTE.blue), [data, locale]);

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

  const holdout = checks?.holdout ?? null;
  const modelConfig = useMemo(
    (): ChartConfiguration | null =>
      holdout && {
        type: 'line',
        data: {
          labels: holdout.series.map((p) => f.day(p.date)),
          datasets: [
            {
              label: t('insights.model.expected'),
              data: holdout.series.map((p) => p.expected),
              borderColor: PALETTE.grey,
              backgroundColor: PALETTE.grey,
              borderDash: [6, 4],
            },
            {
              label: t('insights.model.actual'),
              data: holdout.series.map((p) => p.actual),
              borderColor: PALETTE.blue,
              backgroundColor: PALETTE.blue,
            },
          ],
        },
        options: { scales: { y: { beginAtZero: true } } },
      },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [checks, locale],
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
            t('insights.active.lost'),
            t('insights.active.churn'),
            t('insights.active.retention'),
          ],
          rows: monthRows((m) => [c.num(m.active_start), c.num(m.lost), c.pct(m.churn_rate), c.pct(m.retention_rate)]),
        }}
      >
        <p className="muted definition">{t('insights.active.definition', { n: data.activeMonths, m: data.activeMonths - 1 })}</p>
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

      <section className="chart-wide" aria-labelledby="insights-sales">
        <h2 id="insights-sales">{t('insights.sales.title')}</h2>
        <p className="muted">{t('insights.sales.hint')}</p>
        <p>
          {yearBefore
            ? t('insights.sales.summary', {
                month: label(latest),
                revenue: c.change(latest.revenue_minor, yearBefore.revenue_minor),
                units: c.change(latest.units, yearBefore.units),
                buyers: c.change(latest.buyers, yearBefore.buyers),
              })
            : t('insights.sales.summaryShort', {
                month: label(latest),
                revenue: f.money(latest.revenue_minor),
                units: c.num(latest.units),
                buyers: c.num(latest.buyers),
              })}
        </p>
        <div className="chart-row">
          <ChartFigure
            title={t('insights.sales.revenue')}
            summary={t('insights.sales.summaryShort', {
              month: label(latest),
              revenue: f.money(latest.revenue_minor),
              units: c.num(latest.units),
              buyers: c.num(latest.buyers),
            })}
            config={revenueConfig}
            height={180}
            table={{
              head: [t('insights.month'), t('insights.sales.revenue')],
              rows: monthRows((m) => [f.money(m.revenue_minor)]),
            }}
          />
          <ChartFigure
            title={t('insights.sales.units')}
            summary={t('insights.sales.summaryShort', {
              month: label(latest),
              revenue: f.money(latest.revenue_minor),
              units: c.num(latest.units),
              buyers: c.num(latest.buyers),
            })}
            config={unitsConfig}
            height={180}
            table={{ head: [t('insights.month'), t('insights.sales.units')], rows: monthRows((m) => [c.num(m.units)]) }}
          />
          <ChartFigure
            title={t('insights.sales.buyers')}
            summary={t('insights.sales.summaryShort', {
              month: label(latest),
              revenue: f.money(latest.revenue_minor),
              units: c.num(latest.units),
              buyers: c.num(latest.buyers),
            })}
            config={salesBuyersConfig}
            height={180}
            table={{ head: [t('insights.month'), t('insights.sales.buyers')], rows: monthRows((m) => [c.num(m.buyers)]) }}
          />
        </div>
        <h3>{t('insights.sales.priceChanges')}</h3>
        <PriceChangesPanel asOf={data.asOf} />
      </section>

      <ChartFigure
        title={t('insights.pareto.title')}
        summary={t('insights.pareto.summary', { share: c.pct(data.pareto.top20_share), n: c.num(data.pareto.customers) })}
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

      <section className="chart-wide" aria-labelledby="insights-cohorts">
        <h2 id="insights-cohorts">{t('insights.cohorts.title')}</h2>
        <p className="muted">{t('insights.cohorts.hint')}</p>
        <div className="table-scroll">
          <table className="cohorts">
            <thead>
              <tr>
                <th scope="col">{t('insights.cohorts.cohort')}</th>
                <th scope="col">{t('insights.cohorts.size')}</th>
                {Array.from({ length: 12 }, (_, k) => (
                  <th key={k} scope="col">
                    {t('insights.cohorts.after', { n: k + 1 })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.cohorts.map((row) => (
                <tr key={row.month}>
                  <th scope="row">{c.month(row.month)}</th>
                  <td>{c.num(row.size)}</td>
                  {row.retention.map((r, k) => (
                    <td
                      key={k}
                      className="heat"
                      style={
                        r === null ? undefined : { backgroundColor: `rgba(37, 99, 235, ${Math.min(0.4, r * 0.8).toFixed(2)})` }
                      }
                    >
                      {r === null ? '' : c.pct(r)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {checks ? <ModelCheck checks={checks} config={modelConfig} f={f} /> : <p aria-live="polite">{t('insights.loading')}</p>}
      <ReportsSection defaultChange={data.priceChanges.at(-1)?.date ?? `${complete.at(-4)?.month ?? latest.month}-01`} />
    </div>
  );
}

function ModelCheck({ checks, config, f }: { checks: InsightsChecks; config: ChartConfiguration | null; f: Fmt }) {
  const { t, locale } = useT();
  const c = useChartFormat(locale);
  const h = checks.holdout;
  const list =
    checks.list.flagged > 0
      ? t('insights.list.summary', {
          date: f.day(checks.list.asOf),
          stayed: c.num(checks.list.stayedAway),
          flagged: c.num(checks.list.flagged),
        })
      : t('insights.list.none', { date: f.day(checks.list.asOf) });
  if (!h || !config)
    return (
      <section className="chart-card" aria-labelledby="insights-model">
        <h2 id="insights-model">{t('insights.model.title')}</h2>
        <p>{t('insights.model.none')}</p>
        <p>{list}</p>
      </section>
    );
  return (
    <ChartFigure
      title={t('insights.model.title')}
      summary={t('insights.model.summary', {
        cal: f.day(h.calibration_end),
        end: f.day(h.end),
        customers: c.num(h.customers),
        expected: c.num(h.expected_repeat_visits),
        actual: c.num(h.actual_repeat_visits),
        diff: c.change(h.actual_repeat_visits, h.expected_repeat_visits),
      })}
      config={config}
      table={{
        head: [t('insights.model.date'), t('insights.model.expected'), t('insights.model.actual')],
        rows: h.series.map((p) => [f.day(p.date), c.num(p.expected), c.num(p.actual)]),
      }}
    >
      {h.source === 'prior' ? <p className="muted">{t('insights.model.prior')}</p> : null}
      <p>{list}</p>
    </ChartFigure>
  );
}

import { useMemo } from 'react';
import type { ChartConfiguration } from 'chart.js';
import type { InsightsMonth, InsightsOverview } from '../../../shared/schemas/insights';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { ChartFigure, markerPlugin, PALETTE } from '../../components/Chart';
import { PriceChangesPanel } from './PriceChangesPanel';
import { useChartFormat } from './chartFormat';

/** Insights' sales: revenue, units and buyers month by month against the year before, with the price changes marked. */
export function SalesSection({
  data,
  label,
  latest,
  markerLabels,
}: {
  data: InsightsOverview;
  label: (m: InsightsMonth) => string;
  latest: InsightsMonth;
  markerLabels: string[];
}) {
  const { t, locale } = useT();
  const f = useFormat();
  const c = useChartFormat(locale);
  const labels = data.months.map(label);
  const yearBefore = data.months.find((m) => m.month === `${Number(latest.month.slice(0, 4)) - 1}${latest.month.slice(4)}`);

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
  const buyersConfig = useMemo(() => lineOf('buyers', t('insights.sales.buyers'), PALETTE.blue), [data, locale]);

  const charts = [
    { title: t('insights.sales.revenue'), config: revenueConfig, cell: (m: InsightsMonth) => f.money(m.revenue_minor) },
    { title: t('insights.sales.units'), config: unitsConfig, cell: (m: InsightsMonth) => c.num(m.units) },
    { title: t('insights.sales.buyers'), config: buyersConfig, cell: (m: InsightsMonth) => c.num(m.buyers) },
  ];
  const short = t('insights.sales.summaryShort', {
    month: label(latest),
    revenue: f.money(latest.revenue_minor),
    units: c.num(latest.units),
    buyers: c.num(latest.buyers),
  });
  return (
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
          : short}
      </p>
      <div className="chart-row">
        {charts.map((x) => (
          <ChartFigure
            key={x.title}
            title={x.title}
            summary={short}
            config={x.config}
            height={180}
            table={{ head: [t('insights.month'), x.title], rows: data.months.map((m) => [label(m), x.cell(m)]) }}
          />
        ))}
      </div>
      <h3>{t('insights.sales.priceChanges')}</h3>
      <PriceChangesPanel asOf={data.asOf} />
    </section>
  );
}

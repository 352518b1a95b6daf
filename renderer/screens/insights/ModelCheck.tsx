import { useMemo } from 'react';
import type { ChartConfiguration } from 'chart.js';
import type { InsightsChecks } from '../../../shared/schemas/insights';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { ChartFigure, PALETTE } from '../../components/Chart';
import { useChartFormat } from './chartFormat';

/** Insights' model check: the repeat visits the model expected in the held-out months against those that came, and how the lapsed list did. */
export function ModelCheck({ checks }: { checks: InsightsChecks }) {
  const { t, locale } = useT();
  const f = useFormat();
  const c = useChartFormat(locale);
  const h = checks.holdout;
  const config = useMemo(
    (): ChartConfiguration | null =>
      h && {
        type: 'line',
        data: {
          labels: h.series.map((p) => f.day(p.date)),
          datasets: [
            {
              label: t('insights.model.expected'),
              data: h.series.map((p) => p.expected),
              borderColor: PALETTE.grey,
              backgroundColor: PALETTE.grey,
              borderDash: [6, 4],
            },
            {
              label: t('insights.model.actual'),
              data: h.series.map((p) => p.actual),
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

import type { InsightsOverview } from '../../../shared/schemas/insights';
import { useT } from '../../app/i18n';
import { useChartFormat } from './chartFormat';

/** Insights' cohorts: of the customers whose first visit fell in a month, the share back in each of the next twelve. */
export function CohortsSection({ cohorts }: { cohorts: InsightsOverview['cohorts'] }) {
  const { t, locale } = useT();
  const c = useChartFormat(locale);
  return (
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
            {cohorts.map((row) => (
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
  );
}

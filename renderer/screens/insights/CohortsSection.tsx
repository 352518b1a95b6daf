import type { InsightsOverview } from '../../../shared/schemas/insights';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { useChartFormat } from './chartFormat';

const NOTE_ID = 'insights-cohorts-partial';

/**
 * Insights' cohorts: of the customers whose first visit fell in a month, the share back in each of
 * the next twelve. A month not over yet (the as-of date inside it) is marked where it shows: its
 * cohort's row and the newest figure of each older cohort count only to that date, so their lower
 * numbers are not read as a drop.
 */
export function CohortsSection({ cohorts, asOf }: { cohorts: InsightsOverview['cohorts']; asOf: string }) {
  const { t, locale } = useT();
  const c = useChartFormat(locale);
  const f = useFormat();
  const partial = cohorts.find((row) => row.partial);
  return (
    <section className="chart-wide" aria-labelledby="insights-cohorts">
      <h2 id="insights-cohorts">{t('insights.cohorts.title')}</h2>
      <p className="muted">{t('insights.cohorts.hint')}</p>
      <div className="table-scroll">
        <table className="cohorts" aria-describedby={partial ? NOTE_ID : undefined}>
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
              <tr key={row.month} className={row.partial ? 'partial' : undefined}>
                <th scope="row">{row.partial ? t('insights.partial', { month: c.month(row.month) }) : c.month(row.month)}</th>
                <td>{c.num(row.size)}</td>
                {row.retention.map((r, k) => {
                  const toDate = k === row.partial_index;
                  return (
                    <td
                      key={k}
                      className={toDate ? 'heat partial' : 'heat'}
                      style={
                        r === null ? undefined : { backgroundColor: `rgba(37, 99, 235, ${Math.min(0.4, r * 0.8).toFixed(2)})` }
                      }
                    >
                      {r === null ? '' : toDate ? t('insights.cohorts.partialCell', { value: c.pct(r) }) : c.pct(r)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {partial ? (
        <p id={NOTE_ID} className="muted">
          {t('insights.cohorts.partialNote', { month: c.month(partial.month), date: f.day(asOf) })}
        </p>
      ) : null}
    </section>
  );
}

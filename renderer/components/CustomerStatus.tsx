import type { CustomerInsight } from '../../shared/schemas/lapsed';
import { newcomerReturnShare, predictionNote } from '../../shared/domain/evidence';
import { useCall } from '../api/useCall';
import { useT } from '../app/i18n';
import { useFormat } from '../app/format';
import { joinReasons, nextStep, pct, reasonWords } from '../screens/lapsed/reasons';

/** Status, tier, P(alive) and price sensitivity with their reasons, for the counter and the customer page. */
export function CustomerStatus({ customerId }: { customerId: number }) {
  const { t, locale } = useT();
  const f = useFormat();
  const insight = useCall('customers.insight', { id: customerId });
  const row: CustomerInsight | null = insight.loading ? null : (insight.data ?? null);
  if (!row) return null;
  const note = predictionNote(row);
  const share = row.newcomers ? newcomerReturnShare(row.newcomers) : null;
  const newcomers =
    share === null || !row.newcomers
      ? t('lapsed.newcomersFew')
      : t('lapsed.newcomers', {
          pct: new Intl.NumberFormat(locale, { style: 'percent' }).format(share),
          back: f.number(row.newcomers.returned_90d),
          n: f.number(row.newcomers.customers),
        });
  const words = reasonWords(t, f, locale, row);
  return (
    <div className={`customer-status status-${row.status}`} role="group" aria-label={t('lapsed.status')}>
      {row.let_go ? (
        // let go on a win-back case: never flagged again, and not "active" either
        <span className="badge">{t('winback.status.let_go')}</span>
      ) : (
        <span className={`badge status-badge-${row.status}`}>{t(`lapsed.status.${row.status}`)}</span>
      )}{' '}
      <span className={`tier tier-${row.tier}`}>{t(`tier.${row.tier}`)}</span>{' '}
      {note === 'new' ? (
        // One visit: the model's P(alive) 100% and the average customer's value say nothing yet.
        <span className="muted">{t('lapsed.newCustomer')}</span>
      ) : (
        <>
          <span className="muted">
            {t('lapsed.col.alive')}: {pct(row.p_alive, locale)}
          </span>
          <span className="muted">
            {' · '}
            {t('lapsed.expectedValue', { value: f.money(row.expected_value_12m_minor) })}
            {note
              ? ` (${t(`lapsed.expectedWhy.${note}`, { spent: f.money(row.value_12m_minor), visits: f.number(row.visits) })})`
              : null}
          </span>
        </>
      )}
      <span className="muted">
        {' · '}
        {t('lapsed.priceScore', { score: row.price_sensitivity })}
      </span>{' '}
      {row.price_sensitive ? <span className="tag">{t('lapsed.priceMark')}</span> : null}
      {row.let_go ? (
        <p className="status-why">
          {row.let_go_criterion
            ? t('winback.lettingGo', { criterion: t(`winback.criterion.${row.let_go_criterion}`) })
            : t('lapsed.letGoNoReason')}
        </p>
      ) : null}
      {words.length ? <p className="status-why">{joinReasons(t, words)}</p> : null}
      {note === 'new' ? <p className="status-newcomers">{newcomers}</p> : null}
      {row.status !== 'active' ? <p className="status-next">{nextStep(t, row)}</p> : null}
    </div>
  );
}

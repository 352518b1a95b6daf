import type { Customer } from '../../../shared/schemas/customer';
import { CHANNELS } from '../../../shared/schemas/common';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { href } from '../../app/router';
import { CustomerStatus } from '../../components/CustomerStatus';
import { CareActions } from '../care/CareActions';

/** What helps at the counter about the picked customer. */
export function CustomerCard({ customer, onClear }: { customer: Customer; onClear(): void }) {
  const { t } = useT();
  const f = useFormat();
  const s = customer.stats;
  const consents = CHANNELS.filter((ch) => customer.consents[ch].granted);
  const daysSince = s.lastVisitAt ? f.daysSince(s.lastVisitAt) : null;
  return (
    <section className="panel customer-card" aria-label={t('counter.picked')}>
      <div className="card-head">
        <h2>
          <a href={href(`/customers/${customer.id}`)} title={t('counter.openCustomer')}>
            {customer.name}
          </a>
        </h2>
        <span className="muted">{f.phone(customer.phone)}</span>
        {customer.memberCode ? <span className="muted">#{customer.memberCode}</span> : null}
        <button type="button" className="secondary small" onClick={onClear}>
          {t('counter.clearCustomer')}
        </button>
      </div>
      <CustomerStatus customerId={customer.id} />
      <CareActions customerId={customer.id} name={customer.name} visits={s.visits} />
      <dl className="facts">
        <div>
          <dt>{t('counter.visits')}</dt>
          <dd>{f.number(s.visits)}</dd>
        </div>
        <div>
          <dt>{t('counter.totalSpent')}</dt>
          <dd>{f.money(s.totalMinor)}</dd>
        </div>
        <div>
          <dt>{t('counter.lastVisit')}</dt>
          <dd>
            {s.lastVisitAt ? f.date(s.lastVisitAt) : t('common.never')}
            {daysSince !== null && daysSince > 0 ? (
              <span className="muted"> ({t('common.daysAgo', { count: daysSince })})</span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t('counter.usualGap')}</dt>
          <dd>
            {s.usualGapDays !== null && s.visits > 1 ? t('common.everyNDays', { count: s.usualGapDays }) : t('common.none')}
          </dd>
        </div>
        <div>
          <dt>{t('counter.tags')}</dt>
          <dd>
            {customer.tags.length
              ? customer.tags.map((tag) => (
                  <span key={tag} className="tag">
                    {tag}
                  </span>
                ))
              : t('common.none')}
          </dd>
        </div>
        <div>
          <dt>{t('counter.consent')}</dt>
          <dd>{consents.length ? consents.map((ch) => t(`channel.${ch}`)).join(' · ') : t('counter.noConsent')}</dd>
        </div>
      </dl>
    </section>
  );
}

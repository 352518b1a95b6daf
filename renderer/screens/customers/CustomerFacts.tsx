import type { ReactNode } from 'react';
import type { Customer } from '../../../shared/schemas/customer';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Who the customer is: contact details, birthday, the staff member who looks after them. */
export function CustomerDetails({ customer }: { customer: Customer }) {
  const { t } = useT();
  const f = useFormat();
  const none = t('common.none');
  return (
    <section className="panel" aria-labelledby="cp-details-h">
      <h2 id="cp-details-h">{t('customers.details')}</h2>
      <dl className="facts">
        <Fact label={t('customers.phone')}>{customer.phone ? f.phone(customer.phone) : none}</Fact>
        <Fact label={t('customers.memberCode')}>{customer.memberCode ?? none}</Fact>
        <Fact label={t('customers.birthday')}>{customer.birthday ? f.day(customer.birthday) : none}</Fact>
        <Fact label={t('customers.staff')}>
          {customer.staffName === null
            ? none
            : customer.staffLeft
              ? t('customers.staffLeft', { name: customer.staffName })
              : customer.staffName}
        </Fact>
        <Fact label={t('customers.created')}>{f.date(customer.createdAt)}</Fact>
      </dl>
    </section>
  );
}

/** How often they come and what they spend, in plain words. */
export function CustomerTotals({ customer }: { customer: Customer }) {
  const { t } = useT();
  const f = useFormat();
  const s = customer.stats;
  const none = t('common.none');
  const daysSince = s.lastVisitAt ? f.daysSince(s.lastVisitAt) : null;
  return (
    <section className="panel" aria-labelledby="cp-totals-h">
      <h2 id="cp-totals-h">{t('customers.totals')}</h2>
      <dl className="facts">
        <Fact label={t('customers.visits')}>{f.number(s.visits)}</Fact>
        <Fact label={t('customers.totalSpent')}>{f.money(s.totalMinor)}</Fact>
        <Fact label={t('customers.average')}>{s.visits > 0 ? f.money(Math.round(s.totalMinor / s.visits)) : none}</Fact>
        <Fact label={t('customers.usualGap')}>
          {s.usualGapDays !== null && s.visits > 1 ? t('common.everyNDays', { count: s.usualGapDays }) : none}
        </Fact>
        <Fact label={t('customers.firstVisit')}>{s.firstVisitAt ? f.date(s.firstVisitAt) : t('common.never')}</Fact>
        <Fact label={t('customers.lastVisit')}>
          {s.lastVisitAt ? f.date(s.lastVisitAt) : t('common.never')}
          {daysSince !== null ? (
            <span className="muted fact-note">
              {daysSince === 0 ? t('common.today') : t('common.daysAgo', { count: daysSince })}
            </span>
          ) : null}
        </Fact>
      </dl>
    </section>
  );
}

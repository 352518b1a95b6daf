import type { Sale } from '../../../shared/schemas/sale';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { usePaymentName } from '../../components/names';
import { TIMELINE_LIMIT } from './useCustomerPage';

/** The customer's purchases, newest first; a voided sale stays in the list, struck through, with its reason. */
export function PurchaseTimeline({ sales }: { sales: Sale[] }) {
  const { t } = useT();
  const f = useFormat();
  const paymentName = usePaymentName();
  return (
    <section className="panel" aria-labelledby="cp-purchases-h">
      <h2 id="cp-purchases-h">{t('customers.purchases')}</h2>
      {sales.length === 0 ? (
        <p className="muted">{t('customers.noPurchases')}</p>
      ) : (
        <div className="table-scroll">
          <table className="timeline">
            <thead>
              <tr>
                <th scope="col">{t('customers.p.date')}</th>
                <th scope="col" className="num">
                  {t('customers.p.amount')}
                </th>
                <th scope="col" className="num">
                  {t('customers.p.items')}
                </th>
                <th scope="col">{t('customers.p.payment')}</th>
                <th scope="col">{t('customers.p.staff')}</th>
                <th scope="col">{t('customers.p.details')}</th>
              </tr>
            </thead>
            <tbody>
              {sales.map((s) => {
                const voided = s.voidedAt !== null;
                const struck = voided ? 'struck' : undefined;
                return (
                  <tr key={s.id} className={voided ? 'is-voided' : undefined}>
                    <td className={struck}>
                      {s.timeKnown ? (
                        <time dateTime={new Date(s.occurredAt).toISOString()}>{f.dateTime(s.occurredAt)}</time>
                      ) : (
                        // imported with a date only: the day, not the noon it is stored at
                        <time dateTime={s.businessDate}>{f.day(s.businessDate)}</time>
                      )}
                    </td>
                    <td className={voided ? 'num struck' : 'num'}>
                      {voided ? <del>{f.money(s.amountMinor)}</del> : f.money(s.amountMinor)}
                    </td>
                    <td className={voided ? 'num struck' : 'num'}>{f.number(s.items)}</td>
                    <td className={struck}>{s.paymentMethodName ? paymentName(s.paymentMethodId, s.paymentMethodName) : ''}</td>
                    <td className={struck}>{s.staffName ?? ''}</td>
                    <td className="details">
                      {voided ? (
                        <span className="badge void-badge">
                          {s.voidReason ? t('customers.voidedBecause', { reason: s.voidReason }) : t('customers.voided')}
                        </span>
                      ) : null}
                      {s.isPromotion || s.discountMinor > 0 ? (
                        <span className="badge promo-badge">
                          {s.discountMinor > 0
                            ? t('customers.discountOf', { amount: f.money(s.discountMinor) })
                            : t('customers.promotion')}
                        </span>
                      ) : null}
                      {s.lines?.length ? (
                        <span className="sale-lines-text">
                          {s.lines
                            .map((l) => t('customers.lineOf', { product: l.productName, quantity: f.number(l.quantity) }))
                            .join(t('customers.lineSeparator'))}
                        </span>
                      ) : null}
                      {s.note ? <span className="sale-note">{s.note}</span> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {sales.length >= TIMELINE_LIMIT ? (
            <p className="hint">{t('customers.latestOnly', { n: f.number(TIMELINE_LIMIT) })}</p>
          ) : null}
        </div>
      )}
    </section>
  );
}

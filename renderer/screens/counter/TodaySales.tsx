import { useState, type FormEvent } from 'react';
import type { Sale } from '../../../shared/schemas/sale';
import { useApi } from '../../api/context';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { href } from '../../app/router';
import { useRole } from '../../app/session';
import { TextField } from '../../components/Field';
import { fieldError } from '../../components/errors';
import { usePaymentName } from '../../components/names';

/** Today's last sales, each voidable with a reason (a void keeps who, when and why). */
export function TodaySales({ sales, onChanged }: { sales: Sale[]; onChanged(message: string): void }) {
  const { t } = useT();
  const f = useFormat();
  // a sale imported with a date only has no time to show (it is stored at noon of its day)
  const saleTime = (s: Sale) => (s.timeKnown ? f.time(s.occurredAt) : t('counter.timeUnknown'));
  const paymentName = usePaymentName();
  const [voiding, setVoiding] = useState<number | null>(null);
  // Voiding is the owner's: a cashier on another device sees the sales without the button (issue 18).
  const owner = useRole() === 'owner';
  return (
    <section className="panel today" aria-labelledby="today-sales-h">
      <h2 id="today-sales-h">{t('counter.todaySales')}</h2>
      {sales.length === 0 ? (
        <p className="muted">{t('counter.noSalesToday')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('counter.time')}</th>
              <th scope="col">{t('counter.customer')}</th>
              <th scope="col" className="num">
                {t('counter.amount')}
              </th>
              <th scope="col">{t('counter.payment')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('counter.void')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sales.map((s) => (
              <tr key={s.id} className={s.voidedAt ? 'voided' : undefined}>
                <td>{saleTime(s)}</td>
                <td>
                  {s.customerId ? (
                    <a className="sale-customer" href={href(`/customers/${s.customerId}`)} title={s.customerName ?? ''}>
                      {s.customerName}
                    </a>
                  ) : (
                    t('common.walkIn')
                  )}
                </td>
                <td className="num">{f.money(s.amountMinor)}</td>
                <td>{s.paymentMethodName ? paymentName(s.paymentMethodId, s.paymentMethodName) : ''}</td>
                <td>
                  {s.voidedAt ? (
                    <span className="badge" title={s.voidReason ?? ''}>
                      {t('counter.voided')}
                    </span>
                  ) : !owner ? null : voiding === s.id ? (
                    <VoidForm sale={s} onDone={(m) => (setVoiding(null), onChanged(m))} onCancel={() => setVoiding(null)} />
                  ) : (
                    <button
                      type="button"
                      className="secondary small"
                      aria-label={
                        s.timeKnown
                          ? t('counter.voidSale', { amount: f.money(s.amountMinor), time: f.time(s.occurredAt) })
                          : t('counter.voidSaleNoTime', { amount: f.money(s.amountMinor) })
                      }
                      onClick={() => setVoiding(s.id)}
                    >
                      {t('counter.void')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function VoidForm({ sale, onDone, onCancel }: { sale: Sale; onDone(message: string): void; onCancel(): void }) {
  const { t } = useT();
  const api = useApi();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api.call('sales.void', { id: sale.id, reason });
      onDone(t('counter.saleVoided'));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form className="void-form" onSubmit={submit} noValidate>
      <TextField
        label={t('counter.voidReason')}
        autoFocus
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={fieldError(t, error, 'reason')}
      />
      <button type="submit" className="danger small">
        {t('counter.confirmVoid')}
      </button>
      <button type="button" className="secondary small" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </form>
  );
}

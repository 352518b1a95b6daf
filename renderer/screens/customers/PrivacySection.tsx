import { useState } from 'react';
import type { z } from 'zod';
import type { Customer } from '../../../shared/schemas/customer';
import type { CustomerDataExport } from '../../../shared/schemas/data';
import { useApi } from '../../api/context';
import { forgetAnswers } from '../../api/useCall';
import { useT } from '../../app/i18n';
import { useShop } from '../../app/shop';
import { navigate } from '../../app/router';
import { errorText } from '../../components/errors';
import { downloadText } from '../../components/download';

/**
 * PIPL/GDPR requests. Export: everything held about the customer (record, consent history, sales,
 * campaigns) as one JSON file, and the same as CSV tables offered one file per button (a browser
 * asks before several downloads at once, and there is no zip). Erasure: after a confirmation that
 * says what stays (sales, as anonymous sales) and what older backups still hold.
 */
export function PrivacySection({ customer }: { customer: Customer }) {
  const { t } = useT();
  const api = useApi();
  const { refresh } = useShop();
  const [data, setData] = useState<z.infer<typeof CustomerDataExport> | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>(null);
  const prefix = `customer-${customer.id}`;

  const exportData = async () => {
    setError(null);
    try {
      const d = await api.call('customers.exportData', { id: customer.id });
      const file = `${prefix}.json`;
      downloadText(JSON.stringify(d.json, null, 2), file, 'application/json');
      setData(d);
      setMessage(t('privacy.exported', { file }));
    } catch (e) {
      setError(e);
    }
  };
  const downloadCsv = (name: string, text: string) => {
    const file = `${prefix}-${name}`;
    downloadText(text, file, 'text/csv', true);
    setMessage(t('privacy.exported', { file }));
  };
  const erase = async () => {
    setError(null);
    try {
      const r = await api.call('customers.erase', { id: customer.id, confirm: true });
      // answers remembered for screens opened again may hold them (their page, a list): none shows again
      forgetAnswers();
      await refresh();
      sessionStorage.setItem('regulars.flash', t('privacy.erased', { count: r.anonymisedSales, sales: r.anonymisedSales }));
      navigate('/customers');
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="panel" aria-labelledby="privacy-h">
      <h2 id="privacy-h">{t('privacy.title')}</h2>
      <p className="hint">{t('privacy.exportHint')}</p>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void exportData()}>
          {t('privacy.export')}
        </button>
        <button type="button" className="secondary" onClick={() => setConfirming(true)} aria-expanded={confirming}>
          {t('privacy.erase')}
        </button>
      </div>
      {data ? (
        <div className="privacy-csv">
          <span>{t('privacy.csvAlso')}</span>{' '}
          {Object.entries(data.csv).map(([name, text]) => (
            <button key={name} type="button" className="secondary small" onClick={() => downloadCsv(name, text)}>
              {name}
            </button>
          ))}
        </div>
      ) : null}
      {confirming ? (
        <div className="confirm" role="group" aria-label={t('privacy.erase')}>
          <p>{t('privacy.eraseExplain', { name: customer.name })}</p>
          <button type="button" className="danger" onClick={() => void erase()}>
            {t('privacy.confirm')}
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </button>
        </div>
      ) : null}
      <p role="status" className="status-line">
        {message}
      </p>
      {error ? (
        <p role="alert" className="form-error">
          {errorText(t, error)}
        </p>
      ) : null}
    </section>
  );
}

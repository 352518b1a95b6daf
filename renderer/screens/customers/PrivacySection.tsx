import { useState } from 'react';
import type { Customer } from '../../../shared/schemas/customer';
import { useApi } from '../../api/context';
import { useT } from '../../app/i18n';
import { useShop } from '../../app/shop';
import { navigate } from '../../app/router';
import { errorText } from '../../components/errors';
import { downloadText } from '../../components/download';

/**
 * PIPL/GDPR requests: everything held about the customer as one JSON file (record, consent history,
 * sales, campaigns), and erasure after a confirmation that says what stays and what goes.
 */
export function PrivacySection({ customer }: { customer: Customer }) {
  const { t } = useT();
  const api = useApi();
  const { refresh } = useShop();
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>(null);
  const exportData = async () => {
    try {
      const d = await api.call('customers.exportData', { id: customer.id });
      const file = `customer-${customer.id}.json`;
      downloadText(JSON.stringify({ ...d.json, csv: d.csv }, null, 2), file, 'application/json');
      setMessage(t('privacy.exported', { file }));
    } catch (e) {
      setError(e);
    }
  };
  const erase = async () => {
    try {
      const r = await api.call('customers.erase', { id: customer.id, confirm: true });
      await refresh();
      sessionStorage.setItem('regulars.flash', t('privacy.erased', { sales: r.anonymisedSales }));
      navigate('/customers');
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="panel" aria-labelledby="privacy-h">
      <h2 id="privacy-h">{t('privacy.title')}</h2>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void exportData()}>
          {t('privacy.export')}
        </button>
        <button type="button" className="secondary" onClick={() => setConfirming(true)}>
          {t('privacy.erase')}
        </button>
      </div>
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
      {error ? <p role="alert">{errorText(t, error)}</p> : null}
    </section>
  );
}

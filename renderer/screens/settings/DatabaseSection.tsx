import { useState } from 'react';
import { useApi } from '../../api/context';
import { useT } from '../../app/i18n';
import { useShop } from '../../app/shop';
import { useFormat } from '../../app/format';
import { errorText } from '../../components/errors';

/** PRAGMA integrity_check on demand, with the shop's size. */
export function DatabaseSection() {
  const { t } = useT();
  const f = useFormat();
  const api = useApi();
  const { status } = useShop();
  const [result, setResult] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const check = async () => {
    setBusy(true);
    setResult('');
    try {
      const r = await api.call('db.integrityCheck');
      setResult(r.ok ? t('settings.integrityOk') : t('settings.integrityBad', { messages: r.messages.join('; ') }));
    } catch (e) {
      setResult(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="settings-db-h">
      <h2 id="settings-db-h">{t('settings.database')}</h2>
      <p>{t('settings.counts', { customers: f.number(status.customers), sales: f.number(status.sales) })}</p>
      <button type="button" onClick={() => void check()} disabled={busy}>
        {t('settings.integrity')}
      </button>
      <p role="status" className="status-line">
        {busy ? t('common.loading') : result}
      </p>
    </section>
  );
}

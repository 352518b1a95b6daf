import { useState } from 'react';
import { useApi } from '../../api/context';
import { useT } from '../../app/i18n';
import { useShop } from '../../app/shop';
import { navigate } from '../../app/router';
import { errorText, fieldError } from '../../components/errors';
import { TextField } from '../../components/Field';
import { TimeZoneField } from '../../components/TimeZoneField';

/**
 * First launch with an empty database: start empty (with the shop's name and time zone, which dates
 * every sale: the computer's zone is only a guess), or explore a demo shop.
 */
export function WelcomeScreen() {
  const { t } = useT();
  const api = useApi();
  const { status, refresh } = useShop();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [shopName, setShopName] = useState(status.settings.shopName);
  const [timeZone, setTimeZone] = useState(status.settings.timeZone);
  const run = async (demo: boolean) => {
    setBusy(true);
    try {
      if (demo) await api.call('shop.loadDemo', { customers: 300, years: 2, seed: 7 });
      else {
        await api.call('settings.update', { shopName, timeZone });
        await api.call('shop.startEmpty');
      }
      navigate('/counter');
      await refresh();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <main className="welcome">
      <h1>{t('welcome.title')}</h1>
      <p className="lead">{t('welcome.lead')}</p>
      <div className="choices">
        <div className="choice">
          <TextField
            label={t('settings.shopName')}
            value={shopName}
            maxLength={100}
            onChange={(e) => setShopName(e.target.value)}
            error={fieldError(t, error, 'shopName')}
          />
          <TimeZoneField
            value={timeZone}
            onChange={(e) => setTimeZone(e.target.value)}
            error={fieldError(t, error, 'timeZone')}
          />
          <p className="hint">{t('welcome.zoneHint')}</p>
          <button type="button" disabled={busy} aria-describedby="welcome-empty-hint" onClick={() => void run(false)}>
            {t('welcome.empty')}
          </button>
          <p id="welcome-empty-hint">{t('welcome.emptyHint')}</p>
        </div>
        <div className="choice">
          <button type="button" disabled={busy} aria-describedby="welcome-demo-hint" onClick={() => void run(true)}>
            {t('welcome.demo')}
          </button>
          <p id="welcome-demo-hint">{t('welcome.demoHint')}</p>
        </div>
      </div>
      {busy ? <p role="status">{t('welcome.working')}</p> : null}
      {error ? <p role="alert">{errorText(t, error)}</p> : null}
    </main>
  );
}

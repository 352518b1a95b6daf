import { useState } from 'react';
import { useApi } from '../../api/context';
import { useT } from '../../app/i18n';
import { useShop } from '../../app/shop';
import { navigate } from '../../app/router';
import { errorText } from '../../components/errors';

/** First launch with an empty database: start empty, or explore a demo shop. */
export function WelcomeScreen() {
  const { t } = useT();
  const api = useApi();
  const { refresh } = useShop();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (demo: boolean) => {
    setBusy(true);
    try {
      if (demo) await api.call('shop.loadDemo', { customers: 300, years: 2, seed: 7 });
      else await api.call('shop.startEmpty');
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

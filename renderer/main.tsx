import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { resolveLocale } from '../shared/i18n';
import { createClient, type ApiClient } from './api/client';
import { ApiContext } from './api/context';
import { httpTransport, readToken } from './api/http';
import { ipcBridge, ipcTransport } from './api/ipc';
import { App } from './app/App';
import { initI18n } from './app/i18n';
import { ShopProvider } from './app/shop';
import { errorText } from './components/errors';
import './styles.css';
import './phone.css';

const bridge = ipcBridge();
const api: ApiClient = createClient(bridge ? ipcTransport(bridge) : httpTransport(readToken()));

async function boot() {
  // ?lang= beats the owner's saved choice, which beats the system language.
  const urlLang = new URLSearchParams(window.location.search).get('lang');
  let saved: string | null = null;
  try {
    saved = (await api.call('settings.get')).language;
  } catch {
    saved = null;
  }
  const i18n = initI18n(resolveLocale(urlLang ?? saved, navigator.languages));
  const t = i18n.t.bind(i18n);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <ApiContext.Provider value={api}>
          <ShopProvider
            fallback={(error) =>
              error ? (
                <p role="alert" className="boot-error">
                  {errorText(t as never, error)}
                </p>
              ) : (
                <p className="boot-loading">{t('common.loading')}</p>
              )
            }
          >
            <App />
          </ShopProvider>
        </ApiContext.Provider>
      </I18nextProvider>
    </StrictMode>,
  );
}

void boot();

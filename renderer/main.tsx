import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { resolveLocale } from '../shared/i18n';
import { createClient, type ApiClient } from './api/client';
import { ApiContext } from './api/context';
import { deviceTransport, watchedTransport } from './api/device';
import { httpTransport, readToken } from './api/http';
import { ipcBridge, ipcTransport } from './api/ipc';
import { App } from './app/App';
import { DeviceGate } from './app/device';
import { initI18n } from './app/i18n';
import { ShopProvider } from './app/shop';
import { errorText } from './components/errors';
import './styles.css';
import './sharing.css';
import './offers.css';
import './phone.css';

const bridge = ipcBridge();
const token = bridge ? '' : readToken();
// Another device on the shop's network (issue 18): the shared HTTPS address, no launch token; it
// pairs and signs in first (DeviceGate). The main till keeps its token (loopback) or its window.
const onDevice = !bridge && !token && window.location.protocol === 'https:';
// The main till's window is the owner's unless a PIN is asked on it too; DeviceGate finds out (device.me).
const api: ApiClient = createClient(
  bridge ? watchedTransport(ipcTransport(bridge)) : onDevice ? deviceTransport() : watchedTransport(httpTransport(token)),
);

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
  const shop = (
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
  );
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <ApiContext.Provider value={api}>
          <DeviceGate>{shop}</DeviceGate>
        </ApiContext.Provider>
      </I18nextProvider>
    </StrictMode>,
  );
}

void boot();

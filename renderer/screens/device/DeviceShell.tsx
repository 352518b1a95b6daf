import type { ReactNode } from 'react';
import { useT } from '../../app/i18n';

/** The page around pairing and sign-in on another device (before the app's own navigation). */
export function DeviceShell({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useT();
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">{t('app.fullName')}</span>
      </header>
      <main id="main" className="device-page">
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}

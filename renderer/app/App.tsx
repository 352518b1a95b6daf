import { useEffect, useState } from 'react';
import { useT } from './i18n';
import { href, match, useRoute } from './router';
import { useShop } from './shop';
import { CounterScreen } from '../screens/counter/CounterScreen';
import { CustomersScreen } from '../screens/customers/CustomersScreen';
import { CustomerPage } from '../screens/customers/CustomerPage';
import { SettingsScreen } from '../screens/settings/SettingsScreen';
import { DataScreen } from '../screens/data/DataScreen';
import { LapsedScreen } from '../screens/lapsed/LapsedScreen';
import { InsightsScreen } from '../screens/insights/InsightsScreen';
import { TodayScreen } from '../screens/care/TodayScreen';
import { ComplaintsScreen } from '../screens/care/ComplaintsScreen';
import { WinbackScreen } from '../screens/care/WinbackScreen';
import { WelcomeScreen } from '../screens/welcome/WelcomeScreen';
import { RecoveryScreen } from '../screens/recovery/RecoveryScreen';
import { CustomerLookup } from '../screens/customers/CustomerLookup';
import type { StaffRole } from '../../shared/schemas/sharing';
import { SessionItem } from './device';
import { useDevice } from './session';

/** `cashier`: what a cashier signed in on another device sees (issue 18); the owner sees everything. */
const NAV = [
  { path: '/counter', key: 'nav.counter', cashier: true },
  { path: '/today', key: 'nav.today', cashier: true },
  { path: '/lapsed', key: 'nav.lapsed', cashier: false },
  { path: '/insights', key: 'nav.insights', cashier: false },
  { path: '/complaints', key: 'nav.complaints', cashier: false },
  { path: '/winback', key: 'nav.winback', cashier: false },
  { path: '/customers', key: 'nav.customers', cashier: true },
  { path: '/data', key: 'nav.data', cashier: false },
  { path: '/settings', key: 'nav.settings', cashier: false },
] as const;

/** Screens a cashier may open: the nav's, a customer's page and a complaint's page (Today links to it). */
const cashierMay = (path: string) =>
  path === '/' ||
  ['/counter', '/today', '/customers'].some((p) => path === p || path.startsWith(p + '/')) ||
  match('/complaints/:id', path) !== null;

function Screen({ path, role }: { path: string; role: StaffRole }) {
  const { t } = useT();
  if (role === 'cashier' && !cashierMay(path.split('?')[0]!))
    return (
      <p role="alert" className="banner banner-risk">
        {t('session.ownerOnly')}
      </p>
    );
  const customer = match('/customers/:id', path);
  if (customer) return <CustomerPage id={Number(customer.id)} />;
  if (path.startsWith('/customers')) return role === 'cashier' ? <CustomerLookup /> : <CustomersScreen />;
  if (path.startsWith('/settings')) return <SettingsScreen />;
  if (path.startsWith('/data')) return <DataScreen path={path} />;
  if (path.startsWith('/lapsed')) return <LapsedScreen />;
  if (path.startsWith('/insights')) return <InsightsScreen />;
  if (path.startsWith('/today')) return <TodayScreen />;
  if (path.startsWith('/complaints')) return <ComplaintsScreen path={path} />;
  if (path.startsWith('/winback')) return <WinbackScreen path={path} />;
  return <CounterScreen />;
}

export function App() {
  const { t } = useT();
  const { status } = useShop();
  const path = useRoute();
  const section = path === '/' ? '/counter' : '/' + (path.split('/')[1] ?? '');
  const shopName = status.settings.shopName;
  const [menuOpen, setMenuOpen] = useState(false);
  const device = useDevice();
  const role = device?.me.staff?.role ?? 'owner';
  // Picking a screen from the phone menu folds it again.
  useEffect(() => setMenuOpen(false), [path]);

  useEffect(() => {
    document.title = shopName ? `${shopName} · ${t('app.fullName')}` : t('app.fullName');
  }, [shopName, t]);

  if (status.health === 'damaged') return <RecoveryScreen />;
  if (!status.onboarded && status.customers === 0) return <WelcomeScreen />;

  return (
    <div className="shell">
      <header className="topbar no-print">
        <span className="brand">{t('app.fullName')}</span>
        {shopName ? <span className="shop-name">{shopName}</span> : null}
        <nav aria-label={t('nav.label')} className={menuOpen ? 'nav-open' : undefined}>
          {/* On a phone the list folds behind one button (phone.css); on a wider screen the button is hidden. */}
          <button
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls="main-nav"
            onClick={() => setMenuOpen((o) => !o)}
          >
            {t('nav.menu')}
          </button>
          <ul id="main-nav">
            {NAV.filter((n) => role === 'owner' || n.cashier).map((n) => (
              <li key={n.path}>
                <a href={href(n.path)} aria-current={section === n.path ? 'page' : undefined}>
                  {t(n.key)}
                </a>
              </li>
            ))}
            {device ? <SessionItem /> : null}
          </ul>
        </nav>
      </header>
      <main id="main">
        {status.backupWarning ? (
          <p className="banner banner-risk no-print" role="status">
            {t(`backupWarning.${status.backupWarning}`)}
          </p>
        ) : null}
        <Screen path={path} role={role} />
      </main>
    </div>
  );
}

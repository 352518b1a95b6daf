import { useT } from '../../app/i18n';
import { href, match } from '../../app/router';
import { ImportPanel } from './ImportPanel';
import { ExportPanel } from './ExportPanel';
import { CampaignPage, CampaignsPanel } from './CampaignsPanel';
import { BackupsPanel } from './BackupsPanel';
import { ActivityPanel } from './ActivityPanel';

const TABS = ['import', 'export', 'campaigns', 'backups', 'log'] as const;

/** Data in and out: import, contact exports and their campaigns, backups, the activity log. */
export function DataScreen({ path }: { path: string }) {
  const { t } = useT();
  // a tab's route may carry a query (#/data/export?segment=lapsed&tier=key)
  const [route, query = ''] = path.split('?') as [string, string?];
  const name = route.split('/')[2] ?? '';
  const tab = (TABS as readonly string[]).includes(name) ? (name as (typeof TABS)[number]) : 'import';
  const campaign = match('/data/campaigns/:id', path);
  return (
    <div className="data-screen">
      <h1 className="no-print">{t('data.title')}</h1>
      <nav aria-label={t('data.tabs')} className="tabs no-print">
        <ul>
          {TABS.map((x) => (
            <li key={x}>
              <a href={href(`/data/${x}`)} aria-current={tab === x ? 'page' : undefined}>
                {t(`data.tab.${x}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {campaign ? <CampaignPage id={Number(campaign.id)} /> : null}
      {!campaign && tab === 'import' ? <ImportPanel /> : null}
      {!campaign && tab === 'export' ? <ExportPanel key={query} query={query} /> : null}
      {!campaign && tab === 'campaigns' ? <CampaignsPanel /> : null}
      {!campaign && tab === 'backups' ? <BackupsPanel /> : null}
      {!campaign && tab === 'log' ? <ActivityPanel /> : null}
    </div>
  );
}

import { useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { AUDIT_ACTIONS, type AuditEntry } from '../../../shared/schemas/data';
import type { BaseKey } from '../../../shared/i18n';
import { useCall } from '../../api/useCall';
import { useT, type T } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { href } from '../../app/router';
import { SelectField } from '../../components/Field';
import { errorText } from '../../components/errors';
import { sourceName } from '../customers/ConsentSection';
import { channelName, formatName, segmentName } from './labels';

type Action = (typeof AUDIT_ACTIONS)[number];
type Entry = z.infer<typeof AuditEntry>;

/**
 * Each action's name in the list and in the filter: keys made from the action's own name, typed
 * as such, so an action without both names in the texts does not compile.
 */
const actionLabel = (a: Action) => `data.log.action.${a}` as const;
const filterLabel = (a: Action) => `data.log.filter.${a}` as const;
const isAction = (a: string): a is Action => (AUDIT_ACTIONS as readonly string[]).includes(a);
const PIN_WORD = {
  kept: 'data.log.words.staffPin.kept',
  set: 'data.log.words.staffPin.set',
  removed: 'data.log.words.staffPin.removed',
} as const satisfies Record<string, BaseKey>;

/** The activity log the owner can read: exports, erasures, consent changes, imports, restores. */
export function ActivityPanel() {
  const { t } = useT();
  const [action, setAction] = useState<Action | ''>('');
  // The newest filter wins: a slow answer for the one chosen before never shows under this one.
  const log = useCall('audit.list', { action: action || null, limit: 200 });
  const error = log.error;
  // "Everything" is every entry this log is about: the core filters before it limits (audit.list).
  const rows: Entry[] | null = log.loading || !log.data ? null : log.data;
  return (
    <section className="panel" aria-labelledby="log-h">
      <h2 id="log-h">{t('data.log.title')}</h2>
      <div className="log-filter">
        <SelectField label={t('data.log.filter')} value={action} onChange={(e) => setAction(e.target.value as Action | '')}>
          <option value="">{t('data.log.all')}</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(filterLabel(a))}
            </option>
          ))}
        </SelectField>
      </div>
      {error ? <p role="alert">{errorText(t, error)}</p> : null}
      {rows && rows.length === 0 ? <p className="muted">{t('data.log.none')}</p> : null}
      {rows && rows.length ? (
        <table aria-labelledby="log-h">
          <thead>
            <tr>
              <th scope="col">{t('data.log.when')}</th>
              <th scope="col">{t('data.log.what')}</th>
              <th scope="col">{t('data.log.details')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <LogRow key={r.id} entry={r} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function LogRow({ entry: r }: { entry: Entry }) {
  const { t } = useT();
  const f = useFormat();
  const subject: ReactNode =
    r.entityId == null ? null : r.action === 'export.contacts' ? (
      <a href={href(`/data/campaigns/${r.entityId}`)}>{t('data.campaigns.open', { id: r.entityId })}</a>
    ) : r.entity === 'customer' && r.action !== 'customer.erase' ? (
      <a href={href(`/customers/${r.entityId}`)}>{t('data.log.customer', { id: r.entityId })}</a>
    ) : r.entity === 'customer' ? (
      t('data.log.customer', { id: r.entityId })
    ) : null;
  return (
    <tr>
      <td className="nowrap">{f.dateTime(r.at)}</td>
      <td>
        {isAction(r.action) ? t(actionLabel(r.action)) : r.action}
        {subject ? <div>{subject}</div> : null}
      </td>
      <td>{inWords(t, f.number, r)}</td>
    </tr>
  );
}

const str = (v: unknown) => (typeof v === 'string' ? v : v == null ? '' : String(v));
const num = (v: unknown) => (typeof v === 'number' ? v : Number(v) || 0);

/** Each entry's details as a sentence; the stored detail is the core's, so unknown keys are ignored. */
function inWords(t: T, n: (x: number) => string, r: Entry): string {
  const d = r.detail;
  switch (r.action) {
    case 'export.contacts': {
      const base = t('data.log.words.export', {
        segment: segmentName(t, str(d.segment)),
        channel: channelName(t, str(d.channel)),
        format: formatName(t, str(d.format)),
        count: num(d.exported),
        exported: n(num(d.exported)),
      });
      return num(d.withoutConsent) > 0
        ? `${base} ${t('data.log.words.withoutConsent', { n: n(num(d.withoutConsent)), reason: str(d.reason) })}`
        : base;
    }
    case 'customer.erase':
      return t('data.log.words.erase', { count: num(d.anonymisedSales), sales: n(num(d.anonymisedSales)) });
    case 'customer.export':
      return t('data.log.words.customerExport');
    case 'consent.change':
      return t(d.granted ? 'data.log.words.consentGranted' : 'data.log.words.consentWithdrawn', {
        channel: channelName(t, str(d.channel)),
        source: sourceName(t, str(d.source)),
      });
    case 'restore':
      return t('data.log.words.restore', { from: str(d.from), safetyCopy: str(d.safetyCopy) });
    case 'backup':
      return t('data.log.words.backup', { reason: t(`data.backups.reason.${str(d.reason)}` as BaseKey), to: str(d.to) });
    case 'import':
      return t('data.log.words.import', {
        kind: t(
          d.kind === 'customers'
            ? 'data.import.kind.customers'
            : d.kind === 'products'
              ? 'data.import.kind.products'
              : 'data.import.kind.sales',
        ),
        file: str(d.fileName),
        count: num(d.rows),
        rows: n(num(d.rows)),
        skipped: n(num(d.skipped)),
      });
    case 'device.pair':
      return t('data.log.words.devicePair', { name: str(d.name) });
    case 'device.revoke':
      return t('data.log.words.deviceRevoke', { name: str(d.name) });
    case 'staff.access':
      if (typeof d.mainTillPin === 'boolean')
        return t(d.mainTillPin ? 'data.log.words.mainTillPinOn' : 'data.log.words.mainTillPinOff');
      return t('data.log.words.staffAccess', {
        role: t(d.role === 'owner' ? 'access.role.owner' : 'access.role.cashier'),
        pin: t(PIN_WORD[str(d.pin) as keyof typeof PIN_WORD] ?? PIN_WORD.kept),
        count: num(d.signedOut),
        signedOut: n(num(d.signedOut)),
      });
    default:
      return '';
  }
}

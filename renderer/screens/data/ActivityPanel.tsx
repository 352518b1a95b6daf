import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { AUDIT_ACTIONS, type AuditEntry } from '../../../shared/schemas/data';
import type { BaseKey } from '../../../shared/i18n';
import { useApi } from '../../api/context';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { SelectField } from '../../components/Field';

type Action = (typeof AUDIT_ACTIONS)[number];

/** The activity log the owner can read: exports, erasures, consent changes, imports, restores. */
export function ActivityPanel() {
  const { t } = useT();
  const f = useFormat();
  const api = useApi();
  const [action, setAction] = useState<Action | ''>('');
  const [rows, setRows] = useState<z.infer<typeof AuditEntry>[] | null>(null);
  useEffect(() => {
    void api
      .call('audit.list', { action: action || null, limit: 200 })
      .then((r) => setRows(r.filter((x) => action || (AUDIT_ACTIONS as readonly string[]).includes(x.action))));
  }, [api, action]);
  const details = (d: Record<string, unknown>) =>
    Object.entries(d)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
      .join(' · ');
  return (
    <section className="panel" aria-labelledby="log-h">
      <h2 id="log-h">{t('data.log.title')}</h2>
      <SelectField label={t('data.log.filter')} value={action} onChange={(e) => setAction(e.target.value as Action | '')}>
        <option value="">{t('data.log.all')}</option>
        {AUDIT_ACTIONS.map((a) => (
          <option key={a} value={a}>
            {t(`data.log.action.${a}` as BaseKey)}
          </option>
        ))}
      </SelectField>
      {rows && rows.length === 0 ? <p className="muted">{t('data.log.none')}</p> : null}
      {rows && rows.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('data.log.when')}</th>
              <th scope="col">{t('data.log.what')}</th>
              <th scope="col">{t('data.log.details')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="nowrap">{f.dateTime(r.at)}</td>
                <td>
                  {t(`data.log.action.${r.action}` as BaseKey)}
                  {r.entityId ? ` #${r.entityId}` : ''}
                </td>
                <td className="details">{details(r.detail)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

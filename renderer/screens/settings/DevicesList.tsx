import { useState } from 'react';
import { useApi } from '../../api/context';
import { useCall } from '../../api/useCall';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { errorText } from '../../components/errors';

/** The paired devices, when each was last seen and who is signed in; revoking one ends its session at once. */
export function DevicesList() {
  const { t } = useT();
  const f = useFormat();
  const api = useApi();
  const devices = useCall('devices.list', {});
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>(null);
  const revoke = async (id: number) => {
    try {
      const d = await api.call('devices.revoke', { id });
      setMessage(t('sharing.revoked', { name: d.name }));
      setError(null);
      devices.reload();
    } catch (e) {
      setError(e);
    }
  };
  const list = devices.data ?? [];
  return (
    <section className="devices" aria-labelledby="settings-devices-h">
      <h3 id="settings-devices-h">{t('sharing.devices')}</h3>
      {devices.data && list.length === 0 ? <p className="muted">{t('sharing.noDevices')}</p> : null}
      {list.length > 0 ? (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('sharing.deviceName')}</th>
                <th scope="col">{t('sharing.lastSeen')}</th>
                <th scope="col">{t('sharing.signedIn')}</th>
                <th scope="col">{t('sharing.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('sharing.revoke')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((d) => (
                <tr key={d.id}>
                  <td>
                    {d.name}
                    <span className="fact-note muted">
                      {t('sharing.pairedAt')} {f.dateTime(d.pairedAt)}
                    </span>
                  </td>
                  <td>{f.dateTime(d.lastSeenAt)}</td>
                  <td>{d.staff ? d.staff.name : t('sharing.nobody')}</td>
                  <td>
                    <span className="badge">{t(`sharing.status.${d.status}`)}</span>
                  </td>
                  <td>
                    {d.status === 'active' ? (
                      <button
                        type="button"
                        className="secondary small"
                        aria-label={t('sharing.revokeDevice', { name: d.name })}
                        onClick={() => void revoke(d.id)}
                      >
                        {t('sharing.revoke')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p role="status" className="status-line">
        {message}
      </p>
      {error || devices.error ? (
        <p role="alert" className="form-error">
          {errorText(t, error ?? devices.error)}
        </p>
      ) : null}
    </section>
  );
}

import { useState } from 'react';
import type { ShareStatus } from '../../../shared/schemas/sharing';
import { useApi } from '../../api/context';
import { useCall } from '../../api/useCall';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { SelectField } from '../../components/Field';
import { errorText, fieldError } from '../../components/errors';
import { DevicesList } from './DevicesList';
import { MainTillPin } from './MainTillPin';

/**
 * Settings → Other devices (issue 18): sharing the shop on one address of this computer (off by
 * default), the one-time pairing code as a QR code with the certificate's fingerprint beside it, a
 * line saying who can reach it, and the paired devices.
 */
export function SharingSection() {
  const { t } = useT();
  const api = useApi();
  const status = useCall('sharing.status', {});
  const share = status.data;
  const interfaces = useCall('sharing.interfaces', share?.available && !share.enabled ? {} : null);
  const [picked, setAddress] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const choices = interfaces.data ?? [];
  const address = picked || choices[0]?.address || '';

  const act = async (step: () => Promise<ShareStatus>) => {
    setBusy(true);
    try {
      let next = await step();
      if (next.enabled && !next.pairing) next = { ...next, pairing: await api.call('sharing.pairingCode') };
      status.set(next);
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const toggle = (on: boolean) =>
    void act(() => (on ? api.call('sharing.start', { address, port: 0 }) : api.call('sharing.stop')));
  const newCode = () => void act(async () => ({ ...share!, pairing: await api.call('sharing.pairingCode') }));
  const addressErr = fieldError(t, error, 'address') ?? fieldError(t, error, 'port');

  return (
    <section className="panel sharing" aria-labelledby="settings-sharing-h">
      <h2 id="settings-sharing-h">{t('sharing.title')}</h2>
      <p className="muted">{t('sharing.intro')}</p>
      {status.error ? (
        <p role="alert" className="form-error">
          {errorText(t, status.error)}
        </p>
      ) : null}
      {share && !share.available ? <p>{t('sharing.unavailable')}</p> : null}
      {share?.available ? (
        <>
          <label className="switch">
            <input
              type="checkbox"
              role="switch"
              checked={share.enabled}
              disabled={busy || (!share.enabled && !address)}
              onChange={(e) => toggle(e.target.checked)}
            />
            {t('sharing.switch')}
          </label>
          {!share.enabled ? (
            <>
              {interfaces.data && choices.length === 0 ? <p>{t('sharing.noAddresses')}</p> : null}
              {choices.length > 0 ? (
                <SelectField
                  label={t('sharing.address')}
                  value={address}
                  onChange={(e) => setAddress(e.target.value)}
                  error={addressErr}
                >
                  {choices.map((c) => (
                    <option key={`${c.name} ${c.address}`} value={c.address}>
                      {t('sharing.addressOption', { address: c.address, name: c.name })}
                    </option>
                  ))}
                </SelectField>
              ) : null}
              <p className="muted">{t('sharing.off')}</p>
            </>
          ) : (
            <SharedNow share={share} busy={busy} onNewCode={newCode} />
          )}
          {error && !addressErr ? (
            <p role="alert" className="form-error">
              {errorText(t, error)}
            </p>
          ) : null}
        </>
      ) : null}
      {share?.available ? <DevicesList /> : null}
      <MainTillPin />
    </section>
  );
}

/** While sharing: the address, who can reach it, the pairing QR code and code, and the fingerprint. */
function SharedNow({ share, busy, onNewCode }: { share: ShareStatus; busy: boolean; onNewCode(): void }) {
  const { t } = useT();
  const f = useFormat();
  const pairing = share.pairing;
  return (
    <div className="shared-now">
      <p>
        {t('sharing.on')} <strong className="share-url">{share.url}</strong>
      </p>
      <p className="share-reach">
        {share.cidr
          ? t('sharing.reach', { cidr: share.cidr, name: share.interfaceName ?? '' })
          : t('sharing.reachNoCidr', { address: share.address ?? '', name: share.interfaceName ?? '' })}
      </p>
      <div className="pairing">
        {pairing ? <img className="pairing-qr" src={pairing.qrDataUrl} alt={t('sharing.qr', { url: pairing.url })} /> : null}
        <div className="pairing-facts">
          {pairing ? (
            <>
              <p className="pairing-code-label">{t('sharing.code')}</p>
              <p className="pairing-code" aria-label={t('sharing.code')}>
                {pairing.code}
              </p>
              <p className="muted">{t('sharing.codeExpires', { time: f.time(pairing.expiresAt) })}</p>
            </>
          ) : (
            <p>{t('sharing.noCode')}</p>
          )}
          <button type="button" className="secondary" disabled={busy} onClick={onNewCode}>
            {t('sharing.newCode')}
          </button>
          <p className="pairing-code-label">{t('sharing.fingerprint')}</p>
          <p className="fingerprint" aria-label={t('sharing.fingerprint')}>
            {share.fingerprint}
          </p>
          <p className="muted">{t('sharing.fingerprintHint')}</p>
        </div>
      </div>
    </div>
  );
}

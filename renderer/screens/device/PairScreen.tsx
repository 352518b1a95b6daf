import { useEffect, useState, type FormEvent } from 'react';
import type { DeviceMe } from '../../../shared/schemas/sharing';
import { useApi } from '../../api/context';
import { useT } from '../../app/i18n';
import { currentPath, navigate, useRoute } from '../../app/router';
import { TextField } from '../../components/Field';
import { errorText, fieldError } from '../../components/errors';
import { DeviceShell } from './DeviceShell';

/** The code from the QR code's address (#/pair?code=123456), if the device came that way. */
function codeFromAddress(path = currentPath()): string {
  if (!path.startsWith('/pair')) return '';
  return new URLSearchParams(path.split('?')[1] ?? '').get('code') ?? '';
}

/** The first page a new device sees: the one-time code from the main till and a name for this device. */
export function PairScreen({ revoked, onPaired }: { revoked: boolean; onPaired(me: DeviceMe): void }) {
  const { t } = useT();
  const api = useApi();
  const [code, setCode] = useState(codeFromAddress);
  // A code that arrives in the address while this page is open (a second scan in the same tab) fills
  // the field too.
  const route = useRoute();
  useEffect(() => {
    const fromAddress = codeFromAddress(route);
    if (fromAddress) setCode(fromAddress);
  }, [route]);
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const me = await api.call('device.pair', { code: code.replace(/\s+/g, ''), name: name.trim() });
      setError(null);
      // The code is used up: take it out of the address.
      if (currentPath().startsWith('/pair')) navigate('/counter');
      onPaired(me);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const codeErr = fieldError(t, error, 'code');
  const nameErr = fieldError(t, error, 'name');

  return (
    <DeviceShell title={t('pair.title')}>
      {revoked ? (
        <p role="alert" className="banner banner-risk">
          {t('pair.revoked')}
        </p>
      ) : null}
      <p>{t('pair.intro')}</p>
      <form className="panel device-form" onSubmit={submit} noValidate>
        <TextField
          label={t('pair.code')}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={12}
          error={codeErr}
        />
        <TextField
          label={t('pair.name')}
          hint={t('pair.nameHint')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoComplete="off"
          maxLength={40}
          error={nameErr}
        />
        <button type="submit" disabled={busy}>
          {t('pair.submit')}
        </button>
        {error && !codeErr && !nameErr ? (
          <p role="alert" className="form-error">
            {errorText(t, error)}
          </p>
        ) : null}
      </form>
      <p className="muted">{t('pair.fingerprintCheck')}</p>
    </DeviceShell>
  );
}

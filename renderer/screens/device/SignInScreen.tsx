import { useState, type FormEvent } from 'react';
import type { DeviceMe } from '../../../shared/schemas/sharing';
import { useApi } from '../../api/context';
import { useCall } from '../../api/useCall';
import { useT } from '../../app/i18n';
import { TextField } from '../../components/Field';
import { errorText, fieldError } from '../../components/errors';
import { deviceName } from '../../app/session';
import { DeviceShell } from './DeviceShell';

/** A staff member signs in on a paired device with their own PIN; the device stays signed in as them. */
export function SignInScreen({
  me,
  signedOut,
  onSignedIn,
}: {
  me: DeviceMe;
  signedOut: boolean;
  onSignedIn(me: DeviceMe): void;
}) {
  const { t } = useT();
  const api = useApi();
  const staff = useCall('device.staff', {});
  const [picked, setStaffId] = useState<number | null>(null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const people = staff.data ?? [];
  // The first person is picked until someone else is (one tap less for a till with one cashier).
  const staffId = picked ?? people[0]?.id ?? null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (staffId === null) return;
    setBusy(true);
    try {
      const next = await api.call('device.signIn', { staffId, pin: pin.trim() });
      setError(null);
      onSignedIn(next);
    } catch (err) {
      setError(err);
      setPin('');
    } finally {
      setBusy(false);
    }
  };
  const pinErr = fieldError(t, error, 'pin');

  return (
    <DeviceShell title={t('signIn.title')}>
      <p className="muted">{t('signIn.device', { name: deviceName(t, me) })}</p>
      {signedOut ? <p role="status">{t('signIn.signedOut')}</p> : null}
      {staff.error ? (
        <p role="alert" className="form-error">
          {errorText(t, staff.error)}
        </p>
      ) : null}
      {staff.data && people.length === 0 ? <p>{t('signIn.noStaff')}</p> : null}
      {people.length > 0 ? (
        <form className="panel device-form" onSubmit={submit} noValidate>
          <fieldset className="choice-list">
            <legend>{t('signIn.who')}</legend>
            {people.map((p) => (
              <label key={p.id}>
                <input type="radio" name="staff" checked={staffId === p.id} onChange={() => setStaffId(p.id)} />
                {p.name}
              </label>
            ))}
          </fieldset>
          <TextField
            label={t('signIn.pin')}
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            value={pin}
            onChange={(e) => setPin(e.target.value)}
            error={pinErr}
          />
          <button type="submit" disabled={busy}>
            {t('signIn.submit')}
          </button>
          {error && !pinErr ? (
            <p role="alert" className="form-error">
              {errorText(t, error)}
            </p>
          ) : null}
        </form>
      ) : null}
    </DeviceShell>
  );
}

import { useState } from 'react';
import { useApi } from '../../api/context';
import { useCall } from '../../api/useCall';
import { useT } from '../../app/i18n';
import { errorText, fieldError } from '../../components/errors';

/**
 * Settings → Other devices: a PIN on the main till's own window too (issue 18). Switched on, this
 * window asks who is at the till (the PIN page) at once, and the signed-in person's role applies.
 */
export function MainTillPin() {
  const { t } = useT();
  const api = useApi();
  const state = useCall('mainTill.get', {});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const change = async (on: boolean) => {
    setBusy(true);
    try {
      state.set(await api.call('mainTill.set', { requirePin: on }));
      setError(null);
      // the window now asks for a PIN: start again at the PIN page
      if (on) window.location.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  if (!state.data) return null;
  const err = fieldError(t, error, 'requirePin') ?? (error ? errorText(t, error) : null);
  return (
    <div className="main-till-pin">
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          checked={state.data.requirePin}
          disabled={busy}
          onChange={(e) => void change(e.target.checked)}
        />
        {t('sharing.mainTillPin')}
      </label>
      <p className="muted">{t('sharing.mainTillPinHint')}</p>
      {err ? (
        <p role="alert" className="form-error">
          {err}
        </p>
      ) : null}
    </div>
  );
}

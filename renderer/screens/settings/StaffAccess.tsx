import { useState, type FormEvent } from 'react';
import type { StaffAccess, StaffRole } from '../../../shared/schemas/sharing';
import { useApi } from '../../api/context';
import { useCall } from '../../api/useCall';
import { useT } from '../../app/i18n';
import { SelectField, TextField } from '../../components/Field';
import { errorText, fieldError } from '../../components/errors';

/**
 * Settings → Staff, sign-in on other devices (issue 18): each person's role (cashier or owner) and
 * PIN; setting or clearing a PIN or changing a role signs that person out of every device.
 */
export function StaffAccessList() {
  const { t } = useT();
  const access = useCall('staff.access', {});
  const [message, setMessage] = useState('');
  const people = (access.data ?? []).filter((s) => s.isActive);
  if (access.error)
    return (
      <p role="alert" className="form-error">
        {errorText(t, access.error)}
      </p>
    );
  return (
    <section className="staff-access" aria-labelledby="settings-access-h">
      <h3 id="settings-access-h">{t('access.title')}</h3>
      <p className="muted">{t('access.intro')}</p>
      <ul className="plain-list access-list">
        {people.map((s) => (
          <StaffAccessRow
            key={s.staffId}
            person={s}
            onSaved={(next) => {
              access.set((access.data ?? []).map((p) => (p.staffId === next.staffId ? next : p)));
              setMessage(t('access.saved', { name: next.name }));
            }}
          />
        ))}
      </ul>
      <p role="status" className="status-line">
        {message}
      </p>
    </section>
  );
}

function StaffAccessRow({ person, onSaved }: { person: StaffAccess; onSaved(next: StaffAccess): void }) {
  const { t } = useT();
  const api = useApi();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<unknown>(null);
  const save = async (patch: { role?: StaffRole; pin?: string | null }) => {
    try {
      const next = await api.call('staff.setAccess', { id: person.staffId, ...patch });
      setError(null);
      // Only a PIN saved (or removed) empties the field: a role's reply arriving while the owner
      // types a PIN leaves what they typed.
      if (patch.pin !== undefined) setPin('');
      onSaved(next);
    } catch (e) {
      setError(e);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save({ pin: pin.trim() });
  };
  const pinErr = fieldError(t, error, 'pin');
  return (
    <li className="access-row">
      <span className="access-name">{person.name}</span>
      <span className="badge">{person.hasPin ? t('access.hasPin') : t('access.noPin')}</span>
      <SelectField
        label={t('access.role', { name: person.name })}
        value={person.role}
        onChange={(e) => void save({ role: e.target.value as StaffRole })}
      >
        <option value="cashier">{t('access.role.cashier')}</option>
        <option value="owner">{t('access.role.owner')}</option>
      </SelectField>
      <form className="inline-form" onSubmit={submit} noValidate>
        <TextField
          label={t('access.newPin', { name: person.name })}
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          maxLength={8}
          value={pin}
          onChange={(e) => setPin(e.target.value)}
          error={pinErr}
        />
        <button type="submit" className="secondary">
          {t('access.setPin')}
        </button>
      </form>
      {person.hasPin ? (
        <button
          type="button"
          className="secondary small"
          aria-label={t('access.clearPin', { name: person.name })}
          onClick={() => void save({ pin: null })}
        >
          {t('access.clearPinShort')}
        </button>
      ) : null}
      {error && !pinErr ? (
        <p role="alert" className="form-error">
          {errorText(t, error)}
        </p>
      ) : null}
    </li>
  );
}

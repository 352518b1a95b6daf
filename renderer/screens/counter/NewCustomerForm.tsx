import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Customer } from '../../../shared/schemas/customer';
import { useApi } from '../../api/context';
import { ApiError } from '../../api/client';
import { useT } from '../../app/i18n';
import { TextField } from '../../components/Field';
import { errorText, fieldError } from '../../components/errors';

interface Props {
  initial: string;
  onSaved(c: Customer): void;
  onUseExisting(id: number): void;
  onCancel(): void;
}

/** Inline "new customer" form: name and phone; Enter saves. Digits typed in the search become the phone. */
export function NewCustomerForm({ initial, onSaved, onUseExisting, onCancel }: Props) {
  const { t } = useT();
  const api = useApi();
  const looksLikePhone = /^[\d\s+-]+$/.test(initial);
  const [name, setName] = useState(looksLikePhone ? '' : initial);
  const [phone, setPhone] = useState(looksLikePhone ? initial : '');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const phoneRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    (name ? phoneRef : nameRef).current?.focus();
    // only on open
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const c = await api.call('customers.create', { name, phone: phone.trim() ? phone : null, consentSource: 'counter' });
      onSaved(c);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const existing = error instanceof ApiError && error.code === 'PHONE_TAKEN' ? error.detail : null;
  const nameErr = fieldError(t, error, 'name');
  const phoneErr = fieldError(t, error, 'phone');

  return (
    <form className="panel new-customer" aria-label={t('counter.newCustomerTitle')} onSubmit={submit} noValidate>
      <h2>{t('counter.newCustomerTitle')}</h2>
      <TextField
        label={t('counter.name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={nameErr}
        inputRef={nameRef}
        autoComplete="off"
      />
      <TextField
        label={t('counter.phone')}
        value={phone}
        onChange={(e) => setPhone(e.target.value)}
        error={phoneErr}
        inputRef={phoneRef}
        inputMode="tel"
        autoComplete="off"
      />
      {error && !nameErr && !phoneErr ? (
        <p role="alert" className="form-error">
          {errorText(t, error)}
        </p>
      ) : null}
      {existing && typeof existing.existingId === 'number' ? (
        <button type="button" className="secondary" onClick={() => onUseExisting(existing.existingId as number)}>
          {t('counter.phoneTakenUse', { name: String(existing.existingName ?? '') })}
        </button>
      ) : null}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t('counter.saveCustomer')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

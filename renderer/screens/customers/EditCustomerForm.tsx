import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Customer } from '../../../shared/schemas/customer';
import { useApi } from '../../api/context';
import { ApiError } from '../../api/client';
import { useT } from '../../app/i18n';
import { useShop } from '../../app/shop';
import { href } from '../../app/router';
import { SelectField, TextField } from '../../components/Field';
import { errorText, fieldError } from '../../components/errors';

interface Props {
  customer: Customer;
  onSaved(c: Customer): void;
  onCancel(): void;
}

/** A real calendar date; the schema only checks the YYYY-MM-DD shape, so 2024-02-30 is caught here. */
function isRealDate(iso: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false;
  const d = new Date(iso + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/** Name, phone, member code, birthday and the staff member who looks after the customer. */
export function EditCustomerForm({ customer, onSaved, onCancel }: Props) {
  const { t } = useT();
  const api = useApi();
  const { status } = useShop();
  const [name, setName] = useState(customer.name);
  const [phone, setPhone] = useState(customer.phone ?? '');
  const [memberCode, setMemberCode] = useState(customer.memberCode ?? '');
  const [birthday, setBirthday] = useState(customer.birthday ?? '');
  const [staffId, setStaffId] = useState(customer.staffId === null ? '' : String(customer.staffId));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);

  useEffect(() => nameRef.current?.focus(), []);

  // Active staff, plus whoever looks after the customer now even if they have left (so saving keeps them).
  const staff = status.staff.filter((s) => s.isActive || s.id === customer.staffId);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const day = birthday.trim();
    if (day && !isRealDate(day)) {
      setError(new ApiError('VALIDATION', [{ path: ['birthday'], message: 'date_invalid' }]));
      return;
    }
    setBusy(true);
    try {
      const c = await api.call('customers.update', {
        id: customer.id,
        name,
        phone: phone.trim() ? phone : null,
        memberCode: memberCode.trim() ? memberCode : null,
        birthday: day || null,
        staffId: staffId ? Number(staffId) : null,
      });
      onSaved(c);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const errs = {
    name: fieldError(t, error, 'name'),
    phone: fieldError(t, error, 'phone'),
    memberCode: fieldError(t, error, 'memberCode'),
    birthday: fieldError(t, error, 'birthday'),
    staffId: fieldError(t, error, 'staffId'),
  };
  const anyFieldErr = Object.values(errs).some(Boolean);
  const taken = error instanceof ApiError && error.code === 'PHONE_TAKEN' ? error.detail : null;

  return (
    <form className="panel edit-customer" aria-labelledby="cp-edit-h" onSubmit={submit} noValidate>
      <h2 id="cp-edit-h">{t('customers.editTitle')}</h2>
      <div className="row">
        <TextField
          label={t('customers.name')}
          inputRef={nameRef}
          autoComplete="off"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errs.name}
        />
        <TextField
          label={t('customers.phone')}
          inputMode="tel"
          autoComplete="off"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          error={errs.phone}
        />
      </div>
      {taken && typeof taken.existingId === 'number' ? (
        <p className="taken">
          <a href={href(`/customers/${taken.existingId}`)}>
            {t('customers.openOther', { name: String(taken.existingName ?? '') })}
          </a>
        </p>
      ) : null}
      <div className="row">
        <TextField
          label={t('customers.memberCode')}
          autoComplete="off"
          value={memberCode}
          onChange={(e) => setMemberCode(e.target.value)}
          error={errs.memberCode}
        />
        <TextField
          label={t('customers.birthday')}
          autoComplete="off"
          inputMode="numeric"
          value={birthday}
          onChange={(e) => setBirthday(e.target.value)}
          error={errs.birthday}
          hint={t('customers.birthdayHint')}
        />
        <SelectField
          label={t('customers.staffSelect')}
          value={staffId}
          onChange={(e) => setStaffId(e.target.value)}
          error={errs.staffId}
        >
          <option value="">{t('customers.noStaff')}</option>
          {staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.isActive ? s.name : t('customers.staffLeft', { name: s.name })}
            </option>
          ))}
        </SelectField>
      </div>
      {error && !anyFieldErr ? (
        <p role="alert" className="form-error">
          {errorText(t, error)}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('customers.saveChanges')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

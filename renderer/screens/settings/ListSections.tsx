import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/context';
import { useT } from '../../app/i18n';
import { useShop } from '../../app/shop';
import { useFormat } from '../../app/format';
import { SelectField, TextField } from '../../components/Field';
import { fieldError } from '../../components/errors';
import { usePaymentName } from '../../components/names';
import { StaffAccessList } from './StaffAccess';

/** Adding a named entry and switching entries on and off, then reloading the shop's status. */
function useNamedList(
  create: (name: string) => Promise<unknown>,
  setActive: (id: number, isActive: boolean) => Promise<unknown>,
) {
  const { refresh } = useShop();
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await create(name);
      setName('');
      setError(null);
      await refresh();
    } catch (err) {
      setError(err);
    }
  };
  const toggle = async (id: number, isActive: boolean) => {
    await setActive(id, isActive);
    await refresh();
  };
  return { name, setName, error, add, toggle };
}

/** Staff: add, mark as left (kept on past sales) or back, and the counter's default. */
export function StaffSection() {
  const { t } = useT();
  const f = useFormat();
  const api = useApi();
  const { status, refresh } = useShop();
  const { name, setName, error, add, toggle } = useNamedList(
    (n) => api.call('staff.create', { name: n }),
    (id, isActive) => api.call('staff.update', { id, isActive }),
  );
  return (
    <section className="panel" aria-labelledby="settings-staff-h">
      <h2 id="settings-staff-h">{t('settings.staff')}</h2>
      <ul className="plain-list">
        {status.staff.map((s) => (
          <li key={s.id}>
            <span className={s.isActive ? '' : 'muted'}>{s.name}</span>
            <span className="muted">
              {s.isActive ? t('settings.staffActive') : t('settings.staffLeft', { date: f.date(s.leftAt) })}
            </span>
            <button type="button" className="secondary small" onClick={() => void toggle(s.id, !s.isActive)}>
              {s.isActive ? t('settings.markLeft', { name: s.name }) : t('settings.markBack', { name: s.name })}
            </button>
          </li>
        ))}
      </ul>
      <form className="row inline-add" onSubmit={add} noValidate>
        <TextField
          label={t('settings.staffName')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldError(t, error, 'name')}
        />
        <button type="submit">{t('settings.addStaff')}</button>
      </form>
      <DefaultSelect
        label={t('settings.defaultStaff')}
        value={status.settings.defaultStaffId}
        options={status.staff.filter((s) => s.isActive).map((s) => ({ id: s.id, name: s.name }))}
        onChange={async (id) => {
          await api.call('settings.update', { defaultStaffId: id });
          await refresh();
        }}
      />
      <StaffAccessList />
    </section>
  );
}

/** Payment methods: add your own, hide unused ones, choose the counter's default. */
export function PaymentSection() {
  const { t } = useT();
  const api = useApi();
  const paymentName = usePaymentName();
  const { status, refresh } = useShop();
  const { name, setName, error, add, toggle } = useNamedList(
    (n) => api.call('paymentMethods.create', { name: n }),
    (id, isActive) => api.call('paymentMethods.update', { id, isActive }),
  );
  return (
    <section className="panel" aria-labelledby="settings-pay-h">
      <h2 id="settings-pay-h">{t('settings.payments')}</h2>
      <ul className="plain-list">
        {status.paymentMethods.map((p) => {
          const label = paymentName(p.id, p.name);
          return (
            <li key={p.id}>
              <span className={p.isActive ? '' : 'muted'}>{label}</span>
              {p.isActive ? null : <span className="muted">{t('settings.hidden')}</span>}
              <button type="button" className="secondary small" onClick={() => void toggle(p.id, !p.isActive)}>
                {p.isActive ? t('settings.hidePayment', { name: label }) : t('settings.showPayment', { name: label })}
              </button>
            </li>
          );
        })}
      </ul>
      <form className="row inline-add" onSubmit={add} noValidate>
        <TextField
          label={t('settings.paymentName')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldError(t, error, 'name')}
        />
        <button type="submit">{t('settings.addPayment')}</button>
      </form>
      <DefaultSelect
        label={t('settings.defaultPayment')}
        value={status.settings.defaultPaymentMethodId}
        options={status.paymentMethods.filter((p) => p.isActive).map((p) => ({ id: p.id, name: paymentName(p.id, p.name) }))}
        onChange={async (id) => {
          await api.call('settings.update', { defaultPaymentMethodId: id });
          await refresh();
        }}
      />
    </section>
  );
}

function DefaultSelect(props: {
  label: string;
  value: number | null;
  options: { id: number; name: string }[];
  onChange(id: number | null): Promise<void>;
}) {
  const { t } = useT();
  return (
    <SelectField
      label={props.label}
      value={props.value ?? ''}
      onChange={(e) => void props.onChange(e.target.value ? Number(e.target.value) : null)}
    >
      <option value="">{t('settings.none')}</option>
      {props.options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </SelectField>
  );
}

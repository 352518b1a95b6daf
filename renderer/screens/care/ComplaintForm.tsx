import { useState, type FormEvent } from 'react';
import { COMPLAINT_CHANNELS, LEAVE_REASONS, SEVERITIES } from '../../../shared/domain/care';
import type { Complaint } from '../../../shared/schemas/care';
import { useApi } from '../../api/context';
import { useT } from '../../app/i18n';
import { useShop } from '../../app/shop';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { errorText, fieldError } from '../../components/errors';

/** Logs a complaint for a customer in seconds: only what happened is required to type. */
export function ComplaintForm({
  customerId,
  onSaved,
  onCancel,
}: {
  customerId: number;
  onSaved(c: Complaint): void;
  onCancel(): void;
}) {
  const { t } = useT();
  const api = useApi();
  const { status } = useShop();
  const [channel, setChannel] = useState<(typeof COMPLAINT_CHANNELS)[number]>('in_person');
  const [reason, setReason] = useState<(typeof LEAVE_REASONS)[number]>('quality');
  const [severity, setSeverity] = useState<(typeof SEVERITIES)[number]>('minor');
  const [whatHappened, setWhatHappened] = useState('');
  const [customerWants, setCustomerWants] = useState('');
  const [staffId, setStaffId] = useState(status.settings.defaultStaffId ? String(status.settings.defaultStaffId) : '');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const c = await api.call('complaints.open', {
        customerId,
        channel,
        reason,
        severity,
        whatHappened,
        customerWants,
        staffId: staffId ? Number(staffId) : null,
      });
      setError(null);
      onSaved(c);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="complaint-form" onSubmit={submit} noValidate aria-label={t('complaints.log')}>
      <div className="row">
        <SelectField
          label={t('complaints.channel')}
          value={channel}
          onChange={(e) => setChannel(e.target.value as typeof channel)}
        >
          {COMPLAINT_CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`complaintChannel.${c}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('complaints.reason')} value={reason} onChange={(e) => setReason(e.target.value as typeof reason)}>
          {LEAVE_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`reason.${r}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('complaints.severity')}
          value={severity}
          onChange={(e) => setSeverity(e.target.value as typeof severity)}
        >
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {t(`severity.${s}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('complaints.staff')} value={staffId} onChange={(e) => setStaffId(e.target.value)}>
          <option value="">{t('common.none')}</option>
          {status.staff
            .filter((s) => s.isActive)
            .map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
        </SelectField>
      </div>
      <TextAreaField
        label={t('complaints.whatHappened')}
        value={whatHappened}
        maxLength={1000}
        onChange={(e) => setWhatHappened(e.target.value)}
        error={fieldError(t, error, 'whatHappened')}
      />
      <TextField
        label={t('complaints.customerWants')}
        value={customerWants}
        maxLength={500}
        onChange={(e) => setCustomerWants(e.target.value)}
        error={fieldError(t, error, 'customerWants')}
      />
      {error && !fieldError(t, error, 'whatHappened') ? (
        <p role="alert" className="form-error">
          {errorText(t, error)}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" disabled={busy}>
          {t('complaints.save')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

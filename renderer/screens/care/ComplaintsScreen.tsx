import { useCallback, useState, type FormEvent } from 'react';
import { COMPLAINT_OUTCOMES, COMPLAINT_STEPS, REMEDIES, type ComplaintStep } from '../../../shared/domain/care';
import { parseAmountToMinor } from '../../../shared/domain/money';
import type { Complaint } from '../../../shared/schemas/care';
import { useApi } from '../../api/context';
import { useCall } from '../../api/useCall';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { href, match } from '../../app/router';
import { SelectField, TextField } from '../../components/Field';
import { errorText, fieldError, invalidField } from '../../components/errors';
import { BackLink, CaseList, CaseLoading } from './CaseShell';
import { ContactCard } from '../../components/ContactCard';
import { AttemptHistory } from './Attempts';

/** Complaints: the list (due dates, overdue ones highlighted) and each complaint's checklist. */
export function ComplaintsScreen({ path }: { path: string }) {
  const one = match('/complaints/:id', path);
  return one ? <ComplaintPage key={one.id} id={Number(one.id)} /> : <ComplaintList />;
}

function ComplaintList() {
  const { t } = useT();
  const f = useFormat();
  const api = useApi();
  const load = useCallback((all: boolean) => api.call('complaints.list', { filter: all ? 'all' : 'active' }), [api]);
  return (
    <CaseList
      title={t('complaints.title')}
      intro={t('complaints.intro')}
      showAll={t('complaints.showAll')}
      none={t('complaints.none')}
      load={load}
      head={[
        t('complaints.customer'),
        t('complaints.reason'),
        t('complaints.severity'),
        t('complaints.checklist'),
        t('today.due', { date: '' }).trim(),
      ]}
      row={(c) => (
        <tr key={c.id} className={c.overdue ? 'overdue' : undefined}>
          <th scope="row">
            <a href={href(`/complaints/${c.id}`)}>{c.customerName}</a>
            <div className="muted">{t('complaints.opened', { date: f.day(c.openedOn) })}</div>
          </th>
          <td>{t(`reason.${c.reason}`)}</td>
          <td>{t(`severity.${c.severity}`)}</td>
          <td>
            {t(`complaintStatus.${c.status}`)}
            {c.nextStep ? <div className="muted">→ {t(`step.${c.nextStep}`)}</div> : null}
            {c.outcome ? <div className="muted">{t(`outcome.${c.outcome}`)}</div> : null}
          </td>
          <td>
            {c.due ? f.day(c.due) : ''}
            {c.overdue ? <strong className="overdue-mark"> {t('complaints.overdue')}</strong> : null}
          </td>
        </tr>
      )}
    />
  );
}

function ComplaintPage({ id }: { id: number }) {
  const { t } = useT();
  const f = useFormat();
  const one = useCall('complaints.get', { id });
  const c = one.data;
  const setC = one.set;

  if (!c) return <CaseLoading route="/complaints" label={t('complaints.title')} error={one.error} />;
  const doneAt = (step: ComplaintStep) => c.events.find((e) => e.step === step);
  return (
    <div className="care-screen">
      <BackLink route="/complaints" label={t('complaints.title')} />
      <h1>
        {t('complaints.one')}: <a href={href(`/customers/${c.customerId}`)}>{c.customerName}</a>
      </h1>
      {c.contact ? <ContactCard name={c.customerName} {...c.contact} /> : null}
      {c.reach ? <AttemptHistory reach={c.reach} /> : null}
      <dl className="facts">
        <div>
          <dt>{t('complaints.reason')}</dt>
          <dd>{t(`reason.${c.reason}`)}</dd>
        </div>
        <div>
          <dt>{t('complaints.severity')}</dt>
          <dd>{t(`severity.${c.severity}`)}</dd>
        </div>
        <div>
          <dt>{t('complaints.channel')}</dt>
          <dd>{t(`complaintChannel.${c.channel}`)}</dd>
        </div>
        <div>
          <dt>{t('complaints.whatHappened')}</dt>
          <dd>{c.whatHappened}</dd>
        </div>
        {c.customerWants ? (
          <div>
            <dt>{t('complaints.customerWants')}</dt>
            <dd>{c.customerWants}</dd>
          </div>
        ) : null}
      </dl>
      <p className={c.overdue ? 'overdue' : 'muted'}>
        {t('complaints.opened', { date: f.day(c.openedOn) })} · {t('complaints.ackBy', { date: f.day(c.acknowledgeBy) })} ·{' '}
        {t('complaints.resolveBy', { date: f.day(c.resolveBy) })}
        {c.followUpOn ? ` · ${t('complaints.followUpOn', { date: f.day(c.followUpOn) })}` : ''}
        {c.overdue ? <strong className="overdue-mark"> {t('complaints.overdue')}</strong> : null}
      </p>
      <section className="panel" aria-labelledby="complaint-steps">
        <h2 id="complaint-steps">
          {t('complaints.checklist')} — {t(`complaintStatus.${c.status}`)}
        </h2>
        <ol className="checklist">
          {COMPLAINT_STEPS.map((step) => {
            const ev = doneAt(step);
            return (
              <li key={step} className={c.done[step] ? 'done' : undefined}>
                <span>{t(`step.${step}`)}</span>
                {c.done[step] && ev ? (
                  <span className="muted">
                    {' '}
                    — {t('complaints.doneAt', { date: f.dateTime(ev.at) })}
                    {step === 'agree_remedy' && c.remedy ? `: ${t(`remedy.${c.remedy}`)}` : ''}
                    {step === 'act' && c.remedyCostMinor ? ` (${f.money(c.remedyCostMinor)})` : ''}
                    {step === 'follow_up' && c.outcome ? `: ${t(`outcome.${c.outcome}`)}` : ''}
                    {ev.note ? ` — ${ev.note}` : ''}
                  </span>
                ) : null}
              </li>
            );
          })}
        </ol>
        {c.nextStep ? <StepForm c={c} step={c.nextStep} onDone={setC} /> : null}
      </section>
    </div>
  );
}

function StepForm({ c, step, onDone }: { c: Complaint; step: ComplaintStep; onDone(c: Complaint): void }) {
  const { t } = useT();
  const api = useApi();
  const [note, setNote] = useState('');
  const [remedy, setRemedy] = useState(c.remedy ?? c.suggestedRemedy);
  const [cost, setCost] = useState('');
  const [outcome, setOutcome] = useState<(typeof COMPLAINT_OUTCOMES)[number]>('satisfied');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const costMinor = cost.trim() ? parseAmountToMinor(cost) : undefined;
    if (costMinor === null) {
      setError(invalidField('costMinor'));
      return;
    }
    try {
      onDone(
        await api.call('complaints.step', {
          id: c.id,
          step,
          note,
          ...(step === 'agree_remedy' ? { remedy } : {}),
          ...(step === 'act' && costMinor !== undefined ? { costMinor, remedy } : {}),
          ...(step === 'follow_up' ? { outcome } : {}),
        }),
      );
      setError(null);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form onSubmit={submit} noValidate className="step-form">
      {step === 'agree_remedy' ? (
        <>
          <SelectField label={t('complaints.remedy')} value={remedy} onChange={(e) => setRemedy(e.target.value as typeof remedy)}>
            {REMEDIES.map((r) => (
              <option key={r} value={r}>
                {t(`remedy.${r}`)}
              </option>
            ))}
          </SelectField>
          <p className="muted">{t('complaints.suggested', { remedy: t(`remedy.${c.suggestedRemedy}`) })}</p>
        </>
      ) : null}
      {step === 'act' ? (
        <TextField
          label={t('complaints.cost')}
          inputMode="decimal"
          value={cost}
          onChange={(e) => setCost(e.target.value)}
          error={fieldError(t, error, 'costMinor')}
        />
      ) : null}
      {step === 'follow_up' ? (
        <SelectField
          label={t('complaints.outcome')}
          value={outcome}
          onChange={(e) => setOutcome(e.target.value as typeof outcome)}
        >
          {COMPLAINT_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`outcome.${o}`)}
            </option>
          ))}
        </SelectField>
      ) : null}
      <TextField label={t('complaints.note')} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      {error && !fieldError(t, error, 'costMinor') ? (
        <p role="alert" className="form-error">
          {errorText(t, error)}
        </p>
      ) : null}
      <button type="submit">{t('complaints.markDone', { step: t(`step.${step}`) })}</button>
    </form>
  );
}

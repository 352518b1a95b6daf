import { useCallback, useState, type FormEvent } from 'react';
import { DECISIONS, LEAVE_REASONS, LET_GO_CRITERIA, REMEDIES } from '../../../shared/domain/care';
import { parseAmountToMinor } from '../../../shared/domain/money';
import { useApi } from '../../api/context';
import { useCall } from '../../api/useCall';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { href, match } from '../../app/router';
import { SelectField, TextField } from '../../components/Field';
import { DateField } from '../../components/DateField';
import { errorText, fieldError, invalidField } from '../../components/errors';
import { BackLink, CaseList, CaseLoading } from './CaseShell';
import { ContactCard } from '../../components/ContactCard';
import { AttemptHistory } from './Attempts';
import { CaseOffer } from './CaseOffer';

/** Win-back: the cases in progress (overdue ones highlighted) and each case's checklist. */
export function WinbackScreen({ path }: { path: string }) {
  const one = match('/winback/:id', path);
  return one ? <CasePage key={one.id} id={Number(one.id)} /> : <WinbackList />;
}

function WinbackList() {
  const { t } = useT();
  const f = useFormat();
  const api = useApi();
  const load = useCallback((all: boolean) => api.call('winback.list', { filter: all ? 'all' : 'active' }), [api]);
  return (
    <CaseList
      title={t('winback.title')}
      intro={t('winback.intro')}
      showAll={t('winback.showAll')}
      none={t('winback.none')}
      load={load}
      head={[t('complaints.customer'), t('winback.tier'), t('winback.reason'), t('winback.decision'), t('winback.followUpOn')]}
      row={(w) => (
        <tr key={w.id} className={w.status === 'overdue' ? 'overdue' : undefined}>
          <th scope="row">
            <a href={href(`/winback/${w.id}`)}>{w.customerName}</a>
            <div className="muted">{t(`winback.status.${w.status}`)}</div>
            {w.cameBackAt !== null ? (
              <div className="muted">{t('winback.cameBackShort', { date: f.date(w.cameBackAt) })}</div>
            ) : null}
          </th>
          <td>
            {t(`tier.${w.tier}`)}
            <div className="muted">{t('winback.value', { value: f.money(w.value12mMinor) })}</div>
          </td>
          <td>{w.reason ? t(`reason.${w.reason}`) : '—'}</td>
          <td>{t(`winback.decision.${w.decision ?? w.suggestedDecision}`)}</td>
          <td>
            {w.status === 'won_back' ? t('winback.status.won_back') : f.day(w.followUpOn)}
            {w.status === 'overdue' ? <strong className="overdue-mark"> {t('complaints.overdue')}</strong> : null}
          </td>
        </tr>
      )}
    />
  );
}

type WinbackEvent = 'opened' | 'contact' | 'decide' | 'remedy' | 'follow_up' | 'close' | 'let_go' | 'won_back' | 'reopened';
type StepInput = Record<string, unknown> & { step: string };

function CasePage({ id }: { id: number }) {
  const { t } = useT();
  const f = useFormat();
  const api = useApi();
  const one = useCall('winback.get', { id });
  const w = one.data;
  const setW = one.set;
  const [stepError, setError] = useState<unknown>(null);
  const error = stepError ?? one.error;
  const [note, setNote] = useState('');
  const [reason, setReason] = useState<(typeof LEAVE_REASONS)[number] | ''>('');
  const [decision, setDecision] = useState<(typeof DECISIONS)[number] | ''>('');
  const [remedy, setRemedy] = useState<(typeof REMEDIES)[number] | ''>('');
  const [cost, setCost] = useState('');
  const [followUpOn, setFollowUpOn] = useState('');
  const [criterion, setCriterion] = useState<(typeof LET_GO_CRITERIA)[number]>('not_profitable');

  const step = async (input: StepInput, e?: FormEvent) => {
    e?.preventDefault();
    try {
      setW(await api.call('winback.step', { id, note, ...input } as never));
      setNote('');
      setError(null);
    } catch (err) {
      setError(err);
    }
  };

  if (!w) return <CaseLoading route="/winback" label={t('winback.title')} error={error} />;
  const active = w.status === 'open' || w.status === 'contacted' || w.status === 'overdue';
  const remedyNow = remedy || w.remedy || w.suggestedRemedy || 'call_and_listen';
  return (
    <div className="care-screen">
      <BackLink route="/winback" label={t('winback.title')} />
      <h1>
        {t('winback.one')}: <a href={href(`/customers/${w.customerId}`)}>{w.customerName}</a>
      </h1>
      <p>
        <span className={`badge winback-${w.status}`}>{t(`winback.status.${w.status}`)}</span> {t(`tier.${w.tier}`)} ·{' '}
        {t('winback.value', { value: f.money(w.value12mMinor) })}
        {active ? ` · ${t('winback.followUp', { date: f.day(w.followUpOn) })}` : ''}
      </p>
      {w.cameBackAt !== null ? (
        <p role="status" className="success">
          {t('winback.cameBack', { name: w.customerName, date: f.date(w.cameBackAt) })}
        </p>
      ) : null}
      {w.contact ? <ContactCard name={w.customerName} {...w.contact} /> : null}
      {w.reach ? <AttemptHistory reach={w.reach} /> : null}
      <CaseOffer c={w} active={active} onChanged={setW} />
      {w.status === 'won_back' && w.closedAt ? (
        <p role="status" className="success">
          {t('winback.wonBack', { date: f.dateTime(w.closedAt), value: f.money(w.recoveredMinor) })}
          {w.offer?.saleId != null && w.offer.saleId === w.wonSaleId ? ` ${t('offers.wonWith', { code: w.offer.code })}` : ''}
        </p>
      ) : null}
      {w.status === 'let_go' && w.letGoCriterion ? (
        <p role="status">{t('winback.lettingGo', { criterion: t(`winback.criterion.${w.letGoCriterion}`) })}</p>
      ) : null}
      {error ? (
        <p role="alert" className="form-error">
          {errorText(t, error)}
        </p>
      ) : null}
      {active ? (
        <>
          <TextField label={t('winback.note')} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
          <section className="panel" aria-labelledby="wb-1">
            <h2 id="wb-1">{t('winback.step1')}</h2>
            {w.reason ? <p>{t(`reason.${w.reason}`)}</p> : null}
            <form
              className="row"
              onSubmit={(e) => void step({ step: 'contact', reason: reason || w.reason || 'unknown' }, e)}
              noValidate
            >
              <SelectField
                label={t('winback.reason')}
                value={reason || w.reason || 'unknown'}
                onChange={(e) => setReason(e.target.value as typeof reason)}
                error={fieldError(t, error, 'reason')}
              >
                {LEAVE_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`reason.${r}`)}
                  </option>
                ))}
              </SelectField>
              <button type="submit">{t('winback.contacted')}</button>
            </form>
          </section>
          <section className="panel" aria-labelledby="wb-2">
            <h2 id="wb-2">{t('winback.step2')}</h2>
            <p className="muted">
              {t('winback.suggestedDecision', {
                tier: t(`tier.${w.tier}`),
                decision: t(`winback.decision.${w.suggestedDecision}`),
              })}
            </p>
            <form
              className="row"
              onSubmit={(e) => void step({ step: 'decide', decision: decision || w.decision || w.suggestedDecision }, e)}
              noValidate
            >
              <SelectField
                label={t('winback.decision')}
                value={decision || w.decision || w.suggestedDecision}
                onChange={(e) => setDecision(e.target.value as typeof decision)}
              >
                {DECISIONS.map((d) => (
                  <option key={d} value={d}>
                    {t(`winback.decision.${d}`)}
                  </option>
                ))}
              </SelectField>
              <button type="submit">{t('winback.saveDecision')}</button>
            </form>
          </section>
          <section className="panel" aria-labelledby="wb-3">
            <h2 id="wb-3">{t('winback.step3')}</h2>
            {w.suggestedRemedy ? (
              <p className="muted">{t('complaints.suggested', { remedy: t(`remedy.${w.suggestedRemedy}`) })}</p>
            ) : null}
            <form
              className="row"
              onSubmit={(e) => {
                const costMinor = cost.trim() ? parseAmountToMinor(cost) : 0;
                if (costMinor === null) {
                  e.preventDefault();
                  setError(invalidField('costMinor'));
                  return;
                }
                void step({ step: 'remedy', remedy: remedyNow, costMinor }, e);
              }}
              noValidate
            >
              <SelectField
                label={t('complaints.remedy')}
                value={remedyNow}
                onChange={(e) => setRemedy(e.target.value as typeof remedy)}
              >
                {REMEDIES.map((r) => (
                  <option key={r} value={r}>
                    {t(`remedy.${r}`)}
                  </option>
                ))}
              </SelectField>
              <TextField
                label={t('complaints.cost')}
                inputMode="decimal"
                value={cost}
                onChange={(e) => setCost(e.target.value)}
                error={fieldError(t, error, 'costMinor')}
              />
              <button type="submit">{t('winback.applyRemedy')}</button>
            </form>
          </section>
          <section className="panel" aria-labelledby="wb-4">
            <h2 id="wb-4">{t('winback.step4')}</h2>
            <form className="row" onSubmit={(e) => void step({ step: 'follow_up', followUpOn }, e)} noValidate>
              <DateField
                label={t('winback.followUpOn')}
                value={followUpOn || w.followUpOn}
                onChange={setFollowUpOn}
                error={fieldError(t, error, 'followUpOn')}
              />
              <button type="submit">{t('winback.setFollowUp')}</button>
            </form>
          </section>
          <section className="panel" aria-labelledby="wb-5">
            <h2 id="wb-5">{t('winback.step5')}</h2>
            <div className="row">
              <button type="button" className="secondary" onClick={() => void step({ step: 'close' })}>
                {t('winback.close')}
              </button>
            </div>
            <form className="row" onSubmit={(e) => void step({ step: 'let_go', criterion }, e)} noValidate>
              <SelectField
                label={t('winback.letGoWhy')}
                value={criterion}
                onChange={(e) => setCriterion(e.target.value as typeof criterion)}
              >
                {LET_GO_CRITERIA.map((c) => (
                  <option key={c} value={c}>
                    {t(`winback.criterion.${c}`)}
                  </option>
                ))}
              </SelectField>
              <button type="submit" className="secondary">
                {t('winback.letGo')}
              </button>
            </form>
          </section>
        </>
      ) : null}
      <section className="panel" aria-labelledby="wb-history">
        <h2 id="wb-history">{t('complaints.history')}</h2>
        <ol className="checklist">
          {w.events.map((e, i) => (
            <li key={i}>
              {f.dateTime(e.at)} — {t(`event.${e.step as WinbackEvent}`)}
              {e.note ? `: ${e.note}` : ''}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

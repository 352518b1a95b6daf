import { useState } from 'react';
import { LEAVE_REASONS } from '../../../shared/domain/care';
import { ATTEMPT_OUTCOMES, type AttemptSummary } from '../../../shared/schemas/care';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { SelectField } from '../../components/Field';

type Outcome = (typeof ATTEMPT_OUTCOMES)[number];
type Reason = (typeof LEAVE_REASONS)[number];

/**
 * One click per attempt: reached, no answer, wrong number. Only a task that asks why the customer
 * stopped coming (`askReason`: win-back) offers the reason to record with "reached".
 */
export function AttemptBar({
  name,
  askReason,
  onRecord,
}: {
  name: string;
  askReason: boolean;
  onRecord(input: { outcome: Outcome; reason?: Reason }): Promise<void>;
}) {
  const { t } = useT();
  const [reason, setReason] = useState<Reason | ''>('');
  return (
    <div className="row attempt-bar">
      {askReason ? (
        <SelectField
          label={t('reach.reasonIfSaid', { name })}
          value={reason}
          onChange={(e) => setReason(e.target.value as Reason | '')}
        >
          <option value="">{t('reach.reasonNotSaid')}</option>
          {LEAVE_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`reason.${r}`)}
            </option>
          ))}
        </SelectField>
      ) : null}
      {ATTEMPT_OUTCOMES.map((o) => (
        <button
          key={o}
          type="button"
          className="secondary small"
          aria-label={t('reach.recordFor', { outcome: t(`reach.attempt.${o}`), name })}
          onClick={() => void onRecord(askReason && o === 'reached' && reason ? { outcome: o, reason } : { outcome: o })}
        >
          {t(`reach.attempt.${o}`)}
        </button>
      ))}
    </div>
  );
}

/** The attempts so far, and what they come to (try again on…, no answer after 3 tries, wrong number). */
export function AttemptHistory({ reach }: { reach: AttemptSummary }) {
  const { t } = useT();
  const f = useFormat();
  if (!reach.attempts.length) return null;
  return (
    <div className="attempts">
      {reach.wrongNumber ? <p className="form-error">{t('reach.wrongNumberOnFile')}</p> : null}
      {reach.noAnswerTries >= 3 ? (
        <p className="banner banner-risk">{t('reach.triedTimes', { count: reach.noAnswerTries })}</p>
      ) : null}
      {reach.retryOn && reach.noAnswerTries < 3 ? (
        <p className="muted">{t('reach.retryOn', { date: f.day(reach.retryOn) })}</p>
      ) : null}
      <ol aria-label={t('reach.attempts')} className="checklist">
        {reach.attempts.map((a, i) => (
          <li key={i}>
            {a.reason
              ? t('reach.attemptLineReason', {
                  date: f.dateTime(a.at),
                  outcome: t(`reach.attempt.${a.outcome}`),
                  reason: t(`reason.${a.reason}`),
                })
              : t('reach.attemptLine', { date: f.dateTime(a.at), outcome: t(`reach.attempt.${a.outcome}`) })}
            {a.note ? `: ${a.note}` : ''}
          </li>
        ))}
      </ol>
    </div>
  );
}

import { useState } from 'react';
import type { Complaint, WinbackCase } from '../../../shared/schemas/care';
import { useApi } from '../../api/context';
import { useLatest } from '../../api/useCall';
import { useT } from '../../app/i18n';
import { href, navigate } from '../../app/router';
import { useRole } from '../../app/session';
import { errorText } from '../../components/errors';
import { ComplaintForm } from './ComplaintForm';

/**
 * For one customer, at the counter and on their page: the at-risk banner when a complaint is open
 * or its follow-up found them not satisfied, logging a complaint, and starting (or opening) their
 * win-back case (only for a customer who has bought: someone who never did has nothing to win back).
 */
export function CareActions({ customerId, name, visits }: { customerId: number; name: string; visits: number }) {
  const { t } = useT();
  const api = useApi();
  const [logging, setLogging] = useState(false);
  const [message, setMessage] = useState<{ text: string; link: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Win-back is the owner's: a cashier on another device logs complaints only (issue 18).
  const owner = useRole() === 'owner';

  // Keyed by customer: at the counter a slow answer for the customer picked before never shows
  // their complaints on the one picked now.
  const care = useLatest<{ complaints: Complaint[]; cases: WinbackCase[] }>(
    () =>
      Promise.all([
        api.call('complaints.list', { filter: 'all', customerId }),
        owner ? api.call('winback.list', { filter: 'active', customerId }) : Promise.resolve([]),
      ]).then(([complaints, cases]) => ({ complaints, cases })),
    `${customerId} ${owner}`,
  );
  const complaints = care.loading ? [] : (care.data?.complaints ?? []);
  const cases = care.loading ? [] : (care.data?.cases ?? []);

  const atRisk = complaints.filter((c) => c.status !== 'followed_up' || c.outcome === 'not_satisfied');
  const open = cases[0];

  const startWinback = async () => {
    try {
      const w = await api.call('winback.start', { customerId });
      navigate(`/winback/${w.id}`);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <div className="care-actions">
      {atRisk.map((c) => (
        <div key={c.id} className="banner banner-risk" role="status">
          {c.status === 'followed_up'
            ? t('complaints.atRiskUnsatisfied', { name })
            : t('complaints.atRisk', { name, reason: t(`reason.${c.reason}`) })}{' '}
          <a href={href(`/complaints/${c.id}`)}>{t('complaints.open')}</a>
        </div>
      ))}
      {message ? (
        <p role="status" className="success">
          {message.text} <a href={href(message.link)}>{t('complaints.open')}</a>
        </p>
      ) : null}
      {error || care.error ? (
        <p role="alert" className="form-error">
          {errorText(t, error ?? care.error)}
        </p>
      ) : null}
      {logging ? (
        <ComplaintForm
          customerId={customerId}
          onCancel={() => setLogging(false)}
          onSaved={(c) => {
            setLogging(false);
            setMessage({ text: t('complaints.saved', { name }), link: `/complaints/${c.id}` });
            care.reload();
          }}
        />
      ) : (
        <div className="row no-print">
          <button type="button" className="secondary small" onClick={() => setLogging(true)}>
            {t('complaints.log')}
          </button>
          {!owner ? null : open ? (
            <a className="button secondary small" href={href(`/winback/${open.id}`)}>
              {t('winback.open')}: {t(`winback.status.${open.status}`)}
            </a>
          ) : visits > 0 ? (
            <button type="button" className="secondary small" onClick={() => void startWinback()}>
              {t('winback.start')}
            </button>
          ) : null}
        </div>
      )}
    </div>
  );
}

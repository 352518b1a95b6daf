import { useState } from 'react';
import type { TodayItem } from '../../../shared/schemas/care';
import { asksLeaveReason, COMPLAINT_OUTCOMES } from '../../../shared/domain/care';
import { useApi } from '../../api/context';
import { useCall } from '../../api/useCall';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { href } from '../../app/router';
import { errorText } from '../../components/errors';
import { ContactCard } from '../../components/ContactCard';
import { AttemptBar, AttemptHistory } from './Attempts';

const linkOf = (i: TodayItem) =>
  i.kind.startsWith('complaint_')
    ? `/complaints/${i.ref}`
    : i.kind === 'winback_follow_up'
      ? `/winback/${i.ref}`
      : `/customers/${i.customer_id}`;

/** Today: what needs doing, most valuable first; each item done in one click with a note. */
export function TodayScreen() {
  const { t } = useT();
  const api = useApi();
  const list = useCall('today.list', {});
  const items = list.data ?? null;
  const [doneError, setError] = useState<unknown>(null);
  const error = doneError ?? list.error;
  const [done, setDone] = useState('');

  return (
    <div className="care-screen today-screen">
      <h1>{t('today.title')}</h1>
      <p className="muted">{t('today.intro')}</p>
      {done ? (
        <p role="status" className="success">
          {done}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="form-error">
          {errorText(t, error)}
        </p>
      ) : null}
      {items === null && !error ? <p role="status">{t('common.loading')}</p> : null}
      {items && !items.length ? <p>{t('today.none')}</p> : null}
      {items?.length ? (
        <ul className="today-list" aria-label={t('today.title')}>
          {items.map((i) => (
            <Item
              key={`${i.kind}-${i.ref}`}
              item={i}
              onAttempt={async (input) => {
                try {
                  await api.call('reach.attempt', { kind: i.kind as never, ref: i.ref, ...input });
                  setDone(t('reach.recorded', { outcome: t(`reach.attempt.${input.outcome}`), name: i.customer_name }));
                  setError(null);
                  list.reload();
                } catch (err) {
                  setError(err);
                }
              }}
              onDone={async (input) => {
                try {
                  await api.call('today.done', { kind: i.kind, ref: i.ref, ...input });
                  setDone(t('today.done.toast', { title: titleOf(t, i) }));
                  setError(null);
                  list.reload();
                } catch (err) {
                  setError(err);
                }
              }}
            />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function titleOf(t: ReturnType<typeof useT>['t'], i: TodayItem): string {
  return t(`today.item.${i.kind}`, { name: i.customer_name, tier: i.tier ? t(`tier.${i.tier}`) : '' });
}

function Item({
  item,
  onDone,
  onAttempt,
}: {
  item: TodayItem;
  onAttempt(input: Parameters<Parameters<typeof AttemptBar>[0]['onRecord']>[0]): Promise<void>;
  onDone(input: { note: string; outcome?: (typeof COMPLAINT_OUTCOMES)[number] }): Promise<void>;
}) {
  const { t } = useT();
  const f = useFormat();
  const [note, setNote] = useState('');
  const title = titleOf(t, item);
  const noteId = `note-${item.kind}-${item.ref}`;
  return (
    <li className={item.overdue ? 'overdue' : undefined}>
      <div className="today-head">
        <a href={href(linkOf(item))}>{title}</a>
        <span className="muted">
          {item.overdue ? t('today.overdue', { date: f.day(item.due) }) : t('today.due', { date: f.day(item.due) })}
          {item.value_minor ? ` · ${t('today.value', { money: f.money(item.value_minor) })}` : ''}
        </span>
      </div>
      <ContactCard name={item.customer_name} phone={item.phone} consents={item.consents} message={item.message} />
      {item.kind === 'introduce_contact' ? null : (
        <AttemptBar name={item.customer_name} askReason={asksLeaveReason(item.kind)} onRecord={onAttempt} />
      )}
      <AttemptHistory reach={item.reach} />
      <div className="row">
        <label className="visually-hidden" htmlFor={noteId}>
          {t('today.doneNote', { title })}
        </label>
        <input
          id={noteId}
          placeholder={t('complaints.note')}
          value={note}
          maxLength={500}
          onChange={(e) => setNote(e.target.value)}
        />
        {item.kind === 'complaint_follow_up' ? (
          // The follow-up's own question: is the customer satisfied with how it was handled?
          <div role="group" className="row follow-up-outcome" aria-labelledby={`${noteId}-q`}>
            <span id={`${noteId}-q`}>{t('today.satisfiedQuestion', { name: item.customer_name })}</span>
            {COMPLAINT_OUTCOMES.map((o) => (
              <button
                key={o}
                type="button"
                className={o === 'satisfied' ? undefined : 'secondary'}
                onClick={() => void onDone({ note, outcome: o })}
              >
                {t(`outcome.${o}`)}
              </button>
            ))}
          </div>
        ) : (
          <button type="button" aria-label={t('today.markDone', { title })} onClick={() => void onDone({ note })}>
            {t('today.done')}
          </button>
        )}
      </div>
    </li>
  );
}

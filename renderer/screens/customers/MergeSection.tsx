import { useEffect, useRef, useState } from 'react';
import type { Customer } from '../../../shared/schemas/customer';
import { useApi } from '../../api/context';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { TextField } from '../../components/Field';
import { errorText } from '../../components/errors';
import { useCustomerSearch } from '../counter/useCustomerSearch';

interface Props {
  customer: Customer;
  onMerged(c: Customer, message: string): void;
}

/**
 * Folds a duplicate into this customer. The duplicate is found by search, and before anything
 * happens the owner sees exactly what moves over (the merge cannot be undone).
 */
export function MergeSection({ customer, onMerged }: Props) {
  const { t } = useT();
  const f = useFormat();
  const api = useApi();
  const [query, setQuery] = useState('');
  const [other, setOther] = useState<Customer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { results, settled } = useCustomerSearch(query);
  const confirmRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (other) confirmRef.current?.focus();
  }, [other]);
  const matches = results.filter((r) => r.id !== customer.id);
  const searching = query.trim() !== '' && other === null;

  const pick = async (id: number) => {
    try {
      setOther(await api.call('customers.get', { id }));
      setError(null);
    } catch (e) {
      setError(e);
    }
  };

  const merge = async () => {
    if (!other || busy) return;
    setBusy(true);
    try {
      const kept = await api.call('customers.merge', { keepId: customer.id, mergeId: other.id });
      const message = t('customers.merge.done', { other: other.name, name: kept.name });
      setOther(null);
      setQuery('');
      setError(null);
      onMerged(kept, message);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const s = other?.stats;
  return (
    <section className="panel merge" aria-labelledby="cp-merge-h">
      <h2 id="cp-merge-h">{t('customers.merge.title')}</h2>
      <p className="hint">{t('customers.merge.hint')}</p>
      <TextField
        label={t('customers.merge.search')}
        type="search"
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOther(null);
        }}
      />
      {searching && matches.length > 0 ? (
        <ul className="merge-results" aria-label={t('customers.merge.results')}>
          {matches.map((r) => (
            <li key={r.id}>
              <button type="button" className="secondary merge-pick" onClick={() => void pick(r.id)}>
                <span className="opt-name">{r.name}</span>
                <span className="opt-phone">{f.phone(r.phone)}</span>
                {r.memberCode ? <span className="opt-code">#{r.memberCode}</span> : null}
                <span className="opt-meta">
                  {t('customers.merge.meta', {
                    visits: f.number(r.visits),
                    date: r.lastVisitAt ? f.date(r.lastVisitAt) : t('common.never'),
                  })}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {searching && settled && matches.length === 0 ? (
        <p className="muted">{t('customers.merge.noMatch', { query: query.trim() })}</p>
      ) : null}

      {other && s ? (
        <div ref={confirmRef} tabIndex={-1} className="merge-confirm" role="group" aria-labelledby="cp-merge-confirm-h">
          <h3 id="cp-merge-confirm-h">{t('customers.merge.confirmTitle', { other: other.name, name: customer.name })}</h3>
          <p>{t('customers.merge.moves', { other: other.name, name: customer.name })}</p>
          <ul>
            <li>
              {t('customers.merge.sales', { count: s.salesCount, n: f.number(s.salesCount), amount: f.money(s.totalMinor) })}
            </li>
            <li>
              {other.tags.length ? t('customers.merge.tags', { tags: other.tags.join(' · ') }) : t('customers.merge.noTags')}
            </li>
            <li>{t('customers.merge.consent')}</li>
            <li>{other.notes.trim() ? t('customers.merge.notes') : t('customers.merge.noNotes')}</li>
            <li>{t('customers.merge.fills', { name: customer.name })}</li>
          </ul>
          <p className="warn">{t('customers.merge.after', { other: other.name, name: customer.name })}</p>
          <div className="actions">
            <button type="button" className="danger" disabled={busy} onClick={() => void merge()}>
              {t('customers.merge.confirm')}
            </button>
            <button type="button" className="secondary" onClick={() => setOther(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="form-error">
          {errorText(t, error)}
        </p>
      ) : null}
    </section>
  );
}

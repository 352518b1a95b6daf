import { useCallback, useState } from 'react';
import { useApi } from '../../api/context';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { href } from '../../app/router';
import { TextField } from '../../components/Field';
import { useLiveSearch } from '../../components/useLiveSearch';

/**
 * Customers for a cashier on another device (issue 18): look a customer up and open their page
 * (contact details, complaints); the full list with its filters and exports is the owner's.
 */
export function CustomerLookup() {
  const { t } = useT();
  const f = useFormat();
  const api = useApi();
  const [query, setQuery] = useState('');
  const search = useCallback((q: string) => api.call('customers.search', { query: q, limit: 20 }), [api]);
  const { results, settled } = useLiveSearch(query, search);
  return (
    <div className="customers">
      <h1>{t('customers.title')}</h1>
      <TextField
        label={t('customers.search')}
        hint={t('customers.searchHint')}
        type="search"
        autoComplete="off"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {query.trim() && settled && results.length === 0 ? (
        <p className="muted">{t('counter.noMatch', { query: query.trim() })}</p>
      ) : null}
      <ul className="plain-list lookup-list" aria-label={t('customers.title')}>
        {results.map((c) => (
          <li key={c.id}>
            <a href={href(`/customers/${c.id}`)}>{c.name}</a>
            <span className="muted">{f.phone(c.phone)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

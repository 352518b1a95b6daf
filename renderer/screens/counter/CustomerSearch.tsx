import { forwardRef, useId, useState, type KeyboardEvent } from 'react';
import type { CustomerSummary } from '../../../shared/schemas/customer';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { useCustomerSearch } from './useCustomerSearch';

interface Props {
  onPick(c: CustomerSummary): void;
  onCreate(query: string): void;
  onClear(): void;
}

/**
 * The counter's search box: an ARIA combobox whose matches are options. ↑/↓ move, Enter picks the
 * highlighted (or first) match, Esc clears.
 */
export const CustomerSearch = forwardRef<HTMLInputElement, Props>(function CustomerSearch({ onPick, onCreate, onClear }, ref) {
  const { t } = useT();
  const f = useFormat();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const { results, settled } = useCustomerSearch(query);
  const listId = useId();
  const hintId = useId();
  const open = query.trim() !== '' && results.length > 0;
  const noMatch = query.trim() !== '' && settled && results.length === 0;

  const pick = (c: CustomerSummary) => {
    onPick(c);
    setQuery('');
    setActive(0);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && open) {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, results.length - 1));
    } else if (e.key === 'ArrowUp' && open) {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const c = results[Math.min(active, results.length - 1)];
      if (open && c) pick(c);
      else if (noMatch) onCreate(query.trim());
    } else if (e.key === 'Escape') {
      setQuery('');
      setActive(0);
      onClear();
    }
  };

  return (
    <div className="search" role="search" aria-label={t('counter.find')}>
      <label htmlFor={`${listId}-input`} className="search-label">
        {t('counter.find')}
      </label>
      <input
        ref={ref}
        id={`${listId}-input`}
        type="search"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-describedby={hintId}
        aria-activedescendant={open ? `${listId}-opt-${Math.min(active, results.length - 1)}` : undefined}
        value={query}
        placeholder={t('counter.findHint')}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <div id={hintId} className="hint">
        {t('counter.shortcuts')}
      </div>
      <ul id={listId} role="listbox" aria-label={t('counter.matches')} className="search-results" hidden={!open}>
        {results.map((c, i) => (
          <li
            key={c.id}
            id={`${listId}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(c)}
            onMouseEnter={() => setActive(i)}
          >
            <span className="opt-name">{c.name}</span>
            <span className="opt-phone">{f.phone(c.phone)}</span>
            {c.memberCode ? <span className="opt-code">#{c.memberCode}</span> : null}
            <span className="opt-meta">
              {t('counter.visits')} {f.number(c.visits)} · {c.lastVisitAt ? f.date(c.lastVisitAt) : t('common.never')}
            </span>
          </li>
        ))}
      </ul>
      {noMatch ? (
        <div className="no-match">
          <span>{t('counter.noMatch', { query: query.trim() })}</span>{' '}
          <button type="button" className="link" onClick={() => onCreate(query.trim())}>
            {t('counter.createNamed')}
          </button>
        </div>
      ) : null}
    </div>
  );
});

import { forwardRef, useId } from 'react';
import type { CustomerSummary } from '../../../shared/schemas/customer';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { useCombobox } from '../../components/useCombobox';
import { useCustomerSearch } from './useCustomerSearch';

interface Props {
  /** what is typed, kept by the counter so it can start clean for the next customer */
  query: string;
  onQueryChange(query: string): void;
  onPick(c: CustomerSummary): void;
  onCreate(query: string): void;
  onClear(): void;
}

/**
 * The counter's search box: an ARIA combobox whose matches are options. ↑/↓ move, Enter picks the
 * highlighted (or first) match, Esc clears.
 */
export const CustomerSearch = forwardRef<HTMLInputElement, Props>(function CustomerSearch(
  { query, onQueryChange: setQuery, onPick, onCreate, onClear },
  ref,
) {
  const { t } = useT();
  const f = useFormat();
  const { results, settled } = useCustomerSearch(query);
  const hintId = useId();
  const open = query.trim() !== '' && results.length > 0;
  const noMatch = query.trim() !== '' && settled && results.length === 0;

  const pick = (c: CustomerSummary) => {
    onPick(c);
    setQuery('');
    box.reset();
  };
  const box = useCombobox({
    results,
    open,
    onEnter: (c) => {
      if (c) pick(c);
      else if (noMatch) onCreate(query.trim());
    },
    onEscape: () => {
      setQuery('');
      onClear();
    },
  });

  return (
    <div className="search" role="search" aria-label={t('counter.find')}>
      <label htmlFor={box.inputId} className="search-label">
        {t('counter.find')}
      </label>
      <input
        ref={ref}
        {...box.inputProps}
        aria-describedby={hintId}
        value={query}
        placeholder={t('counter.findHint')}
        onChange={(e) => {
          setQuery(e.target.value);
          box.reset();
        }}
      />
      <div id={hintId} className="hint">
        {t('counter.shortcuts')}
      </div>
      <ul {...box.listProps} aria-label={t('counter.matches')}>
        {results.map((c, i) => (
          <li key={c.id} {...box.optionProps(i, () => pick(c))}>
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

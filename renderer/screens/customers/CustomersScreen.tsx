import { useEffect, useState } from 'react';
import { SavedFilters } from './SavedFilters';
import { CHANNELS } from '../../../shared/schemas/common';
import { useCall } from '../../api/useCall';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { SelectField, TextField } from '../../components/Field';
import { errorText } from '../../components/errors';
import { CustomerList } from './CustomerList';
import { filtersKey, useCustomerPages, type ConsentFilter, type ListFilters, type Sort } from './useCustomerPages';

const SORTS: Sort[] = ['last_visit', 'total_spent', 'name', 'created'];
const NO_FILTERS: ListFilters = { query: '', tag: null, consent: null, sort: 'last_visit' };
/** Wait for a pause in typing before searching 100,000 customers. */
const TYPING_DELAY_MS = 250;

/**
 * Filters and scroll position outlive the screen (for this session), so "Back to customers" from a
 * customer page returns to the same place in the list.
 */
let memory = { key: filtersKey(NO_FILTERS), filters: NO_FILTERS, offset: 0 };

export function CustomersScreen() {
  const { t } = useT();
  const f = useFormat();
  const [filters, setFilters] = useState<ListFilters>(memory.filters);
  const [queryText, setQueryText] = useState(memory.filters.query);
  // a failed answer leaves the tag filter with no tags to offer, not an error
  const tags = useCall('tags.list', {}).data ?? [];
  const list = useCustomerPages(filters);
  // A message another screen left for this one (e.g. after erasing a customer).
  const [flash] = useState(() => {
    const m = sessionStorage.getItem('regulars.flash') ?? '';
    sessionStorage.removeItem('regulars.flash');
    return m;
  });

  useEffect(() => {
    const timer = setTimeout(
      () => setFilters((fl) => (fl.query === queryText ? fl : { ...fl, query: queryText })),
      TYPING_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [queryText]);

  useEffect(() => {
    if (memory.key !== list.key) memory = { key: list.key, filters, offset: 0 };
  }, [list.key, filters]);

  const set = (patch: Partial<ListFilters>) => setFilters((fl) => ({ ...fl, ...patch }));
  const filtered = filters.query.trim() !== '' || filters.tag !== null || filters.consent !== null;
  const tagNames = tags.map((tg) => tg.name);
  const tagOptions = filters.tag && !tagNames.includes(filters.tag) ? [{ name: filters.tag, customers: 0 }, ...tags] : tags;

  return (
    <div className="customers">
      <h1>{t('customers.title')}</h1>
      <div className="cust-toolbar" role="search" aria-label={t('customers.filters')}>
        <TextField
          label={t('customers.search')}
          type="search"
          className="cust-search"
          autoComplete="off"
          spellCheck={false}
          placeholder={t('customers.searchHint')}
          value={queryText}
          onChange={(e) => setQueryText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') set({ query: queryText });
          }}
        />
        <SelectField label={t('customers.sortBy')} value={filters.sort} onChange={(e) => set({ sort: e.target.value as Sort })}>
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`customers.sort.${s}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('customers.tag')} value={filters.tag ?? ''} onChange={(e) => set({ tag: e.target.value || null })}>
          <option value="">{t('customers.allTags')}</option>
          {tagOptions.map((tg) => (
            <option key={tg.name} value={tg.name}>
              {t('customers.tagOption', { name: tg.name, n: f.number(tg.customers) })}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('customers.consent')}
          value={filters.consent ?? ''}
          onChange={(e) => set({ consent: (e.target.value || null) as ConsentFilter | null })}
        >
          <option value="">{t('customers.consentAny')}</option>
          {CHANNELS.map((ch) => (
            <option key={ch} value={ch}>
              {t(`channel.${ch}`)}
            </option>
          ))}
          <option value="none">{t('customers.consentNone')}</option>
        </SelectField>
      </div>
      <SavedFilters
        current={filters}
        filtered={filtered}
        onApply={(f) => {
          setQueryText(f.query);
          set({ query: f.query, tag: f.tag, consent: f.consent });
        }}
      />

      {flash ? (
        <p role="status" className="status-line">
          {flash}
        </p>
      ) : null}
      <p className="cust-count" role="status" aria-live="polite">
        {list.total === null ? t('common.loading') : t('customers.count', { count: list.total, n: f.number(list.total) })}
      </p>

      {list.error ? (
        <div className="panel">
          <p role="alert" className="form-error">
            {errorText(t, list.error)}
          </p>
          <button type="button" className="secondary" onClick={list.retry}>
            {t('common.retry')}
          </button>
        </div>
      ) : list.total === 0 ? (
        <div className="panel cust-empty">
          <p>{filtered ? t('customers.noMatch') : t('customers.empty')}</p>
          {filtered ? (
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setQueryText('');
                setFilters({ ...NO_FILTERS, sort: filters.sort });
              }}
            >
              {t('customers.clearFilters')}
            </button>
          ) : null}
        </div>
      ) : list.total !== null ? (
        <>
          <CustomerList
            key={list.key}
            total={list.total}
            sort={filters.sort}
            rowAt={list.rowAt}
            ensure={list.ensure}
            initialOffset={memory.key === list.key ? memory.offset : 0}
            onScrolled={(offset) => {
              memory = { key: list.key, filters, offset };
            }}
          />
          <p className="hint">{t('customers.listKeys')}</p>
        </>
      ) : null}
    </div>
  );
}

import { useCallback, useId, useState, type KeyboardEvent } from 'react';
import type { Product } from '../../../shared/schemas/products';
import { useApi } from '../../api/context';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { useLiveSearch } from '../../components/useLiveSearch';

interface Props {
  onAdd(p: Product): void;
  /** Enter in the empty box: the sale is done */
  onSubmitEmpty(): void;
}

/** A scanned code (or a typed SKU) picks its product outright; otherwise the highlighted match. */
function choose(rows: Product[], text: string, active: number): Product | undefined {
  const code = text.trim().toLowerCase();
  return rows.find((p) => p.barcode === text.trim() || p.sku?.toLowerCase() === code) ?? rows[Math.min(active, rows.length - 1)];
}

/**
 * Adds catalogue items to the sale: type a name, its pinyin initials or full pinyin, or scan a
 * barcode (the scanner types the code and Enter). An ARIA combobox: ↑/↓ move, Enter adds, Esc
 * clears; Enter in the empty box saves the sale.
 */
export function ItemEntry({ onAdd, onSubmitEmpty }: Props) {
  const { t } = useT();
  const f = useFormat();
  const api = useApi();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [miss, setMiss] = useState('');
  const search = useCallback((q: string) => api.call('products.list', { query: q, limit: 8 }), [api]);
  const { results, settledQuery } = useLiveSearch(query, search);
  const listId = useId();
  const hintId = useId();
  const open = query.trim() !== '' && results.length > 0;

  const add = (p: Product) => {
    onAdd(p);
    setQuery('');
    setActive(0);
    setMiss('');
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
      const text = query.trim();
      if (!text) return onSubmitEmpty();
      // A scanner is faster than the search: ask again when the results are for another text.
      if (settledQuery === text && results.length) {
        const p = choose(results, text, active);
        if (p) add(p);
        return;
      }
      setQuery('');
      void search(text).then((rows) => {
        const p = choose(rows, text, 0);
        if (p) add(p);
        else setMiss(text);
      });
    } else if (e.key === 'Escape') {
      setQuery('');
      setActive(0);
      setMiss('');
    }
  };

  return (
    <div className="item-entry">
      <label htmlFor={`${listId}-input`}>{t('counter.addItem')}</label>
      <input
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
        placeholder={t('counter.addItemHint')}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setMiss('');
        }}
        onKeyDown={onKeyDown}
      />
      <div id={hintId} className="hint" role={miss ? 'alert' : undefined}>
        {miss ? t('counter.noProduct', { query: miss }) : t('counter.addItemKeys')}
      </div>
      <ul id={listId} role="listbox" aria-label={t('counter.productMatches')} className="search-results" hidden={!open}>
        {results.map((p, i) => (
          <li
            key={p.id}
            id={`${listId}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => add(p)}
            onMouseEnter={() => setActive(i)}
          >
            <span className="opt-name">{p.name}</span>
            <span className="opt-meta">{p.category}</span>
            <span className="opt-price">{f.money(p.priceMinor)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

import { useCallback, useId, useState } from 'react';
import type { Product } from '../../../shared/schemas/products';
import { useApi } from '../../api/context';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { useCombobox } from '../../components/useCombobox';
import { useLiveSearch } from '../../components/useLiveSearch';

interface Props {
  onAdd(p: Product): void;
  /** Enter in the empty box: the sale is done */
  onSubmitEmpty(): void;
}

/** A scanned code (or a typed SKU) picks its product outright, before any highlighted match. */
function byCode(rows: Product[], text: string): Product | undefined {
  const code = text.trim().toLowerCase();
  return rows.find((p) => p.barcode === text.trim() || p.sku?.toLowerCase() === code);
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
  const [miss, setMiss] = useState('');
  const search = useCallback((q: string) => api.call('products.list', { query: q, limit: 8 }), [api]);
  const { results, settledQuery } = useLiveSearch(query, search);
  const hintId = useId();
  const open = query.trim() !== '' && results.length > 0;

  const add = (p: Product) => {
    onAdd(p);
    setQuery('');
    setMiss('');
    box.reset();
  };
  const box = useCombobox({
    results,
    open,
    onEnter: (highlighted) => {
      const text = query.trim();
      if (!text) return onSubmitEmpty();
      // The results on screen are for this very text: the code's product, else the highlighted one.
      if (settledQuery === text && highlighted) return add(byCode(results, text) ?? highlighted);
      // A scanner is faster than the search: ask for this text now.
      setQuery('');
      void search(text).then((rows) => {
        const p = byCode(rows, text) ?? rows[0];
        // The box was emptied at Enter: the next scan, typed meanwhile, stays in it (a second scan
        // of the same item was wiped here and lost).
        if (p) {
          onAdd(p);
          setMiss('');
        } else setMiss(text);
      });
    },
    onEscape: () => {
      setQuery('');
      setMiss('');
    },
  });

  return (
    <div className="item-entry">
      <label htmlFor={box.inputId}>{t('counter.addItem')}</label>
      <input
        {...box.inputProps}
        aria-describedby={hintId}
        value={query}
        placeholder={t('counter.addItemHint')}
        onChange={(e) => {
          setQuery(e.target.value);
          setMiss('');
          box.reset();
        }}
      />
      <div id={hintId} className="hint" role={miss ? 'alert' : undefined}>
        {miss ? t('counter.noProduct', { query: miss }) : t('counter.addItemKeys')}
      </div>
      <ul {...box.listProps} aria-label={t('counter.productMatches')}>
        {results.map((p, i) => (
          <li key={p.id} {...box.optionProps(i, () => add(p))}>
            <span className="opt-name">{p.name}</span>
            <span className="opt-meta">{p.category}</span>
            <span className="opt-price">{f.money(p.priceMinor)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

import { useId, useState, type KeyboardEvent, type MouseEvent } from 'react';

/**
 * The keyboard and ARIA wiring of a search box whose matches are a listbox (the counter's customer
 * search and item entry): ↑/↓ move through the open list, Enter takes the highlighted match (the
 * first by default), Esc clears. The caller renders the input and the options with these props.
 */
export function useCombobox<T>(opts: {
  results: T[];
  open: boolean;
  onEnter(highlighted: T | undefined): void;
  onEscape(): void;
}) {
  const { results, open } = opts;
  const [active, setActive] = useState(0);
  const listId = useId();
  const current = Math.min(active, results.length - 1);
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && open) {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, results.length - 1));
    } else if (e.key === 'ArrowUp' && open) {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      opts.onEnter(open ? results[current] : undefined);
    } else if (e.key === 'Escape') {
      setActive(0);
      opts.onEscape();
    }
  };
  return {
    inputId: `${listId}-input`,
    /** back to the first match (after a pick, or when the query changes) */
    reset: () => setActive(0),
    inputProps: {
      id: `${listId}-input`,
      type: 'search',
      role: 'combobox',
      autoComplete: 'off',
      spellCheck: false,
      'aria-expanded': open,
      'aria-controls': listId,
      'aria-autocomplete': 'list' as const,
      'aria-activedescendant': open ? `${listId}-opt-${current}` : undefined,
      onKeyDown,
    },
    listProps: { id: listId, role: 'listbox', className: 'search-results', hidden: !open },
    optionProps: (i: number, pick: () => void) => ({
      id: `${listId}-opt-${i}`,
      role: 'option',
      'aria-selected': i === active,
      className: i === active ? 'active' : undefined,
      // keep the focus in the search box
      onMouseDown: (e: MouseEvent) => e.preventDefault(),
      onClick: pick,
      onMouseEnter: () => setActive(i),
    }),
  };
}

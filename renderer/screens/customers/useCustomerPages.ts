import { useCallback, useEffect, useRef, useState } from 'react';
import type { CustomerSummary, ListInput } from '../../../shared/schemas/customer';
import { useApi } from '../../api/context';

export const PAGE_SIZE = 100;
/** Pages kept in memory; the ones farthest from the latest load are dropped (and refetched if scrolled back to). */
const MAX_PAGES = 40;

export type Sort = ListInput['sort'];
export type ConsentFilter = NonNullable<ListInput['consent']>;
export interface ListFilters {
  query: string;
  tag: string | null;
  consent: ConsentFilter | null;
  sort: Sort;
}

interface Loaded {
  key: string;
  total: number | null;
  pages: ReadonlyMap<number, CustomerSummary[]>;
  error: unknown;
}

/** The filters a list request is made for, with the pages in flight for them. */
interface Generation {
  key: string;
  filters: ListFilters;
  inFlight: Set<number>;
}

export function filtersKey(f: ListFilters): string {
  return JSON.stringify([f.query.trim(), f.tag, f.consent, f.sort]);
}

function fromKey(key: string): ListFilters {
  const [query, tag, consent, sort] = JSON.parse(key) as [string, string | null, ConsentFilter | null, Sort];
  return { query, tag, consent, sort };
}

function withPage(pages: ReadonlyMap<number, CustomerSummary[]>, page: number, rows: CustomerSummary[]) {
  const next = new Map(pages).set(page, rows);
  if (next.size > MAX_PAGES) {
    const far = [...next.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page));
    for (const p of far.slice(0, next.size - MAX_PAGES)) next.delete(p);
  }
  return next;
}

/**
 * The customer list, fetched a page (100 rows) at a time as the user scrolls, so 100,000 customers
 * cost no more than the few pages on screen. Pages are cached by offset and dropped when the filters
 * change; an answer for filters that are no longer current is ignored.
 */
export function useCustomerPages(filters: ListFilters) {
  const api = useApi();
  const key = filtersKey(filters);
  const [loaded, setLoaded] = useState<Loaded>({ key: '', total: null, pages: new Map(), error: null });
  const gen = useRef<Generation | null>(null);
  const [nonce, setNonce] = useState(0);

  const fetchPage = useCallback(
    (page: number) => {
      const g = gen.current;
      if (!g || g.inFlight.has(page)) return;
      g.inFlight.add(page);
      api.call('customers.list', { ...g.filters, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
        (res) => {
          g.inFlight.delete(page);
          if (gen.current !== g) return;
          setLoaded((s) =>
            s.key !== g.key ? s : { key: g.key, total: res.total, pages: withPage(s.pages, page, res.rows), error: null },
          );
        },
        (error: unknown) => {
          g.inFlight.delete(page);
          if (gen.current !== g) return;
          setLoaded((s) => (s.key !== g.key ? s : { ...s, error }));
        },
      );
    },
    [api],
  );

  useEffect(() => {
    // Keyed by value, so a new filters object with the same values does not refetch.
    gen.current = { key, filters: fromKey(key), inFlight: new Set() };
    setLoaded({ key, total: null, pages: new Map(), error: null });
    fetchPage(0);
  }, [key, nonce, fetchPage]);

  const current = loaded.key === key ? loaded : null;
  const pages = current?.pages;

  /** Makes sure the rows from..to (inclusive) are loaded or on their way. */
  const ensure = useCallback(
    (from: number, to: number) => {
      if (!pages || to < from) return;
      for (let p = Math.floor(from / PAGE_SIZE); p <= Math.floor(to / PAGE_SIZE); p++) if (!pages.has(p)) fetchPage(p);
    },
    [pages, fetchPage],
  );

  const rowAt = useCallback((i: number) => pages?.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE], [pages]);

  return {
    key,
    total: current?.total ?? null,
    error: current?.error ?? null,
    rowAt,
    ensure,
    retry: () => setNonce((n) => n + 1),
  };
}

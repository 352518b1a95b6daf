import { useEffect, useRef, useState } from 'react';

/**
 * Results while typing; a slower answer to an older query never overwrites a newer one. `search`
 * must be stable (useCallback), or every render searches again.
 */
export function useLiveSearch<T>(query: string, search: (q: string) => Promise<T[]>) {
  const [results, setResults] = useState<T[]>([]);
  const [settledQuery, setSettledQuery] = useState('');
  const seq = useRef(0);
  useEffect(() => {
    const q = query.trim();
    const mine = ++seq.current;
    if (!q) {
      setResults([]);
      setSettledQuery('');
      return;
    }
    search(q).then(
      (rows) => {
        if (mine === seq.current) {
          setResults(rows);
          setSettledQuery(q);
        }
      },
      () => {
        if (mine === seq.current) setResults([]);
      },
    );
  }, [query, search]);
  return { results, settled: settledQuery === query.trim(), settledQuery };
}

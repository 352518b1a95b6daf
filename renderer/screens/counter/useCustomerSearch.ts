import { useEffect, useRef, useState } from 'react';
import type { CustomerSummary } from '../../../shared/schemas/customer';
import { useApi } from '../../api/context';

/** Results while typing; a slower answer to an older query never overwrites a newer one. */
export function useCustomerSearch(query: string) {
  const api = useApi();
  const [results, setResults] = useState<CustomerSummary[]>([]);
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
    api.call('customers.search', { query: q, limit: 8 }).then(
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
  }, [api, query]);
  return { results, settled: settledQuery === query.trim() };
}

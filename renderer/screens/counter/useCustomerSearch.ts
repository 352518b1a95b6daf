import { useCallback } from 'react';
import { useApi } from '../../api/context';
import { useLiveSearch } from '../../components/useLiveSearch';

/** Customers matching what is typed in the counter's search box. */
export function useCustomerSearch(query: string) {
  const api = useApi();
  const search = useCallback((q: string) => api.call('customers.search', { query: q, limit: 8 }), [api]);
  return useLiveSearch(query, search);
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Customer } from '../../../shared/schemas/customer';
import type { Sale } from '../../../shared/schemas/sale';
import type { Out } from '../../../shared/api/contract';
import { useApi } from '../../api/context';
import { href } from '../../app/router';

/** How many purchases the timeline shows (newest first). */
export const TIMELINE_LIMIT = 200;

export type ConsentEvents = Out<'customers.consentHistory'>;

/**
 * One customer with their purchases and consent history. Opening a customer that was merged away
 * shows the one it was merged into, and the address follows (without a new history entry).
 */
export function useCustomerPage(id: number) {
  const api = useApi();
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [sales, setSales] = useState<Sale[]>([]);
  const [history, setHistory] = useState<ConsentEvents>([]);
  const [error, setError] = useState<unknown>(null);
  const seq = useRef(0);

  const load = useCallback(
    async (which: number) => {
      const mine = ++seq.current;
      try {
        const c = await api.call('customers.get', { id: which });
        const [s, h] = await Promise.all([
          api.call('customers.sales', { customerId: c.id, limit: TIMELINE_LIMIT }),
          api.call('customers.consentHistory', { id: c.id }),
        ]);
        if (mine !== seq.current) return;
        setCustomer(c);
        setSales(s);
        setHistory(h);
        setError(null);
        if (c.id !== which) window.history.replaceState(null, '', href(`/customers/${c.id}`));
      } catch (e) {
        if (mine === seq.current) setError(e);
      }
    },
    [api],
  );

  useEffect(() => {
    setCustomer(null);
    void load(id);
  }, [id, load]);

  const reloadHistory = useCallback(
    async (customerId: number) => {
      const mine = seq.current;
      const h = await api.call('customers.consentHistory', { id: customerId });
      if (mine === seq.current) setHistory(h);
    },
    [api],
  );

  return {
    customer,
    sales,
    history,
    error,
    setCustomer,
    reloadHistory,
    reload: () => load(customer?.id ?? id),
  };
}

import { useEffect } from 'react';
import type { Customer } from '../../../shared/schemas/customer';
import type { Sale } from '../../../shared/schemas/sale';
import type { Out } from '../../../shared/api/contract';
import type { ApiClient } from '../../api/client';
import { useApi } from '../../api/context';
import { useLatest } from '../../api/useCall';
import { href } from '../../app/router';

/** How many purchases the timeline shows (newest first). */
export const TIMELINE_LIMIT = 200;

export type ConsentEvents = Out<'customers.consentHistory'>;

interface Page {
  customer: Customer;
  sales: Sale[];
  history: ConsentEvents;
}

/** `customers.get` follows merges: a merged-away id answers with the customer it was merged into. */
async function loadPage(api: ApiClient, id: number): Promise<Page> {
  const customer = await api.call('customers.get', { id });
  const [sales, history] = await Promise.all([
    api.call('customers.sales', { customerId: customer.id, limit: TIMELINE_LIMIT }),
    api.call('customers.consentHistory', { id: customer.id }),
  ]);
  return { customer, sales, history };
}

/**
 * One customer with their purchases and consent history (the page is made afresh for each id).
 * Opening a customer that was merged away shows the one it was merged into, and the address follows
 * (without a new history entry). A reload keeps the page on screen until the new answer is in.
 */
export function useCustomerPage(id: number) {
  const api = useApi();
  const page = useLatest(() => loadPage(api, id), `customers.page ${id}`);
  const data = page.data;
  const shownId = data?.customer.id;
  useEffect(() => {
    if (shownId !== undefined && shownId !== id) window.history.replaceState(null, '', href(`/customers/${shownId}`));
  }, [shownId, id]);

  return {
    customer: data?.customer ?? null,
    sales: data?.sales ?? [],
    history: data?.history ?? [],
    error: page.error,
    /** the customer as a step the page took answered it (the rest stays until a reload) */
    setCustomer: (customer: Customer) => {
      if (data) page.set({ ...data, customer });
    },
    reload: page.reload,
  };
}

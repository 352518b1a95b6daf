import { useEffect, useRef, useState } from 'react';
import type { Customer, CustomerSummary } from '../../../shared/schemas/customer';
import type { Sale } from '../../../shared/schemas/sale';
import { useApi } from '../../api/context';
import { useCall } from '../../api/useCall';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { CustomerSearch } from './CustomerSearch';
import { CustomerCard } from './CustomerCard';
import { NewCustomerForm } from './NewCustomerForm';
import { SaleForm } from './SaleForm';
import { TodaySales } from './TodaySales';

/**
 * The first screen: find (or create) the customer, enter the amount, Enter. Focus goes back to the
 * search box after each sale so the next customer in the queue is a few keystrokes away.
 */
export function CounterScreen() {
  const { t } = useT();
  const f = useFormat();
  const api = useApi();
  const searchRef = useRef<HTMLInputElement>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  // The pick takes effect at once (so Enter-typing-Enter never races the network); the card's
  // details follow when they arrive.
  const [picked, setPicked] = useState<{ id: number; name: string } | null>(null);
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [creating, setCreating] = useState<string | null>(null);
  // Kept here so the counter starts clean once a customer is chosen, created or sold to.
  const [query, setQuery] = useState('');
  // Asked again after each sale or void: two quick sales never leave the older list on screen.
  const today = useCall('sales.today', { limit: 20 });
  const [message, setMessage] = useState('');

  useEffect(() => {
    searchRef.current?.focus();
  }, []);

  // A newer pick (or a clear) makes a slower answer for an older pick irrelevant.
  const pickSeq = useRef(0);
  const clear = () => {
    pickSeq.current++;
    setPicked(null);
    setCustomer(null);
  };
  const pickById = async (id: number, name?: string) => {
    const mine = ++pickSeq.current;
    setPicked(name !== undefined ? { id, name } : null);
    setCustomer(null);
    setCreating(null);
    setQuery('');
    amountRef.current?.focus();
    const full = await api.call('customers.get', { id });
    if (mine !== pickSeq.current) return;
    setPicked({ id: full.id, name: full.name });
    setCustomer(full);
  };
  const pick = (c: CustomerSummary) => void pickById(c.id, c.name);
  // After a void the picked customer's visits, spend and status are read again (the card is made
  // anew, so what it asks for itself is too); nothing else at the counter moves.
  const [cardRound, setCardRound] = useState(0);
  const refreshPicked = async () => {
    if (!picked) return;
    const mine = pickSeq.current;
    try {
      const full = await api.call('customers.get', { id: picked.id });
      if (mine !== pickSeq.current) return;
      setCustomer(full);
      setCardRound((n) => n + 1);
    } catch {
      // the card keeps what it showed; the next pick reads it again
    }
  };

  const onSaved = (sale: Sale) => {
    setMessage(t('counter.saleSaved', { amount: f.money(sale.amountMinor), who: sale.customerName ?? t('common.walkIn') }));
    // The next customer in the queue gets a clean counter: no leftover search, form or pick.
    clear();
    setQuery('');
    setCreating(null);
    today.reload();
    searchRef.current?.focus();
  };

  return (
    <div className="counter">
      <h1 className="visually-hidden">{t('counter.title')}</h1>
      <div className="counter-main">
        <div className="panel find">
          <CustomerSearch
            ref={searchRef}
            query={query}
            onQueryChange={setQuery}
            onPick={pick}
            onCreate={(q) => {
              setCreating(q);
              setMessage('');
            }}
            onClear={clear}
          />
          <button type="button" className="secondary new-customer-btn" onClick={() => setCreating('')}>
            {t('counter.newCustomer')}
          </button>
        </div>
        {/* under the search, where the focus goes back after a sale: in sight on a 768 px screen */}
        <div role="status" aria-live="polite" className="status-line">
          {message}
        </div>
        {creating !== null ? (
          <NewCustomerForm
            key={creating}
            initial={creating}
            onSaved={(c) => {
              pickSeq.current++;
              setPicked({ id: c.id, name: c.name });
              setCustomer(c);
              setCreating(null);
              // The name typed to find them is theirs now: Enter there must not create them twice.
              setQuery('');
              setMessage(t('counter.customerSaved', { name: c.name }));
              amountRef.current?.focus();
            }}
            onUseExisting={(id) => void pickById(id)}
            onCancel={() => {
              setCreating(null);
              searchRef.current?.focus();
            }}
          />
        ) : null}
        {customer && picked?.id === customer.id ? (
          <CustomerCard key={`${customer.id}:${cardRound}`} customer={customer} onClear={clear} />
        ) : null}
        <SaleForm ref={amountRef} customer={picked} onSaved={onSaved} />
      </div>
      <TodaySales
        sales={today.data ?? []}
        onChanged={(m) => {
          setMessage(m);
          today.reload();
          void refreshPicked();
        }}
      />
    </div>
  );
}

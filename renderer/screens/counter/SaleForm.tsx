import { forwardRef, useState, type FormEvent } from 'react';
import type { Sale } from '../../../shared/schemas/sale';
import { parseAmountToMinor } from '../../../shared/domain/money';
import { useApi } from '../../api/context';
import { ApiError } from '../../api/client';
import { useT } from '../../app/i18n';
import { useShop } from '../../app/shop';
import { SelectField, TextField } from '../../components/Field';
import { errorText, fieldError } from '../../components/errors';
import { usePaymentName } from '../../components/names';

interface Props {
  /** the picked customer (only id and name are needed to sell), or null for a walk-in */
  customer: { id: number; name: string } | null;
  onSaved(sale: Sale): void;
}

/**
 * Only the amount is required: items default to 1, payment method and staff to the shop's defaults.
 * Enter in any field saves. Checks the amount locally first so a typo never reaches the database.
 */
export const SaleForm = forwardRef<HTMLInputElement, Props>(function SaleForm({ customer, onSaved }, amountRef) {
  const { t } = useT();
  const api = useApi();
  const { status } = useShop();
  const paymentName = usePaymentName();
  const activeStaff = status.staff.filter((s) => s.isActive);
  const activePayments = status.paymentMethods.filter((p) => p.isActive);
  const [amount, setAmount] = useState('');
  const [items, setItems] = useState('1');
  const [promo, setPromo] = useState(false);
  const [discount, setDiscount] = useState('');
  const [paymentId, setPaymentId] = useState<string>(
    String(status.settings.defaultPaymentMethodId ?? activePayments[0]?.id ?? ''),
  );
  const [staffId, setStaffId] = useState<string>(String(status.settings.defaultStaffId ?? ''));
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const amountMinor = parseAmountToMinor(amount);
    const itemCount = /^\d+$/.test(items.trim()) ? Number(items) : NaN;
    const discountMinor = promo && discount.trim() ? parseAmountToMinor(discount) : 0;
    const local: { path: string[]; message: string }[] = [];
    if (amountMinor === null) local.push({ path: ['amountMinor'], message: amount.trim() ? 'amount_invalid' : 'required' });
    if (!Number.isInteger(itemCount) || itemCount < 1) local.push({ path: ['items'], message: 'items_invalid' });
    if (discountMinor === null) local.push({ path: ['discountMinor'], message: 'amount_invalid' });
    if (local.length) {
      setError(new ApiError('VALIDATION', local));
      return;
    }
    setBusy(true);
    try {
      const sale = await api.call('sales.record', {
        customerId: customer?.id ?? null,
        amountMinor: amountMinor!,
        items: itemCount,
        discountMinor: discountMinor ?? 0,
        isPromotion: promo,
        paymentMethodId: paymentId ? Number(paymentId) : null,
        staffId: staffId ? Number(staffId) : null,
        note: note.trim(),
      });
      setAmount('');
      setItems('1');
      setPromo(false);
      setDiscount('');
      setNote('');
      setError(null);
      onSaved(sale);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const amountErr = fieldError(t, error, 'amountMinor');
  const itemsErr = fieldError(t, error, 'items');
  const discountErr = fieldError(t, error, 'discountMinor');
  const otherErr = error && !amountErr && !itemsErr && !discountErr ? errorText(t, error) : null;

  return (
    <form className="panel sale-form" aria-label={t('counter.sale')} onSubmit={submit} noValidate>
      <h2>{customer ? `${t('counter.sale')} · ${customer.name}` : t('counter.walkInSale')}</h2>
      <div className="row">
        <TextField
          label={t('counter.amount')}
          inputRef={amountRef}
          inputMode="decimal"
          autoComplete="off"
          className="amount"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          error={amountErr}
        />
        <TextField
          label={t('counter.items')}
          inputMode="numeric"
          autoComplete="off"
          value={items}
          onChange={(e) => setItems(e.target.value)}
          error={itemsErr}
        />
      </div>
      <div className="row">
        <label className="check">
          <input type="checkbox" checked={promo} onChange={(e) => setPromo(e.target.checked)} />
          {t('counter.discount')}
        </label>
        {promo ? (
          <TextField
            label={t('counter.discountAmount')}
            inputMode="decimal"
            autoComplete="off"
            value={discount}
            onChange={(e) => setDiscount(e.target.value)}
            error={discountErr}
          />
        ) : null}
      </div>
      <div className="row">
        <SelectField label={t('counter.payment')} value={paymentId} onChange={(e) => setPaymentId(e.target.value)}>
          {activePayments.map((p) => (
            <option key={p.id} value={p.id}>
              {paymentName(p.id, p.name)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('counter.staff')} value={staffId} onChange={(e) => setStaffId(e.target.value)}>
          <option value="">{t('counter.noStaff')}</option>
          {activeStaff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField label={t('counter.note')} autoComplete="off" value={note} onChange={(e) => setNote(e.target.value)} />
      {otherErr ? (
        <p role="alert" className="form-error">
          {otherErr}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('counter.saveSale')}
        </button>
      </div>
    </form>
  );
});

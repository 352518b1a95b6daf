import { forwardRef, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Product } from '../../../shared/schemas/products';
import { ItemEntry } from './ItemEntry';
import { SaleLines, lineAmounts, type DraftLine } from './SaleLines';
import { OfferCodeField } from './OfferCodeField';
import type { Sale } from '../../../shared/schemas/sale';
import { parseAmountToMinor } from '../../../shared/domain/money';
import { useApi } from '../../api/context';
import { useCall } from '../../api/useCall';
import { ApiError } from '../../api/client';
import { useT } from '../../app/i18n';
import { useShop } from '../../app/shop';
import { useDevice } from '../../app/session';
import { useFormat } from '../../app/format';
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
 * A shop with a catalogue can also ring up items (name, pinyin or a scanned barcode): their lines
 * sum into the total, and a typed amount beside them is goods not in the catalogue.
 */
export const SaleForm = forwardRef<HTMLInputElement, Props>(function SaleForm({ customer, onSaved }, amountRef) {
  const { t } = useT();
  const api = useApi();
  const { status } = useShop();
  const paymentName = usePaymentName();
  const f = useFormat();
  const activeStaff = status.staff.filter((s) => s.isActive);
  const activePayments = status.paymentMethods.filter((p) => p.isActive);
  const [amount, setAmount] = useState('');
  const [items, setItems] = useState('1');
  const [promo, setPromo] = useState(false);
  const [discount, setDiscount] = useState('');
  const [paymentId, setPaymentId] = useState<string>(
    String(status.settings.defaultPaymentMethodId ?? activePayments[0]?.id ?? ''),
  );
  // On another device the person signed in sells (issue 18); at the main till, the shop's default.
  const signedIn = useDevice()?.me.staff?.id;
  const [staffId, setStaffId] = useState<string>(String(signedIn ?? status.settings.defaultStaffId ?? ''));
  // One key per sale: a request retried after a network drop is answered with the sale it already
  // saved, never saved twice (issue 18). A new key once the sale is saved.
  const saleKey = useRef(newSaleKey());
  const [note, setNote] = useState('');
  const [offerCode, setOfferCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [lines, setLines] = useState<DraftLine[]>([]);
  // A sale of nothing is asked about once before it is saved; changing what is sold asks again.
  const [zeroAsked, setZeroAsked] = useState(false);
  useEffect(() => setZeroAsked(false), [amount, lines, promo, discount]);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (zeroAsked) confirmRef.current?.focus();
  }, [zeroAsked]);
  // Item entry only shows for a shop that keeps a catalogue (not while unknown, nor if the question failed).
  const hasCatalogue = (useCall('products.list', { limit: 1 }).data?.length ?? 0) > 0;
  const formRef = useRef<HTMLFormElement>(null);
  const zeroId = useId();

  const addLine = (p: Product) =>
    setLines((cur) => {
      const at = cur.findIndex((l) => l.product.id === p.id);
      const same = cur[at];
      // The same product again (a second scan): one more on its line, when counted in whole units.
      if (same && /^\d+$/.test(same.quantity.trim())) {
        return cur.map((l, k) => (k === at ? { ...l, quantity: String(Number(l.quantity) + 1) } : l));
      }
      return same ? cur : [...cur, { product: p, quantity: '1', discount: '' }];
    });
  const amounts = lines.map(lineAmounts);
  const linesTotal = amounts.every((a) => a.total !== null) ? amounts.reduce((n, a) => n + a.total!, 0) : null;
  const extra = amount.trim() ? parseAmountToMinor(amount) : lines.length ? 0 : null;
  const saleDiscount = promo && discount.trim() ? parseAmountToMinor(discount) : 0;
  // the amount the offer code is checked against (before the offer)
  const beforeOffer =
    extra === null || saleDiscount === null
      ? null
      : lines.length
        ? linesTotal === null
          ? null
          : Math.max(0, linesTotal + extra - saleDiscount)
        : extra;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const withLines = lines.length > 0;
    const amountMinor = extra;
    const itemCount = /^\d+$/.test(items.trim()) ? Number(items) : NaN;
    const discountMinor = promo && discount.trim() ? parseAmountToMinor(discount) : 0;
    const local: { path: (string | number)[]; message: string }[] = [];
    if (amountMinor === null) local.push({ path: ['amountMinor'], message: amount.trim() ? 'amount_invalid' : 'required' });
    if (!withLines && (!Number.isInteger(itemCount) || itemCount < 1)) local.push({ path: ['items'], message: 'items_invalid' });
    if (discountMinor === null) local.push({ path: ['discountMinor'], message: 'amount_invalid' });
    if (withLines && linesTotal === null) local.push({ path: ['lines'], message: 'lines_invalid' });
    if (local.length) {
      setError(new ApiError('VALIDATION', local));
      return;
    }
    const totalMinor = withLines ? Math.max(0, linesTotal! + amountMinor! - (discountMinor ?? 0)) : amountMinor!;
    if (totalMinor === 0 && !zeroAsked) {
      setError(null);
      setZeroAsked(true);
      return;
    }
    setBusy(true);
    try {
      const sale = await api.call('sales.record', {
        customerId: customer?.id ?? null,
        amountMinor: totalMinor,
        lines: lines.map((l, i) => ({
          productId: l.product.id,
          quantity: amounts[i]!.quantityMilli! / 1000,
          lineDiscountMinor: amounts[i]!.discount!,
        })),
        items: withLines ? 1 : itemCount,
        discountMinor: discountMinor ?? 0,
        isPromotion: promo,
        paymentMethodId: paymentId ? Number(paymentId) : null,
        staffId: staffId ? Number(staffId) : null,
        note: note.trim(),
        ...(offerCode.trim() ? { offerCode } : {}),
        idempotencyKey: saleKey.current,
      });
      saleKey.current = newSaleKey();
      setAmount('');
      setLines([]);
      setItems('1');
      setPromo(false);
      setDiscount('');
      setNote('');
      setOfferCode('');
      setError(null);
      setZeroAsked(false);
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
  const onALine = error instanceof ApiError && error.issues.some((i) => i.path[0] === 'lines');
  const offerErr = fieldError(t, error, 'offerCode');
  const otherErr = error && !amountErr && !itemsErr && !discountErr && !offerErr && !onALine ? errorText(t, error) : null;

  return (
    <form ref={formRef} className="panel sale-form" aria-label={t('counter.sale')} onSubmit={submit} noValidate>
      <h2>{customer ? `${t('counter.sale')} · ${customer.name}` : t('counter.walkInSale')}</h2>
      {hasCatalogue ? <ItemEntry onAdd={addLine} onSubmitEmpty={() => formRef.current?.requestSubmit()} /> : null}
      {lines.length ? <SaleLines lines={lines} onChange={setLines} error={error} /> : null}
      <div className="row">
        <TextField
          label={lines.length ? t('counter.otherAmount') : t('counter.amount')}
          inputRef={amountRef}
          inputMode="decimal"
          autoComplete="off"
          className="amount"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          error={amountErr}
          hint={lines.length ? t('counter.otherAmountHint') : undefined}
        />
        {lines.length ? (
          <div className="field sale-total">
            <span className="label">{t('counter.total')}</span>
            <output aria-label={t('counter.total')}>
              {linesTotal === null || extra === null || saleDiscount === null
                ? '—'
                : f.money(Math.max(0, linesTotal + extra - saleDiscount))}
            </output>
          </div>
        ) : (
          <TextField
            label={t('counter.items')}
            inputMode="numeric"
            autoComplete="off"
            value={items}
            onChange={(e) => setItems(e.target.value)}
            error={itemsErr}
          />
        )}
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
      <OfferCodeField
        code={offerCode}
        onCode={setOfferCode}
        customerId={customer?.id ?? null}
        amountMinor={beforeOffer}
        saleError={error}
      />
      <TextField label={t('counter.note')} autoComplete="off" value={note} onChange={(e) => setNote(e.target.value)} />
      {otherErr ? (
        <p role="alert" className="form-error">
          {otherErr}
        </p>
      ) : null}
      {zeroAsked ? (
        <div role="alertdialog" aria-labelledby={zeroId} className="confirm-zero">
          <p id={zeroId}>{t('counter.zeroQuestion', { amount: f.money(0) })}</p>
          <div className="actions">
            <button ref={confirmRef} type="submit" className="primary" disabled={busy}>
              {t('counter.zeroYes', { amount: f.money(0) })}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setZeroAsked(false);
                if (amountRef && typeof amountRef === 'object') amountRef.current?.focus();
              }}
            >
              {t('counter.zeroNo')}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('counter.saveSale')}
          </button>
        </div>
      )}
    </form>
  );
});

/** 128 random bits as hex (crypto.randomUUID needs a secure context; an app:// page may not be one). */
function newSaleKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

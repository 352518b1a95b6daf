import { useState, type FormEvent } from 'react';
import type { Product } from '../../../shared/schemas/products';
import { parseAmountToMinor } from '../../../shared/domain/money';
import { useApi } from '../../api/context';
import { useCall, useLatest } from '../../api/useCall';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { TextField } from '../../components/Field';
import { errorText, fieldError, invalidField } from '../../components/errors';

const badAmount = () => invalidField('priceMinor');

/** Products: add, edit, retire and re-price, with each product's price history. */
export function ProductsSection() {
  const { t } = useT();
  const api = useApi();
  const [query, setQuery] = useState('');
  const [retired, setRetired] = useState(false);
  // the newest search wins: a slow answer for what was typed before never replaces this one's
  const products = useCall('products.list', { query, includeRetired: retired });
  const rows = products.data ?? [];
  const [open, setOpen] = useState<number | null>(null);
  const [addError, setError] = useState<unknown>(null);
  const error = addError ?? products.error;
  const [draft, setDraft] = useState({ name: '', category: '', price: '', barcode: '', sku: '' });

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const priceMinor = parseAmountToMinor(draft.price);
    if (priceMinor === null) return setError(badAmount());
    try {
      await api.call('products.create', {
        name: draft.name,
        category: draft.category,
        priceMinor,
        barcode: draft.barcode,
        sku: draft.sku,
      });
      setDraft({ name: '', category: '', price: '', barcode: '', sku: '' });
      setError(null);
      products.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section className="panel" aria-labelledby="settings-products-h">
      <h2 id="settings-products-h">{t('products.title')}</h2>
      <p className="muted">{t('products.hint')}</p>
      <div className="row">
        <TextField label={t('products.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
        <label className="check">
          <input type="checkbox" checked={retired} onChange={(e) => setRetired(e.target.checked)} /> {t('products.showRetired')}
        </label>
      </div>
      {rows.length ? (
        <table className="data-table" aria-label={t('products.title')}>
          <thead>
            <tr>
              <th scope="col">{t('products.name')}</th>
              <th scope="col">{t('products.category')}</th>
              <th scope="col">{t('products.price')}</th>
              <th scope="col">{t('products.codes')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('products.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <ProductRow
                key={p.id}
                p={p}
                open={open === p.id}
                onToggle={() => setOpen(open === p.id ? null : p.id)}
                onChanged={products.reload}
              />
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('products.none')}</p>
      )}
      <form className="row inline-add" onSubmit={add} noValidate aria-label={t('products.add')}>
        <TextField
          label={t('products.name')}
          value={draft.name}
          maxLength={100}
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          error={fieldError(t, error, 'name')}
        />
        <TextField
          label={t('products.category')}
          value={draft.category}
          maxLength={50}
          onChange={(e) => setDraft({ ...draft, category: e.target.value })}
        />
        <TextField
          label={t('products.price')}
          inputMode="decimal"
          value={draft.price}
          onChange={(e) => setDraft({ ...draft, price: e.target.value })}
          error={fieldError(t, error, 'priceMinor')}
        />
        <TextField
          label={t('products.barcode')}
          value={draft.barcode}
          maxLength={64}
          onChange={(e) => setDraft({ ...draft, barcode: e.target.value })}
          error={fieldError(t, error, 'barcode')}
        />
        <TextField
          label={t('products.sku')}
          value={draft.sku}
          maxLength={64}
          onChange={(e) => setDraft({ ...draft, sku: e.target.value })}
          error={fieldError(t, error, 'sku')}
        />
        <button type="submit">{t('products.add')}</button>
      </form>
      {error && !['name', 'priceMinor', 'barcode', 'sku'].some((k) => fieldError(t, error, k)) ? (
        <p role="alert" className="form-error">
          {errorText(t, error)}
        </p>
      ) : null}
    </section>
  );
}

function ProductRow({ p, open, onToggle, onChanged }: { p: Product; open: boolean; onToggle(): void; onChanged(): void }) {
  const { t } = useT();
  const f = useFormat();
  const api = useApi();
  // asked again when the product's price changes (the reload after a re-price brings the new one)
  const loaded = useLatest(
    open ? () => api.call('products.history', { id: p.id }) : null,
    `products.history ${p.id} ${p.priceMinor}`,
  );
  const history = loaded.data ?? [];
  const [price, setPrice] = useState('');
  const [note, setNote] = useState('');
  const [stepError, setError] = useState<unknown>(null);
  const error = stepError ?? loaded.error;

  const reprice = async (e: FormEvent) => {
    e.preventDefault();
    const priceMinor = parseAmountToMinor(price);
    if (priceMinor === null) return setError(badAmount());
    try {
      await api.call('products.reprice', { id: p.id, priceMinor, note });
      setPrice('');
      setNote('');
      setError(null);
      onChanged();
    } catch (err) {
      setError(err);
    }
  };
  const toggleActive = async () => {
    await api.call('products.update', { id: p.id, isActive: !p.isActive });
    onChanged();
  };

  return (
    <>
      <tr className={p.isActive ? undefined : 'muted'}>
        <th scope="row" className="nowrap">
          {p.name}
        </th>
        <td>{p.category}</td>
        <td>{f.money(p.priceMinor)}</td>
        <td>{[p.barcode, p.sku].filter(Boolean).join(' · ')}</td>
        <td className="nowrap">
          <button
            type="button"
            className="secondary small"
            aria-label={t('products.priceFor', { name: p.name })}
            aria-expanded={open}
            onClick={onToggle}
          >
            {t('products.priceButton')}
          </button>{' '}
          <button
            type="button"
            className="secondary small"
            aria-label={p.isActive ? t('products.retire', { name: p.name }) : t('products.restore', { name: p.name })}
            onClick={() => void toggleActive()}
          >
            {p.isActive ? t('products.retireButton') : t('products.restoreButton')}
          </button>
        </td>
      </tr>
      {open ? (
        <tr>
          <td colSpan={5}>
            <form className="row" onSubmit={reprice} noValidate aria-label={t('products.priceFor', { name: p.name })}>
              <TextField
                label={t('products.newPrice')}
                inputMode="decimal"
                value={price}
                onChange={(e) => setPrice(e.target.value)}
                error={fieldError(t, error, 'priceMinor')}
              />
              <TextField label={t('products.priceNote')} value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} />
              <button type="submit">{t('products.reprice')}</button>
            </form>
            {error && !fieldError(t, error, 'priceMinor') ? (
              <p role="alert" className="form-error">
                {errorText(t, error)}
              </p>
            ) : null}
            <table className="chart-table" aria-label={t('products.history', { name: p.name })}>
              <thead>
                <tr>
                  <th scope="col">{t('products.changedOn')}</th>
                  <th scope="col">{t('products.oldPrice')}</th>
                  <th scope="col">{t('products.newPrice')}</th>
                  <th scope="col">{t('products.by')}</th>
                  <th scope="col">{t('products.priceNote')}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((h) => (
                  <tr key={h.id}>
                    <th scope="row">{f.day(h.changedOn)}</th>
                    <td>{h.oldPriceMinor === null ? '—' : f.money(h.oldPriceMinor)}</td>
                    <td>{f.money(h.newPriceMinor)}</td>
                    <td>{h.staffName ?? ''}</td>
                    <td>{h.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </td>
        </tr>
      ) : null}
    </>
  );
}

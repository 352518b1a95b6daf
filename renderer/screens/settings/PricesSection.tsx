import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/context';
import { useCall } from '../../api/useCall';
import { useT } from '../../app/i18n';
import { useShop } from '../../app/shop';
import { useFormat } from '../../app/format';
import { SelectField, TextField } from '../../components/Field';
import { DateField } from '../../components/DateField';
import { errorText, fieldError } from '../../components/errors';

/** Price changes: the owner records the date and what changed; the lapsed list and Insights use them. */
export function PricesSection() {
  const { t } = useT();
  const f = useFormat();
  const api = useApi();
  const { status } = useShop();
  const changes = useCall('priceChanges.list', {});
  const rows = changes.data ?? [];
  const [changedOn, setChangedOn] = useState(status.today);
  const [note, setNote] = useState('');
  const [category, setCategory] = useState('');
  // a catalogue that fails to load only leaves out the category choice
  const products = useCall('products.list', { includeRetired: true, limit: 1000 }).data ?? [];
  const categories = [...new Set(products.map((p) => p.category).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const [saveError, setSaveError] = useState<unknown>(null);
  const error = saveError ?? changes.error;
  const [confirming, setConfirming] = useState<number | null>(null);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api.call('priceChanges.create', { changedOn, note, category });
      setNote('');
      setSaveError(null);
      changes.reload();
    } catch (err) {
      setSaveError(err);
    }
  };
  const remove = async (id: number) => {
    try {
      await api.call('priceChanges.delete', { id });
      setConfirming(null);
      changes.reload();
    } catch (err) {
      setSaveError(err);
    }
  };

  return (
    <section className="panel" aria-labelledby="settings-prices-h">
      <h2 id="settings-prices-h">{t('settings.prices')}</h2>
      <p className="muted">{t('settings.pricesHint')}</p>
      {rows.length ? (
        <ul className="plain-list">
          {rows.map((r) => (
            <li key={r.id}>
              <time dateTime={r.changedOn}>{f.day(r.changedOn)}</time>
              <span>
                {r.category ? <strong>{r.category} · </strong> : null}
                {r.note}
              </span>
              {confirming === r.id ? (
                <>
                  <button type="button" className="danger small" onClick={() => void remove(r.id)}>
                    {t('settings.priceDeleteConfirm', { date: f.day(r.changedOn) })}
                  </button>
                  <button type="button" className="secondary small" onClick={() => setConfirming(null)}>
                    {t('common.cancel')}
                  </button>
                </>
              ) : (
                <button type="button" className="secondary small" onClick={() => setConfirming(r.id)}>
                  {t('settings.priceDelete', { date: f.day(r.changedOn) })}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('settings.pricesNone')}</p>
      )}
      <form className="row inline-add" onSubmit={add} noValidate>
        <DateField
          label={t('settings.priceDate')}
          value={changedOn}
          max={status.today}
          onChange={setChangedOn}
          error={fieldError(t, error, 'changedOn')}
        />
        <TextField
          label={t('settings.priceNote')}
          value={note}
          maxLength={200}
          onChange={(e) => setNote(e.target.value)}
          error={fieldError(t, error, 'note')}
        />
        {categories.length ? (
          <SelectField label={t('settings.priceCategory')} value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">{t('settings.priceWholeShop')}</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </SelectField>
        ) : null}
        <button type="submit">{t('settings.priceAdd')}</button>
      </form>
      {error && !fieldError(t, error, 'changedOn') && !fieldError(t, error, 'note') ? (
        <p role="alert" className="error">
          {errorText(t, error)}
        </p>
      ) : null}
    </section>
  );
}

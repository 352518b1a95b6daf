import { useState, type FormEvent } from 'react';
import type { SavedFilter } from '../../../shared/schemas/customer';
import { useApi } from '../../api/context';
import { useCall } from '../../api/useCall';
import { useT } from '../../app/i18n';
import { TextField } from '../../components/Field';
import { errorText, fieldError } from '../../components/errors';

type Filter = Pick<SavedFilter, 'query' | 'tag' | 'consent'>;

/** Named filters: save the current one, apply or delete a saved one (also an export segment). */
export function SavedFilters({ current, filtered, onApply }: { current: Filter; filtered: boolean; onApply(f: Filter): void }) {
  const { t } = useT();
  const api = useApi();
  const filters = useCall('filters.list', {});
  const list = filters.data ?? [];
  const [name, setName] = useState('');
  const [stepError, setStepError] = useState<unknown>(null);
  const error = stepError ?? filters.error;
  const [saved, setSaved] = useState('');

  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const f = await api.call('filters.save', { name, query: current.query, tag: current.tag, consent: current.consent });
      setSaved(t('customers.filterSaved', { name: f.name }));
      setName('');
      setStepError(null);
      filters.reload();
    } catch (err) {
      setStepError(err);
    }
  };

  return (
    <div className="saved-filters">
      {list.length ? (
        <ul className="plain-list inline" aria-label={t('customers.savedFilters')}>
          {list.map((f) => (
            <li key={f.id}>
              <button type="button" className="secondary small" onClick={() => onApply(f)}>
                {t('customers.applyFilter', { name: f.name })}
              </button>
              <button
                type="button"
                className="secondary small"
                aria-label={t('customers.deleteFilter', { name: f.name })}
                onClick={() => void api.call('filters.delete', { id: f.id }).then(filters.reload, setStepError)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {filtered ? (
        <form className="row inline-add" onSubmit={save} noValidate>
          <TextField
            label={t('customers.filterName')}
            value={name}
            maxLength={60}
            onChange={(e) => setName(e.target.value)}
            error={fieldError(t, error, 'name')}
          />
          <button type="submit">{t('customers.saveFilter')}</button>
        </form>
      ) : null}
      {saved ? <p role="status">{saved}</p> : null}
      {error && !fieldError(t, error, 'name') ? (
        <p role="alert" className="form-error">
          {errorText(t, error)}
        </p>
      ) : null}
    </div>
  );
}

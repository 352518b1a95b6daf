import { useId, useState, type FormEvent } from 'react';
import type { Customer } from '../../../shared/schemas/customer';
import { useApi } from '../../api/context';
import { useT } from '../../app/i18n';
import { TextField } from '../../components/Field';
import { errorText, fieldError } from '../../components/errors';

interface Props {
  customer: Customer;
  onSaved(c: Customer, message: string): void;
}

/** "vip, 老客户，团购" → ["vip", "老客户", "团购"]: Latin and Chinese commas both separate; duplicates go. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[,，、;；]/)) {
    const tag = raw.trim();
    if (tag && !seen.has(tag.toLowerCase())) {
      seen.add(tag.toLowerCase());
      out.push(tag);
    }
  }
  return out;
}

export function TagsSection({ customer, onSaved }: Props) {
  const { t } = useT();
  const api = useApi();
  const [text, setText] = useState(customer.tags.join(', '));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const c = await api.call('customers.update', { id: customer.id, tags: parseTags(text) });
      setError(null);
      setText(c.tags.join(', '));
      onSaved(c, t('customers.tagsSaved'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const tagsErr = fieldError(t, error, 'tags');
  return (
    <section className="panel" aria-labelledby="cp-tags-h">
      <h2 id="cp-tags-h">{t('customers.tags')}</h2>
      <p className="tag-chips">
        {customer.tags.length ? (
          customer.tags.map((tag) => (
            <span key={tag} className="tag">
              {tag}
            </span>
          ))
        ) : (
          <span className="muted">{t('customers.noTags')}</span>
        )}
      </p>
      <form onSubmit={submit} noValidate className="inline-form">
        <TextField
          label={t('customers.tagsEdit')}
          hint={t('customers.tagsHint')}
          autoComplete="off"
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={tagsErr}
        />
        <button type="submit" className="secondary" disabled={busy}>
          {t('customers.saveTags')}
        </button>
      </form>
      {error && !tagsErr ? (
        <p role="alert" className="form-error">
          {errorText(t, error)}
        </p>
      ) : null}
    </section>
  );
}

export function NotesSection({ customer, onSaved }: Props) {
  const { t } = useT();
  const api = useApi();
  const id = useId();
  const [notes, setNotes] = useState(customer.notes);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const c = await api.call('customers.update', { id: customer.id, notes });
      setError(null);
      setNotes(c.notes);
      onSaved(c, t('customers.notesSaved'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const notesErr = fieldError(t, error, 'notes');
  return (
    <section className="panel" aria-labelledby="cp-notes-h">
      <h2 id="cp-notes-h">{t('customers.notes')}</h2>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={id} className="visually-hidden">
            {t('customers.notes')}
          </label>
          <textarea
            id={id}
            rows={5}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
            aria-invalid={notesErr ? true : undefined}
            aria-describedby={notesErr ? `${id}-err` : undefined}
          />
          {notesErr ? (
            <div id={`${id}-err`} className="field-error" role="alert">
              {notesErr}
            </div>
          ) : null}
        </div>
        {error && !notesErr ? (
          <p role="alert" className="form-error">
            {errorText(t, error)}
          </p>
        ) : null}
        <button type="submit" className="secondary" disabled={busy || notes === customer.notes}>
          {t('customers.saveNotes')}
        </button>
      </form>
    </section>
  );
}

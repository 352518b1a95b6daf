import { useState, type FormEvent } from 'react';
import { MESSAGE_KINDS, MESSAGE_VARIABLES, type MessageKind } from '../../../shared/domain/messages';
import { messages, type BaseKey, type MessageKey } from '../../../shared/i18n';
import { useApi } from '../../api/context';
import { ApiError } from '../../api/client';
import { useT } from '../../app/i18n';
import { useShop } from '../../app/shop';
import { TextAreaField } from '../../components/Field';
import { errorText } from '../../components/errors';

type Texts = Record<MessageKind, string>;

/** The suggested messages to customers, one per kind of task, in the shop's language; the owner rewrites them. */
export function MessagesSection() {
  const { t } = useT();
  const api = useApi();
  const { status, refresh } = useShop();
  const dict = messages[status.settings.language === 'en' ? 'en' : 'zh-CN'];
  const shown = (own: Partial<Texts> | null): Texts =>
    Object.fromEntries(MESSAGE_KINDS.map((k) => [k, own?.[k] || dict[`reach.default.${k}` as MessageKey]])) as Texts;
  const [draft, setDraft] = useState<Texts>(() => shown(status.settings.messages));
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState('');

  const save = async (texts: Texts | null) => {
    setSaved('');
    try {
      const next = await api.call('settings.update', { messages: texts });
      await refresh();
      setError(null);
      setDraft(shown(next.messages));
      setSaved(t('settings.saved'));
    } catch (e) {
      setError(e);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Only the rewritten texts are kept, so the others follow the shop's language if it changes.
    const own = MESSAGE_KINDS.filter((k) => draft[k].trim() !== dict[`reach.default.${k}` as MessageKey]);
    void save(own.length ? (Object.fromEntries(own.map((k) => [k, draft[k]])) as Texts) : null);
  };
  // Issues come as path ['messages', kind].
  const issue = (k: MessageKind) => {
    const found = error instanceof ApiError ? error.issues.find((i) => i.path[0] === 'messages' && i.path[1] === k) : undefined;
    return found ? t(`error.field.${found.message}` as BaseKey) : undefined;
  };
  const vars = MESSAGE_VARIABLES.map((v) => `{{${v}}}`).join(' ');
  return (
    <section className="panel" aria-labelledby="settings-messages-h">
      <h2 id="settings-messages-h">{t('reach.settings.title')}</h2>
      <p className="hint">{t('reach.settings.hint', { vars })}</p>
      <form onSubmit={submit} noValidate>
        {MESSAGE_KINDS.map((k) => (
          <TextAreaField
            key={k}
            label={t(`reach.kind.${k}`)}
            rows={3}
            maxLength={1000}
            value={draft[k]}
            onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
            error={issue(k)}
          />
        ))}
        <div className="actions">
          <button type="submit">{t('common.save')}</button>
          <button type="button" className="secondary" onClick={() => void save(null)}>
            {t('reach.settings.reset')}
          </button>
        </div>
      </form>
      {error && !MESSAGE_KINDS.some(issue) ? <p role="alert">{errorText(t, error)}</p> : null}
      <p role="status" className="status-line">
        {saved}
      </p>
    </section>
  );
}
